// The multi-camera workflow, start to finish: validate (with Move's lens and rig catalogues) ->
// upload the calibration videos -> volume (exactly once) -> wait for it -> upload the take's videos ->
// take -> job (exactly once) -> wait -> outputs. Every step is journalled, so running the same intent
// again resumes it; the machinery is the single-camera workflow's.
import {
  type AreaType,
  type Metadata,
  type MoveUgc,
  MoveValidationError,
  type OptionsInput,
  type OutputType,
  type SyncMethodInput,
} from '@move-ugc/sdk';
import type { Journal } from '../ports/journal';
import type { UploadSource } from '../ports/sources';
import type { VideoContainer } from '../sniff';
import { cameraSources, checkSameCameras } from '../steps/camera-files';
import { checkLenses, checkRig } from '../steps/catalogues';
import { type Context, createContext } from '../steps/context';
import { intentKey } from '../steps/intent';
import { ensureMultiCamJob, type JobSettings } from '../steps/job-once';
import { plannedFileNames } from '../steps/outputs';
import { openRunJournal, withRunJournal } from '../steps/run-journal';
import { ensureTake } from '../steps/take';
import { awaitVolume, ensureVolume, pollVolume, volumeCameras, volumeToCalibrate } from '../steps/volume';
import { normalizeState } from '../steps/wait';
import {
  type ClipWindow,
  checkAreaType,
  checkCameraSet,
  checkClipWindow,
  checkHumanHeight,
  checkMetadata,
  checkNumberOfActors,
  checkOptions,
  checkOutputs,
  checkOutputsFit,
  checkSync,
  checkText,
  checkVideo,
  type SyncInput,
} from '../validate';
import type { SingleCamResult } from './single-cam';
import { type RunOptions, runJob, stripExtension } from './skeleton';

export interface CameraInput {
  video: UploadSource;
  /** Slug naming the camera; a camera keeps its label from the volume to the take. */
  deviceLabel: string;
  /** The camera's lens: a name from `ugc.cameraSettings.list()`, e.g. `iphone15pro-main`. */
  lens: string;
}

export interface VolumeInput {
  /** The calibration videos, one per camera (2 or more). */
  cameras: readonly CameraInput[];
  /** Height of the person in the calibration videos, in metres. */
  humanHeight: number;
  /** `NORMAL` (default) or `LARGE` for a big capture area. */
  areaType?: AreaType;
  sync: SyncInput;
  clipWindow?: ClipWindow;
}

export interface MultiCamTakeInput {
  /** The performance, one video per camera, each labelled as in the volume. */
  cameras: readonly CameraInput[];
  /**
   * Default: timecode when the volume made by this run used timecode, else none. A clap window is
   * never carried over from the volume: the clap happens at another time in every recording.
   */
  sync?: SyncInput;
}

/** `options.mocapModel` is M1 or M2; RENDER_OVERLAY_VIDEO is not among the `outputs` (single-camera only). */
interface MultiCamSettings extends JobSettings {
  take: MultiCamTakeInput;
  /** People to track (default 1). */
  numberOfActors?: number;
  /** A rig from `ugc.rigs.list()`; Move uses `move_mo` when left out. */
  rig?: string;
}

/** A new volume to make from calibration videos, or the id of a volume made earlier. */
export type MultiCamInput = MultiCamSettings &
  ({ volume: VolumeInput; volumeId?: undefined } | { volumeId: string; volume?: undefined });

export type MultiCamRunOptions = RunOptions;

export interface MultiCamResult extends Omit<SingleCamResult, 'fileIds'> {
  volumeId: string;
  /** Uploaded file ids by source role: `volume-0`, `volume-1`, …, `camera-0`, `camera-1`, … */
  fileIds: Record<string, string>;
}

interface CheckedCamera {
  video: UploadSource;
  format: VideoContainer;
  deviceLabel: string;
  lens: string;
}

interface CheckedVolume {
  cameras: CheckedCamera[];
  humanHeight: number;
  areaType: AreaType;
  syncMethod: SyncMethodInput;
  clipWindow?: ClipWindow;
}

export interface CheckedMultiCamInput {
  /** The volume to make, or … */
  volume?: CheckedVolume;
  /** … the one made earlier, and whether it had already FINISHED when checked. */
  volumeId?: string;
  volumeFinished?: boolean;
  take: { cameras: CheckedCamera[]; syncMethod?: SyncMethodInput };
  numberOfActors?: number;
  rig?: string;
  outputs?: OutputType[];
  options?: OptionsInput;
  clipWindow?: ClipWindow;
  name?: string;
  metadata?: Metadata;
  idempotencyKey?: string;
}

/**
 * Every check of the input before anything is uploaded: first the local ones, then against Move's
 * catalogues (lenses always, rigs when a rig is given) and the reused volume, which are lookups only.
 */
export async function checkMultiCamInput(
  input: MultiCamInput,
  api: { ugc: MoveUgc; signal?: AbortSignal },
): Promise<CheckedMultiCamInput> {
  const checked = await checkLocally(input);
  return { ...checked, ...(await checkAgainstMove(checked, api)) };
}

async function checkLocally(input: MultiCamInput): Promise<CheckedMultiCamInput> {
  if ((input.volume === undefined) === (input.volumeId === undefined)) {
    throw new MoveValidationError(
      'Give either volume (calibration videos to make a new volume from) or volumeId (a FINISHED volume made earlier), not both or neither.',
      'volume',
    );
  }
  let volume: CheckedVolume | undefined;
  if (input.volume) {
    const given = input.volume;
    volume = {
      cameras: await checkCameras(given.cameras, 'volume.cameras'),
      humanHeight: checkHumanHeight(given.humanHeight, 'volume.humanHeight'),
      areaType: checkAreaType(given.areaType, 'volume.areaType'),
      syncMethod: checkSync(given.sync, 'volume.sync'),
      clipWindow: checkClipWindow(given.clipWindow, 'volume.clipWindow'),
    };
  }
  const volumeId = input.volumeId === undefined ? undefined : checkVolumeId(input.volumeId);
  const take = input.take ?? ({} as MultiCamTakeInput);
  const takeCameras = await checkCameras(take.cameras, 'take.cameras');
  if (volume) checkSameCameras(takeCameras, volume.cameras, 'the volume');

  let takeSync: SyncMethodInput | undefined;
  if (take.sync !== undefined) takeSync = checkSync(take.sync, 'take.sync');
  else if (volume?.syncMethod.timecodeSync) takeSync = { timecodeSync: { useTimecode: true } };

  const outputs = checkOutputs(input.outputs);
  checkOutputsFit(outputs, 'multi');
  return {
    volume,
    volumeId,
    take: { cameras: takeCameras, syncMethod: takeSync },
    numberOfActors: checkNumberOfActors(input.numberOfActors),
    rig: checkText(input.rig, 'rig', 100),
    outputs,
    options: checkOptions(input.options, 'multi'),
    clipWindow: checkClipWindow(input.clipWindow),
    name: checkText(input.name, 'name', 256),
    metadata: checkMetadata(input.metadata),
    idempotencyKey: checkText(input.idempotencyKey, 'idempotencyKey', 200),
  };
}

function checkVolumeId(value: unknown): string {
  if (typeof value !== 'string' || !/^volume-[\w-]+$/.test(value)) {
    throw new MoveValidationError(
      `volumeId must be the id of a volume, such as "volume-3f2a…" (got ${JSON.stringify(value)}).`,
      'volumeId',
    );
  }
  return value;
}

/** Labels and lenses first (cheap), then each video's first bytes. */
async function checkCameras(cameras: readonly CameraInput[] | undefined, field: string): Promise<CheckedCamera[]> {
  const labelled = checkCameraSet(cameras, field).map((camera, i) => {
    if (!camera.video) {
      throw new MoveValidationError(
        `${field}[${i}].video is required: the camera's video file.`,
        `${field}[${i}].video`,
      );
    }
    return { ...camera, video: camera.video };
  });
  const checked: CheckedCamera[] = [];
  for (const [i, camera] of labelled.entries()) {
    checked.push({ ...camera, format: await checkVideo(camera.video, `${field}[${i}].video`) });
  }
  return checked;
}

async function checkAgainstMove(
  checked: CheckedMultiCamInput,
  { ugc, signal }: { ugc: MoveUgc; signal?: AbortSignal },
): Promise<Pick<CheckedMultiCamInput, 'volumeFinished'>> {
  const cameras = [
    ...(checked.volume?.cameras.map((camera, i) => ({ lens: camera.lens, field: `volume.cameras[${i}].lens` })) ?? []),
    ...checked.take.cameras.map((camera, i) => ({ lens: camera.lens, field: `take.cameras[${i}].lens` })),
  ];
  const [, , volume] = await Promise.all([
    checkLenses({ ugc, signal }, cameras),
    checkRig({ ugc, signal }, checked.rig),
    checked.volumeId === undefined ? undefined : volumeToCalibrate({ ugc, signal }, checked.volumeId),
  ]);
  if (!volume) return {};
  checkSameCameras(checked.take.cameras, volumeCameras(volume), `volume ${volume.id}`);
  return { volumeFinished: normalizeState(volume.progress?.state ?? volume.state) === 'FINISHED' };
}

/** The identity of a run: the same videos and settings give the same journal key. */
export async function multiCamIntent(checked: CheckedMultiCamInput): Promise<string> {
  const cameras = (list: readonly CheckedCamera[]) =>
    Promise.all(list.map(async (c) => ({ video: await c.video.identity(), deviceLabel: c.deviceLabel, lens: c.lens })));
  const { volume } = checked;
  return intentKey('multi-cam', {
    volume: volume && { ...volume, cameras: await cameras(volume.cameras) },
    volumeId: checked.volumeId,
    take: { cameras: await cameras(checked.take.cameras), syncMethod: checked.take.syncMethod },
    numberOfActors: checked.numberOfActors,
    rig: checked.rig,
    outputs: checked.outputs && [...checked.outputs].sort(),
    options: checked.options,
    clipWindow: checked.clipWindow,
    name: checked.name,
    metadata: checked.metadata,
    idempotencyKey: checked.idempotencyKey,
  });
}

export async function runMultiCam(input: MultiCamInput, options: MultiCamRunOptions): Promise<MultiCamResult> {
  const ctx = createContext(options);
  const checked = await checkMultiCamInput(input, ctx);
  const journal = await openRunJournal(ctx, 'multi-cam', await multiCamIntent(checked), options);
  return withRunJournal(ctx, journal, () => runChecked(ctx, journal, checked, options));
}

function runChecked(
  ctx: Context,
  journal: Journal,
  checked: CheckedMultiCamInput,
  options: MultiCamRunOptions,
): Promise<MultiCamResult> {
  const base = options.outputBaseName ?? checked.name ?? stripExtension(checked.take.cameras[0]!.video.name);
  return runJob(ctx, journal, options, {
    base,
    plannedNames: plannedFileNames(checked.outputs, base, false),
    inputs: [...(checked.volume?.cameras ?? []), ...checked.take.cameras].map((camera) => camera.video),
    idempotencyKey: checked.idempotencyKey,
    expectedOutputs: checked.outputs?.length,
    makeJob: async () => {
      const volumeId = await readyVolume(ctx, journal, checked, options);
      const sources = await cameraSources(ctx, journal, checked.take.cameras, 'camera');
      const takeId = await ensureTake(ctx, journal, () =>
        ctx.ugc.takes.createMultiCam(
          { sources, volumeId, syncMethod: checked.take.syncMethod, name: checked.name, metadata: checked.metadata },
          { signal: ctx.signal },
        ),
      );
      return ensureMultiCamJob(ctx, journal, {
        takeId,
        numberOfActors: checked.numberOfActors,
        rig: checked.rig,
        outputs: checked.outputs,
        options: checked.options,
        clipWindow: checked.clipWindow,
        name: checked.name,
        metadata: checked.metadata,
        idempotencyKey: checked.idempotencyKey,
      });
    },
    describe: async (jobId: string) => {
      const known = journal.record.volumeId ?? checked.volumeId;
      const place = known ? { volumeId: known, takeId: journal.record.takeId ?? '' } : await whereJobIs(ctx, jobId);
      const fileIds = Object.fromEntries(
        Object.entries(journal.record.uploads).map(([role, upload]) => [role, upload.fileId]),
      );
      return { ...place, fileIds };
    },
  });
}

/** The volume the take is calibrated by: the given one (waited for if still processing), or a new one. */
async function readyVolume(
  ctx: Context,
  journal: Journal,
  checked: CheckedMultiCamInput,
  options: RunOptions,
): Promise<string> {
  if (checked.volumeId) {
    ctx.emit({ type: 'volume.created', volumeId: checked.volumeId, resumed: true });
    if (!checked.volumeFinished) await pollVolume(ctx, checked.volumeId, options);
    return checked.volumeId;
  }
  const volume = checked.volume!;
  // Once the volume exists its videos are not needed again: not even hashed to skip them.
  const sources = journal.record.volumeId ? [] : await cameraSources(ctx, journal, volume.cameras, 'volume');
  const { volumeId } = await ensureVolume(ctx, journal, {
    sources,
    humanHeight: volume.humanHeight,
    areaType: volume.areaType,
    syncMethod: volume.syncMethod,
    clipWindow: volume.clipWindow,
    name: checked.name,
    metadata: checked.metadata,
  });
  await awaitVolume(ctx, journal, volumeId, options);
  return volumeId;
}

/** Take and volume of a job this run did not make (found by idempotency key). */
async function whereJobIs(ctx: Context, jobId: string): Promise<{ volumeId: string; takeId: string }> {
  const job = await ctx.ugc.jobs.retrieve(jobId, { expand: ['take'] }, { signal: ctx.signal });
  if (!job.take) return { volumeId: '', takeId: '' };
  const take = await ctx.ugc.takes.retrieve(job.take.id, { expand: ['volume'] }, { signal: ctx.signal });
  return { volumeId: take.volume?.id ?? '', takeId: take.id };
}
