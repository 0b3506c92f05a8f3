// The resume journal: what a run has done so far, written as each step completes, so a re-run of
// the same intent after a crash continues where it stopped and never pays twice.

export interface UploadRecord {
  fileId: string;
  /** The source identity the file was made from: a changed file is uploaded anew. */
  identity: string;
  uploaded: boolean;
}

export interface OutputRecord {
  fileName: string;
  /** Bytes saved; equal to the output's size once complete. */
  bytes: number;
  complete: boolean;
  /** The version being downloaded, so a resumed Range request can insist on it (If-Match). */
  etag?: string;
  /** Where the sink put it; until complete, the partial file this run writes it into (the only one it resumes). */
  location?: string;
  /**
   * Complete, but maybe not yet renamed into place: the temporary file it was saved in. The output
   * is journalled as complete just before the rename, so that a crash between the two finds it here
   * instead of fetching it again.
   */
  renamedFrom?: string;
}

export interface RunRecord {
  version: 1;
  /** Digest of the run's intent (sources, settings): which run this record belongs to. */
  intent: string;
  createdAt: string;
  uploads: Record<string, UploadRecord>;
  takeId?: string;
  /** Multi-camera: the volume this run made (a volume given by the caller is not journalled). */
  volumeId?: string;
  /** Written before createVolumeWithHuman is sent; found again in the volume's metadata. */
  volumeToken?: string;
  /** Written before the job is created; found again in the job's metadata. */
  clientToken?: string;
  jobId?: string;
  outputs: Record<string, OutputRecord>;
  finishedAt?: string;
}

/** The answer to a lock request: held, with its release, or held by someone else. */
export type JournalLock = { acquired: true; release(): Promise<void> } | { acquired: false; holder: string };

/** Storage for journal records, by intent key. */
export interface JournalStore {
  read(key: string): Promise<RunRecord | undefined>;
  write(key: string, record: RunRecord): Promise<void>;
  remove?(key: string): Promise<void>;
  /**
   * Takes the record's lock without waiting, so that one run at a time works on it (two runs of one
   * intent would otherwise both create a job). `holder` says who has it, for the waiting message.
   */
  lock?(key: string): Promise<JournalLock>;
  /** Where the record lives (a file path), for messages. */
  locate?(key: string): string;
}

/** In-memory journal: resumes within one process only (tests, n8n executions). */
export function memoryJournal(): JournalStore & { records: Map<string, RunRecord> } {
  const records = new Map<string, RunRecord>();
  const locked = new Set<string>();
  return {
    records,
    lock: async (key) => {
      if (locked.has(key)) return { acquired: false, holder: 'another run in this process' };
      locked.add(key);
      return {
        acquired: true,
        release: async () => {
          locked.delete(key);
        },
      };
    },
    read: async (key) => {
      const record = records.get(key);
      return record ? structuredClone(record) : undefined;
    },
    write: async (key, record) => {
      records.set(key, structuredClone(record));
    },
    remove: async (key) => {
      records.delete(key);
    },
  };
}

/** Wraps a record so every change is written through before the workflow goes on. */
export class Journal {
  readonly #store: JournalStore;
  readonly key: string;
  record: RunRecord;
  #release: (() => Promise<void>) | undefined;

  private constructor(store: JournalStore, key: string, record: RunRecord) {
    this.#store = store;
    this.key = key;
    this.record = record;
  }

  /** Where the record of `key` lives, for messages: a file path, or the key for stores that have none. */
  static locate(store: JournalStore, key: string): string {
    return store.locate?.(key) ?? `journal record ${key}`;
  }

  get location(): string {
    return Journal.locate(this.#store, this.key);
  }

  /**
   * Opens the record under a lock taken beforehand (see openRunJournal); close() lets it go. With
   * `fresh`, an earlier record is replaced by an empty one at once.
   */
  static async openLocked(
    store: JournalStore,
    key: string,
    release: () => Promise<void>,
    { fresh = false } = {},
  ): Promise<Journal> {
    const journal = await Journal.open(store, key, { fresh });
    if (fresh) await journal.update(() => {});
    journal.#release = release;
    return journal;
  }

  /** Lets go of the lock, if this journal holds one. */
  async close(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    await release?.();
  }

  /** The record of `key`, or a new one (always new with `fresh`: what an earlier run recorded is ignored). */
  static async open(store: JournalStore, key: string, { fresh = false } = {}): Promise<Journal> {
    const existing = fresh ? undefined : await store.read(key);
    const record: RunRecord = existing ?? {
      version: 1,
      intent: key,
      createdAt: new Date().toISOString(),
      uploads: {},
      outputs: {},
    };
    return new Journal(store, key, record);
  }

  get resumed(): boolean {
    return Object.keys(this.record.uploads).length > 0 || this.record.takeId !== undefined;
  }

  async update(change: (record: RunRecord) => void): Promise<void> {
    change(this.record);
    await this.#store.write(this.key, this.record);
  }
}
