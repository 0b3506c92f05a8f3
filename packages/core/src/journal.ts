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
  location?: string;
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

/** Storage for journal records, by intent key. */
export interface JournalStore {
  read(key: string): Promise<RunRecord | undefined>;
  write(key: string, record: RunRecord): Promise<void>;
  remove?(key: string): Promise<void>;
}

/** In-memory journal: resumes within one process only (tests, n8n executions). */
export function memoryJournal(): JournalStore & { records: Map<string, RunRecord> } {
  const records = new Map<string, RunRecord>();
  return {
    records,
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

  private constructor(store: JournalStore, key: string, record: RunRecord) {
    this.#store = store;
    this.key = key;
    this.record = record;
  }

  static async open(store: JournalStore, key: string): Promise<Journal> {
    const existing = await store.read(key);
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
