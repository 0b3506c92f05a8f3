// The volume of a multi-camera run: the calibration Move makes from a clip of a person seen by every
// camera. It spends processing like a job, so it is created exactly once (create-once.ts), then
// polled to FINISHED with the same poller as jobs.
import {
  type HumanVolumeParams,
  MoveNotFoundError,
  type MoveUgc,
  MoveValidationError,
  type Volume,
} from '@move-ugc/sdk';
import { MoveVolumeFailedError, MoveVolumeWaitTimeoutError } from '../errors';
import type { Journal } from '../ports/journal';
import type { Context } from './context';
import { createOnce, findByToken, SEARCH_PAGES } from './create-once';
import { normalizeState, pollUntilFinished, type WaitOptions } from './wait';

export type VolumeRequest = Omit<HumanVolumeParams<never>, 'expand'>;

export function findVolumeByToken(ctx: Context, clientToken: string): Promise<string | undefined> {
  // listVolumes has no filter: the newest volumes of the account are searched.
  return findByToken(
    ctx.ugc.volumes.list({ sortDirection: 'DESC', maxPages: SEARCH_PAGES }, { signal: ctx.signal }),
    clientToken,
  );
}

/** Returns the volume for this request, creating it only when it provably does not exist yet. */
export async function ensureVolume(
  ctx: Context,
  journal: Journal,
  request: VolumeRequest,
): Promise<{ volumeId: string; resumed: boolean }> {
  const { id, resumed } = await createOnce(ctx, journal, {
    slot: { token: 'volumeToken', id: 'volumeId' },
    noun: 'volume',
    metadata: request.metadata,
    create: (metadata) => ctx.ugc.volumes.createHuman({ ...request, metadata }, { signal: ctx.signal }),
    find: (token) => findVolumeByToken(ctx, token),
  });
  ctx.emit({ type: 'volume.created', volumeId: id, resumed });
  return { volumeId: id, resumed };
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

/**
 * A volume made earlier, to calibrate a take: it exists in this account and has not FAILED (one
 * still processing is fine: the take waits for it). Lookups only, made before anything is paid for.
 */
export async function volumeToCalibrate(
  { ugc, signal }: { ugc: MoveUgc; signal?: AbortSignal },
  volumeId: string,
  field = 'volumeId',
): Promise<Volume<'sources'>> {
  let volume: Volume<'sources'>;
  try {
    volume = await ugc.volumes.retrieve(volumeId, { expand: ['sources'] }, { signal });
  } catch (err) {
    if (!(err instanceof MoveNotFoundError)) throw err;
    throw new MoveValidationError(
      `${field}: there is no volume ${volumeId} in this account. Check the id (ugc.volumes.list() shows yours), ` +
        'or pass volume (the calibration videos) to make one.',
      field,
    );
  }
  if (normalizeState(volume.progress?.state ?? volume.state) === 'FAILED') {
    throw new MoveValidationError(
      `${field}: volume ${volume.id} FAILED, so it cannot calibrate a take. Make a new one: pass volume (the calibration videos) instead.`,
      field,
    );
  }
  return volume;
}

/** The cameras a volume was made with, as labels and lenses. */
export function volumeCameras(volume: Volume<'sources'>): { deviceLabel: string; lens?: string | null }[] {
  return (volume.sources ?? []).flatMap((source) =>
    source ? [{ deviceLabel: source.deviceLabel, lens: source.cameraSettings?.lens }] : [],
  );
}
