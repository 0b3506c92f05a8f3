// The resume journal on disk: one small JSON file per run, replaced atomically (temp file, fsync,
// rename) so a crash mid-write leaves either the old record or the new one, never half of each.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { MoveError, MoveValidationError } from '@move-ugc/sdk';
import type { JournalStore, RunRecord } from '../ports/journal';
import { takeLock } from './journal-lock';
import { errorCode, syncDirectory } from './runtime';

/** A journal file that cannot be read back as a run record. */
export class MoveJournalError extends MoveError {
  override name = 'MoveJournalError';
  readonly path: string;
  constructor(message: string, path: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.path = path;
  }
}

const KEY = /^[A-Za-z0-9_-]{1,128}$/;

export function fileJournal(dir: string): JournalStore {
  const fileOf = (key: string) => {
    if (!KEY.test(key)) {
      throw new MoveValidationError(
        `Journal key ${JSON.stringify(key.slice(0, 140))} is not usable as a file name: use 1-128 letters, digits, '-' or '_' (a hex digest).`,
        'key',
      );
    }
    return join(dir, `${key}.json`);
  };

  return {
    async read(key) {
      const file = fileOf(key);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return undefined;
        throw error;
      }
      return parseRecord(text, file);
    },

    async write(key, record) {
      const file = fileOf(key);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
      try {
        const handle = await open(temp, 'w', 0o600);
        try {
          await handle.writeFile(`${JSON.stringify(record, null, 2)}\n`, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      await syncDirectory(dir);
    },

    async remove(key) {
      await rm(fileOf(key), { force: true });
    },

    async lock(key) {
      const file = fileOf(key);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      return takeLock(`${file}.lock`);
    },

    locate: fileOf,
  };
}

function parseRecord(text: string, file: string): RunRecord {
  const fix = `Delete ${file} to start that run over (uploads and a job already created are not reused then).`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MoveJournalError(`The run journal ${file} is corrupt (not valid JSON). ${fix}`, file, { cause: error });
  }
  const record = value as Partial<RunRecord> | null;
  if (
    typeof record !== 'object' ||
    record === null ||
    typeof record.uploads !== 'object' ||
    typeof record.outputs !== 'object'
  ) {
    throw new MoveJournalError(`The run journal ${file} is not a run record. ${fix}`, file);
  }
  if (record.version !== 1) {
    throw new MoveJournalError(
      `The run journal ${file} has version ${String(record.version)}, which this version of move-ugc cannot read. ` +
        `Upgrade move-ugc, or: ${fix}`,
      file,
    );
  }
  return record as RunRecord;
}

/**
 * Where the CLI keeps run journals: `$XDG_STATE_HOME/move-ugc/runs`, else the platform's place for
 * per-user state (~/.local/state on Linux, ~/Library/Application Support on macOS,
 * %LOCALAPPDATA% on Windows).
 */
export function defaultJournalDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  // The XDG spec says to ignore relative values.
  const xdg = env.XDG_STATE_HOME;
  if (xdg && (xdg.startsWith('/') || /^[A-Za-z]:[\\/]/.test(xdg))) return join(xdg, 'move-ugc', 'runs');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'move-ugc', 'runs');
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'move-ugc', 'runs');
  return join(home, '.local', 'state', 'move-ugc', 'runs');
}
