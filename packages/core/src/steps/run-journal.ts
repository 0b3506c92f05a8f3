// A run's journal: its record, kept apart per account (endpoint and API key) and locked for as long
// as the run goes on, so that a re-run continues only what it can reach and two runs of the same
// intent never both pay.
import { MoveAbortError, MoveError, MoveNotFoundError } from '@move-ugc/sdk';
import { Journal } from '../ports/journal';
import { type Context, throwIfAborted } from './context';
import { intentKey } from './intent';

export interface RunJournalOptions {
  /**
   * Start anew: forget what an earlier run of the same intent recorded (its uploads and its job),
   * so this run uploads again and pays for a new job.
   */
  fresh?: boolean;
  /**
   * When another run of the same intent holds the journal: `wait` for it (the default; this run
   * then continues from what it recorded) or `fail` at once with MoveRunLockedError.
   */
  ifRunning?: 'wait' | 'fail';
}

/** How often a waiting run looks whether the other one has finished. */
const LOCK_POLL_MS = 500;

/** Another run of the same intent holds the journal, and this one was asked not to wait. */
export class MoveRunLockedError extends MoveError {
  override name = 'MoveRunLockedError';
  readonly holder: string;
  constructor(holder: string, location: string) {
    super(
      `Another run of the same video and settings is in progress (${holder}; journal ${location}). ` +
        'Let it finish, or wait for it (it is not charged twice); if no such run exists any more, delete the lock file next to that journal.',
    );
    this.holder = holder;
  }
}

/** The journal names something (an upload, take or job) that Move no longer has for this account. */
export class MoveStaleJournalError extends MoveError {
  override name = 'MoveStaleJournalError';
  readonly location: string;
  constructor(detail: string, location: string, host: string, options: { cause?: unknown } = {}) {
    super(
      `An earlier run's journal (${location}) names what ${host} does not have: ${detail} ` +
        'Start anew with the fresh option (`--fresh` on the command line): it uploads again and pays for a new job.',
      options,
    );
    this.location = location;
  }
}

/** Opens the journal of a run of `kind` and `intent`, for the account the client acts for, locked. */
export async function openRunJournal(
  ctx: Context,
  kind: string,
  intent: string,
  { fresh = false, ifRunning = 'wait' }: RunJournalOptions = {},
): Promise<Journal> {
  const store = ctx.journal;
  const key = await intentKey(kind, { intent, account: await ctx.ugc.accountFingerprint() });
  let release = async () => {};
  if (store.lock) {
    for (let waited = false; ; waited = true) {
      throwIfAborted(ctx, 'Waiting for the other run');
      const lock = await store.lock(key);
      if (lock.acquired) {
        release = lock.release;
        break;
      }
      const location = Journal.locate(store, key);
      if (ifRunning === 'fail') throw new MoveRunLockedError(lock.holder, location);
      if (!waited) ctx.emit({ type: 'run.waiting', holder: lock.holder, location });
      try {
        await ctx.sleep(LOCK_POLL_MS, ctx.signal);
      } catch {
        throw new MoveAbortError('Waiting for the other run was aborted.');
      }
    }
  }
  try {
    return await Journal.openLocked(store, key, release, { fresh });
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * Runs `work` on `journal`, then lets go of its lock. A not-found for something the journal
 * recorded (the journal of another account, or of a deleted job) becomes MoveStaleJournalError.
 */
export async function withRunJournal<T>(ctx: Context, journal: Journal, work: () => Promise<T>): Promise<T> {
  const resumed = journal.resumed;
  try {
    return await work();
  } catch (error) {
    if (error instanceof MoveNotFoundError && resumed) {
      throw new MoveStaleJournalError(error.message, journal.location, new URL(ctx.ugc.endpoint).host, {
        cause: error,
      });
    }
    throw error;
  } finally {
    await journal.close();
  }
}
