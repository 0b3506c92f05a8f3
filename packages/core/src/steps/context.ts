// What every step of the workflow works with: the API client and the platform's means (transfers,
// sleep, abort, journal, clock), all injected so the same code runs in the CLI, an Action and n8n.
import { backoffMs, defaultSleep, MoveAbortError, type MoveUgc, type Sleep } from '@move-ugc/sdk';
import type { EventListener, RetryPhase, RunEvent } from '../events';
import { type JournalStore, memoryJournal } from '../ports/journal';
import { fetchTransfer, type TransferAgent } from '../ports/transfer';

export interface WorkflowOptions {
  ugc: MoveUgc;
  /** Moves bytes to and from presigned URLs; fetch by default, undici in `@move-ugc/core/node`. */
  transfer?: TransferAgent;
  sleep?: Sleep;
  signal?: AbortSignal;
  onEvent?: EventListener;
  /** Where the resume journal lives; in memory by default (no resume across processes). */
  journal?: JournalStore;
  now?: () => number;
  random?: () => number;
}

export interface Context {
  ugc: MoveUgc;
  transfer: TransferAgent;
  sleep: Sleep;
  signal: AbortSignal | undefined;
  emit: (event: RunEvent) => void;
  journal: JournalStore;
  now: () => number;
  random: () => number;
}

export function createContext(options: WorkflowOptions): Context {
  const listener = options.onEvent;
  return {
    ugc: options.ugc,
    transfer: options.transfer ?? fetchTransfer(),
    sleep: options.sleep ?? defaultSleep(),
    signal: options.signal,
    // A listener that throws must not break a run that is spending credits.
    emit: listener
      ? (event) => {
          try {
            listener(event);
          } catch {}
        }
      : () => {},
    journal: options.journal ?? memoryJournal(),
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  };
}

export function throwIfAborted(ctx: Context, what: string): void {
  if (ctx.signal?.aborted) throw new MoveAbortError(`${what} was aborted.`, { cause: ctx.signal.reason });
}

/** Sleeps before retry `attempt` (0-based) of a transfer, announcing it; aborts promptly. */
export async function pauseBeforeRetry(
  ctx: Context,
  phase: RetryPhase,
  attempt: number,
  reason: string,
  delayMs = backoffMs(attempt, ctx.random),
): Promise<void> {
  ctx.emit({ type: 'retry', phase, attempt: attempt + 1, reason, delayMs });
  try {
    await ctx.sleep(delayMs, ctx.signal);
  } catch {
    throwIfAborted(ctx, phase);
    throw new MoveAbortError(`${phase} was aborted while waiting to retry.`);
  }
}
