// Job and volume state is a pure function of the clock: nothing advances it in the background, so a
// fake `now` moves a job from NOT_STARTED to FINISHED instantly and tests need no real waiting.

export type RunState = 'NOT_STARTED' | 'RUNNING' | 'FINISHED' | 'FAILED';

export interface Run {
  startedAt: number;
  /** The planned length of the run; progress is measured against it. */
  durationMs: number;
  /** When the run ends (FINISHED or FAILED). */
  endsAt: number;
  outcome: 'FINISHED' | 'FAILED';
  /** Why it fails, for inspection only (the API has no field for it). */
  failureReason: string | null;
}

export interface RunStatus {
  state: RunState;
  percentageComplete: number;
}

/** The share of a run spent queued before it starts. */
const QUEUED_SHARE = 0.1;

export function newRun(now: number, durationMs: number, failureReason: string | null): Run {
  const duration = Math.max(0, durationMs);
  // A run doomed from the start (unreadable input) fails half way, as a real pipeline would.
  const endsAt = now + (failureReason ? duration / 2 : duration);
  return {
    startedAt: now,
    durationMs: duration,
    endsAt,
    outcome: failureReason ? 'FAILED' : 'FINISHED',
    failureReason,
  };
}

function progressAt(run: Run, now: number): number {
  const queued = run.durationMs * QUEUED_SHARE;
  if (run.durationMs <= 0) return 0;
  const share = (now - run.startedAt - queued) / (run.durationMs - queued);
  return Math.min(99, Math.max(0, Math.floor(share * 100)));
}

export function runStatus(run: Run, now: number): RunStatus {
  if (now >= run.endsAt) {
    if (run.outcome === 'FINISHED') return { state: 'FINISHED', percentageComplete: 100 };
    return { state: 'FAILED', percentageComplete: progressAt(run, run.endsAt) };
  }
  if (now < run.startedAt + run.durationMs * QUEUED_SHARE) return { state: 'NOT_STARTED', percentageComplete: 0 };
  return { state: 'RUNNING', percentageComplete: progressAt(run, now) };
}

export function isTerminal(state: RunState): boolean {
  return state === 'FINISHED' || state === 'FAILED';
}

/** Ends a run that has not ended yet as FAILED, now. Returns false when it had already ended. */
export function failRun(run: Run, now: number, reason: string): boolean {
  if (now >= run.endsAt) return false;
  run.endsAt = now;
  run.outcome = 'FAILED';
  run.failureReason = reason;
  return true;
}

/** Output URLs appear `outputDelayMs` after a run FINISHED; a failed run has none. */
export function outputsReady(run: Run, now: number, outputDelayMs: number): boolean {
  return run.outcome === 'FINISHED' && now >= run.endsAt + outputDelayMs;
}
