// Creating a job exactly once (the client token machinery is in create-once.ts), and finding a job
// again by its client token or by the caller's idempotency key.
import type { Metadata, OptionsInput, OutputType } from '@move-ugc/sdk';
import type { Journal } from '../ports/journal';
import type { ClipWindow } from '../validate';
import type { Context } from './context';
import { bookkeeping, createOnce, findByToken, SEARCH_PAGES } from './create-once';

/** What a caller asks of a run's job, as given (checked by the run before anything is sent). */
export interface JobSettings {
  /** Output types, any case; Move's defaults when left out. */
  outputs?: readonly string[];
  options?: OptionsInput;
  /** Part of the video to process, in seconds. */
  clipWindow?: ClipWindow;
  name?: string;
  metadata?: Record<string, unknown>;
  /** Reuse a job made with this key by any earlier run, on any machine, instead of paying again. */
  idempotencyKey?: string;
}

export interface JobRequest {
  takeId: string;
  outputs?: OutputType[];
  options?: OptionsInput;
  clipWindow?: ClipWindow;
  name?: string;
  metadata?: Metadata;
  idempotencyKey?: string;
}

export interface MultiCamJobRequest extends JobRequest {
  numberOfActors?: number;
  rig?: string;
}

export function findJobByToken(ctx: Context, takeId: string, clientToken: string): Promise<string | undefined> {
  return findByToken(
    ctx.ugc.jobs.list({ takeId, sortDirection: 'DESC', maxPages: SEARCH_PAGES }, { signal: ctx.signal }),
    clientToken,
  );
}

/**
 * A job made earlier for the same idempotency key (on any machine), unless it failed: a re-run
 * after a failure should be allowed to pay for a new attempt.
 */
export async function findJobByIdempotencyKey(ctx: Context, key: string): Promise<string | undefined> {
  const jobs = ctx.ugc.jobs.list({ sortDirection: 'DESC', maxPages: SEARCH_PAGES }, { signal: ctx.signal });
  for await (const job of jobs) {
    if (bookkeeping(job).idempotencyKey === key && job.progress?.state !== 'FAILED') return job.id;
  }
  return undefined;
}

/** Puts a job made earlier with this idempotency key into the journal; true when there was one. */
export async function adoptJobByIdempotencyKey(
  ctx: Context,
  journal: Journal,
  key: string | undefined,
): Promise<boolean> {
  if (journal.record.jobId || !key) return false;
  const existing = await findJobByIdempotencyKey(ctx, key);
  if (!existing) return false;
  await journal.update((r) => {
    r.jobId = existing;
  });
  return true;
}

/** The job of a run or of a job creation, and how it came to be. */
export interface KnownJob {
  jobId: string;
  /** Made by an earlier attempt with the same journal, or found again through its client token. */
  resumed: boolean;
  /** Made by an earlier run with the same idempotency key. */
  reused: boolean;
  /** Created by this call: it has not started yet. */
  madeNow: boolean;
}

/**
 * The job for this journal: one made earlier with the idempotency key, else the journalled one,
 * else `make()` (which creates it exactly once); announced with a `job.created` event.
 */
export async function ensureJob(
  ctx: Context,
  journal: Journal,
  idempotencyKey: string | undefined,
  make: () => Promise<{ jobId: string; resumed: boolean }>,
): Promise<KnownJob> {
  const reused = await adoptJobByIdempotencyKey(ctx, journal, idempotencyKey);
  const known = journal.record.jobId;
  const { jobId, resumed } = known ? { jobId: known, resumed: !reused } : await make();
  ctx.emit({ type: 'job.created', jobId, resumed, reused });
  return { jobId, resumed, reused, madeNow: !known && !resumed };
}

/** Returns the single-camera job for this request, creating it only when it provably does not exist yet. */
export function ensureSingleCamJob(
  ctx: Context,
  journal: Journal,
  request: JobRequest,
): Promise<{ jobId: string; resumed: boolean }> {
  return createJobOnce(ctx, journal, request, (params) => ctx.ugc.jobs.createSingleCam(params, { signal: ctx.signal }));
}

/** Returns the multi-camera job for this request, creating it only when it provably does not exist yet. */
export function ensureMultiCamJob(
  ctx: Context,
  journal: Journal,
  request: MultiCamJobRequest,
): Promise<{ jobId: string; resumed: boolean }> {
  return createJobOnce(ctx, journal, request, (params) => ctx.ugc.jobs.createMultiCam(params, { signal: ctx.signal }));
}

async function createJobOnce<R extends JobRequest>(
  ctx: Context,
  journal: Journal,
  request: R,
  send: (params: Omit<R, 'idempotencyKey'>) => Promise<{ id: string }>,
): Promise<{ jobId: string; resumed: boolean }> {
  const { idempotencyKey, ...params } = request;
  const { id, resumed } = await createOnce(ctx, journal, {
    slot: { token: 'clientToken', id: 'jobId' },
    noun: 'job',
    metadata: request.metadata,
    idempotencyKey,
    create: (metadata) => send({ ...params, metadata }),
    find: (token) => findJobByToken(ctx, request.takeId, token),
  });
  return { jobId: id, resumed };
}
