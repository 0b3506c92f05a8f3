// The volume of a multi-camera run: the calibration Move makes from a clip of a person seen by every
// camera. It spends processing like a job, so it is created exactly once (create-once.ts), then
// polled to FINISHED with the same poller as jobs.
import type { HumanVolumeParams, Volume } from '@move-ugc/sdk';
import { type Context, createContext, type WorkflowOptions } from './context';
import { createOnce, findByToken, SEARCH_PAGES } from './create-once';
import { MoveVolumeFailedError, MoveVolumeWaitTimeoutError } from './errors';
import type { Journal } from './journal';
import { pollUntilFinished, type WaitOptions } from './wait';

export type VolumeRequest = Omit<HumanVolumeParams<never>, 'expand'>;

export function findVolumeByToken(ctx: Context, clientToken: string): Promise<string | undefined> {
  // listVolumes has no filter: the newest volumes of the account are searched.
  return findByToken(
    ctx.ugc.volumes.list({ sortDirection: 'DESC', maxPages: SEARCH_PAGES }, { signal: ctx.signal }),
    clientToken,
  );
}

/** Returns the volume for this request, creating it only when it provably does not exist yet. */
export async function ensureVolume(ctx: Context, journal: Journal, request: VolumeRequest): Promise<string> {
  const { id, resumed } = await createOnce(ctx, journal, {
    slot: { token: 'volumeToken', id: 'volumeId' },
    noun: 'volume',
    metadata: request.metadata,
    create: (metadata) => ctx.ugc.volumes.createHuman({ ...request, metadata }, { signal: ctx.signal }),
    find: (token) => findVolumeByToken(ctx, token),
  });
  ctx.emit({ type: 'volume.created', volumeId: id, resumed });
  return id;
}

/** Polls until the volume is FINISHED (returned) or FAILED (MoveVolumeFailedError). */
export function pollVolume(ctx: Context, volumeId: string, options: WaitOptions = {}): Promise<Volume> {
  return pollUntilFinished(
    ctx,
    {
      label: `volume ${volumeId}`,
      phase: 'volume',
      fetch: () => ctx.ugc.volumes.retrieve(volumeId, {}, { signal: ctx.signal }),
      progress: (volume) => ({
        // `state` is the volume's own field; `progress` adds the percentage when Move reports it.
        state: volume.progress?.state ?? volume.state ?? null,
        percentageComplete: volume.progress?.percentageComplete ?? null,
      }),
      onProgress: (state, percentageComplete) =>
        ctx.emit({ type: 'volume.progress', volumeId, state, percentageComplete }),
      failed: () => new MoveVolumeFailedError(volumeId),
      timedOut: (state, waitedMs) => new MoveVolumeWaitTimeoutError(volumeId, state, waitedMs),
    },
    options,
  );
}

/**
 * Waits for the run's volume. A FAILED volume is dropped from the journal: a re-run makes a new one
 * instead of waiting on the failed one forever (its uploads are kept and reused).
 */
export async function awaitVolume(
  ctx: Context,
  journal: Journal,
  volumeId: string,
  options: WaitOptions,
): Promise<void> {
  try {
    await pollVolume(ctx, volumeId, options);
  } catch (err) {
    if (err instanceof MoveVolumeFailedError && journal.record.volumeId === volumeId) {
      await journal.update((r) => {
        delete r.volumeId;
        delete r.volumeToken;
      });
    }
    throw err;
  }
}

/** Waits for a volume by id, on its own (e.g. one made by an earlier run, before reusing it). */
export function waitForVolume(volumeId: string, options: WorkflowOptions & WaitOptions): Promise<Volume> {
  return pollVolume(createContext(options), volumeId, options);
}
