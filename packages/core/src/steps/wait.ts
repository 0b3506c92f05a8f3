// Waiting for a job (or a volume): poll its progress with an interval that starts near 2 s and grows
// toward 30 s. Once the percentage shows a rate, the wait follows it: long sleeps (up to twice the
// cap) while the end is far, a poll right when it should be done. Then every output's URL. A poll
// that fails while Move or the network is briefly down is tried again, not the end of the wait.
import type { Job, JobState } from '@move-ugc/sdk';
import { MoveConnectionError, MoveError, MoveRateLimitError, MoveServerError, MoveTimeoutError } from '@move-ugc/sdk';
import { MoveJobFailedError, MoveWaitTimeoutError } from '../errors';
import type { RetryPhase } from '../events';
import { type Context, pauseBeforeRetry, throwIfAborted } from './context';

export type WaitedJob = Job<'outputs' | 'inputs' | 'take' | 'rig'>;

export interface WaitOptions {
  /** A fixed poll interval in ms; when unset the interval adapts (2 s growing to 30 s, see above). */
  pollIntervalMs?: number;
  initialIntervalMs?: number;
  maxIntervalMs?: number;
  /** Give up waiting after this long (the job keeps running). Default 2 h. */
  timeoutMs?: number;
  /** How long outputs may lack a URL after FINISHED before giving up. Default 15 min. */
  outputsTimeoutMs?: number;
  /** How many outputs to expect, when known (the requested output types). */
  expectedOutputs?: number;
}

const DEFAULTS = {
  initialIntervalMs: 2_000,
  maxIntervalMs: 30_000,
  timeoutMs: 2 * 60 * 60_000,
  outputsTimeoutMs: 15 * 60_000,
};

/**
 * The options over the defaults. An option given as `undefined` (a face passing on a flag that was
 * not set) keeps its default: spread over them, it would make the deadline NaN and the wait a hot loop.
 */
function waitSettings(options: WaitOptions): WaitOptions & typeof DEFAULTS {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...DEFAULTS, ...(given as WaitOptions) };
}

/** How long a state Move has not documented is tolerated before the wait stops with an error. */
const UNKNOWN_STATE_LIMIT_MS = 10 * 60_000;

/** How long polls may keep failing in a row (each after the SDK's own retries) before the wait gives up. */
export const OUTAGE_LIMIT_MS = 15 * 60_000;

const KNOWN: readonly string[] = ['NOT_STARTED', 'RUNNING', 'FINISHED', 'FAILED'];

/** `NOT STARTED` has been seen on the wire beside `NOT_STARTED`. */
export function normalizeState(raw: string | null | undefined): JobState | string | null {
  if (!raw) return null;
  const state = raw
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  return state;
}

const EXPAND = ['outputs', 'inputs', 'take', 'rig'] as const;

/** What the poller needs to know about the thing it waits for: a job, a volume. */
export interface PollSubject<T extends object> {
  /** Names it in messages, e.g. `job job-…`. */
  label: string;
  /** The phase of the `retry` events sent while polls fail. */
  phase: RetryPhase;
  fetch(): Promise<T>;
  progress(value: T): { state: string | null; percentageComplete: number | null };
  /** Called when the state or percentage changed since the last poll. */
  onProgress(state: string, percentageComplete: number | null): void;
  failed(value: T): Error;
  timedOut(lastState: string | null, waitedMs: number): Error;
}

/**
 * Polls until the subject is FINISHED (returned) or FAILED (`subject.failed`). The interval grows,
 * is cut short near the end by the progress rate, and an undocumented state is tolerated only for
 * a while, so neither a hot loop nor an endless wait can happen.
 */
export async function pollUntilFinished<T extends object>(
  ctx: Context,
  subject: PollSubject<T>,
  options: WaitOptions = {},
): Promise<T> {
  const settings = waitSettings(options);
  const waiting = `Waiting for ${subject.label}`;
  const started = ctx.now();
  const deadline = started + settings.timeoutMs;
  let interval = settings.pollIntervalMs ?? settings.initialIntervalMs;
  let lastState: string | null = null;
  let lastPercent: number | null = null;
  let unknownSince: number | undefined;
  let firstSample: { at: number; percent: number } | undefined;
  const poll = outageTolerant(ctx, subject.phase, () => subject.fetch());
  // A fixed interval stays fixed, through outages too.
  const grow = (ms: number) =>
    settings.pollIntervalMs === undefined ? Math.min(settings.maxIntervalMs, Math.round(ms * 1.5)) : ms;

  for (;;) {
    throwIfAborted(ctx, waiting);
    const value = await poll(interval);
    if (value === undefined) {
      if (ctx.now() >= deadline) throw subject.timedOut(lastState, ctx.now() - started);
      interval = grow(interval);
      continue;
    }
    const progress = subject.progress(value);
    const state = normalizeState(progress.state);
    const percent = progress.percentageComplete;
    if (state !== lastState || percent !== lastPercent) {
      subject.onProgress(state ?? 'UNKNOWN', percent);
      lastState = state;
      lastPercent = percent;
    }
    if (state === 'FINISHED') return value;
    if (state === 'FAILED') throw subject.failed(value);

    const now = ctx.now();
    if (state !== null && !KNOWN.includes(state)) {
      unknownSince ??= now;
      if (now - unknownSince > UNKNOWN_STATE_LIMIT_MS) {
        throw new MoveError(
          `${capitalize(subject.label)} has reported the unknown state "${state}" for ${Math.round((now - unknownSince) / 60_000)} min; ` +
            'this toolkit may be out of date. Check it in the Move portal.',
        );
      }
    } else {
      unknownSince = undefined;
    }
    if (now >= deadline) throw subject.timedOut(state, now - started);

    let pause = interval;
    if (settings.pollIntervalMs === undefined) {
      const eta = remainingMs(firstSample, percent, now);
      if (eta !== undefined) {
        // Far from the end, sleep through half of what remains; near it, come back when it should be done.
        pause =
          eta > interval
            ? Math.max(interval, Math.min(eta / 2, 2 * settings.maxIntervalMs))
            : Math.max(settings.initialIntervalMs, eta);
      }
    }
    interval = grow(interval);
    if (percent !== null && !firstSample) firstSample = { at: now, percent };
    await ctx.sleep(Math.min(pause, Math.max(0, deadline - now)), ctx.signal).catch(() => throwIfAborted(ctx, waiting));
  }
}

/**
 * A poll that survives outages: a failure that passes (the network, a timeout, a 5xx, a 429, each
 * already retried by the SDK) is announced as a `retry` event and, after a pause, answered with
 * undefined so the caller polls again. Failing for OUTAGE_LIMIT_MS in a row, or for any other
 * reason (a bad key, an unknown id), ends the wait with that error.
 */
function outageTolerant<T extends object>(
  ctx: Context,
  phase: RetryPhase,
  fetch: () => Promise<T>,
): (pauseMs: number) => Promise<T | undefined> {
  let failingSince: number | undefined;
  let attempt = 0;
  return async (pauseMs) => {
    try {
      const value = await fetch();
      failingSince = undefined;
      attempt = 0;
      return value;
    } catch (err) {
      const passing =
        err instanceof MoveConnectionError ||
        err instanceof MoveTimeoutError ||
        err instanceof MoveServerError ||
        err instanceof MoveRateLimitError;
      if (!passing) throw err;
      failingSince ??= ctx.now();
      if (ctx.now() - failingSince >= OUTAGE_LIMIT_MS) throw err;
      const delayMs = Math.max(pauseMs, (err instanceof MoveRateLimitError && err.retryAfterMs) || 0);
      await pauseBeforeRetry(ctx, phase, attempt++, err.message, delayMs);
      return undefined;
    }
  };
}

/** Time left at the average rate since the first progress seen; undefined until it moves. */
function remainingMs(first: { at: number; percent: number } | undefined, percent: number | null, now: number) {
  if (!first || percent === null || percent <= first.percent || now <= first.at) return undefined;
  const rate = (percent - first.percent) / (now - first.at);
  return (100 - percent) / rate;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Polls until the job is FINISHED (returned) or FAILED (MoveJobFailedError). */
export function pollJob(ctx: Context, jobId: string, options: WaitOptions = {}): Promise<WaitedJob> {
  return pollUntilFinished(
    ctx,
    {
      label: `job ${jobId}`,
      phase: 'job',
      fetch: () => ctx.ugc.jobs.retrieve(jobId, { expand: EXPAND }, { signal: ctx.signal }),
      progress: (job) => ({
        state: job.progress?.state ?? null,
        percentageComplete: job.progress?.percentageComplete ?? null,
      }),
      onProgress: (state, percentageComplete) => ctx.emit({ type: 'job.progress', jobId, state, percentageComplete }),
      failed: () => new MoveJobFailedError(jobId),
      timedOut: (state, waitedMs) => new MoveWaitTimeoutError(jobId, state, waitedMs),
    },
    options,
  );
}

/** After FINISHED, outputs may lack their URL for a while: polls until every one has it. */
export async function pollOutputs(ctx: Context, job: WaitedJob, options: WaitOptions = {}): Promise<WaitedJob> {
  const settings = waitSettings(options);
  const started = ctx.now();
  let interval = Math.min(settings.pollIntervalMs ?? settings.initialIntervalMs, 5_000);
  const poll = outageTolerant(ctx, 'job', () =>
    ctx.ugc.jobs.retrieve(job.id, { expand: EXPAND }, { signal: ctx.signal }),
  );
  for (let current = job; ; ) {
    const outputs = (current.outputs ?? []).filter((o) => o !== null);
    const ready = outputs.filter((o) => o.file?.presignedUrl).length;
    const total = Math.max(outputs.length, settings.expectedOutputs ?? 1);
    if (ready >= total) return current;
    ctx.emit({ type: 'outputs.waiting', jobId: current.id, ready, total });
    if (ctx.now() - started >= settings.outputsTimeoutMs) {
      throw new MoveError(
        `Job ${current.id} finished, but ${total - ready} of its outputs still had no download URL after ` +
          `${Math.round(settings.outputsTimeoutMs / 60_000)} min. Download them later (the job is done and paid for).`,
      );
    }
    await ctx.sleep(interval, ctx.signal).catch(() => throwIfAborted(ctx, 'Waiting for the outputs'));
    interval = Math.min(10_000, Math.round(interval * 1.5));
    throwIfAborted(ctx, 'Waiting for the outputs');
    // A failed poll has paused already (announced as a retry): poll again rather than sleep twice.
    let next = await poll(interval);
    while (next === undefined) {
      throwIfAborted(ctx, 'Waiting for the outputs');
      next = await poll(interval);
    }
    current = next;
  }
}
