// The multi-camera workflow, start to finish: validate (with Move's lens and rig catalogues) ->
// upload the calibration videos -> volume (exactly once) -> wait for it -> upload the take's videos ->
// take -> job (exactly once) -> wait -> outputs. Every step is journalled, so running the same intent
// again resumes it; the machinery is the single-camera workflow's.
import {
  type AreaType,
  type Metadata,
  MoveNotFoundError,
  type MoveUgc,
  MoveValidationError,
  type OptionsInput,
  type OutputType,
  type SourceInput,
  type SyncMethodInput,
} from '@move-ugc/sdk';
import { type Context, createContext } from './context';
import { checkOutputPlan, finishJob, type RunOptions, stripExtension } from './finish-job';
import { intentKey } from './intent';
import { adoptJobByIdempotencyKey, ensureMultiCamJob, type JobSettings } from './job-once';
import type { Journal } from './journal';
import { plannedFileNames } from './outputs';
import { openRunJournal, withRunJournal } from './run-journal';
import type { SingleCamResult } from './run-single-cam';
import type { VideoContainer } from './sniff';
import type { UploadSource } from './sources';
import { ensureTake } from './take';
import { uploadSource } from './upload';
import {
  type ClipWindow,
  checkAreaType,
  checkCatalogName,
  checkClipWindow,
  checkDeviceLabel,
  checkHumanHeight,
  checkMetadata,
  checkNumberOfActors,
  checkOptions,
  checkOutputs,
  checkSync,
  checkText,
  checkVideo,
  type SyncInput,
} from './validate';
import { awaitVolume, ensureVolume, pollVolume } from './volume';
import { normalizeState } from './wait';

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
  if (outputs?.includes('RENDER_OVERLAY_VIDEO')) {
    throw new MoveValidationError(
      'outputs: RENDER_OVERLAY_VIDEO (the mocap drawn over the input video) is made for single-camera jobs only. ' +
        'Leave it out; RENDER_VIDEO is the preview of a multi-camera job.',
      'outputs',
    );
  }
  return {
    volume,
    volumeId,
    take: { cameras: takeCameras, syncMethod: takeSync },
    numberOfActors: checkNumberOfActors(input.numberOfActors),
    rig: checkText(input.rig, 'rig', 100),
    outputs,
    options: checkOptions(input.options, ['M1', 'M2']),
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
  if (!Array.isArray(cameras) || cameras.length < 2) {
    const count = Array.isArray(cameras) ? cameras.length : 0;
    throw new MoveValidationError(
      `${field} must list 2 or more cameras, one video each (got ${count}). For one camera, use a single-camera run.`,
      field,
    );
  }
  const seen = new Set<string>();
  const labelled = cameras.map((camera, i) => {
    const deviceLabel = checkDeviceLabel(camera?.deviceLabel, `${field}[${i}].deviceLabel`);
    if (seen.has(deviceLabel)) {
      throw new MoveValidationError(
        `${field}: two cameras are labelled "${deviceLabel}"; give each camera its own deviceLabel.`,
        field,
      );
    }
    seen.add(deviceLabel);
    if (typeof camera.lens !== 'string' || camera.lens.trim() === '') {
      throw new MoveValidationError(
        `${field}[${i}].lens is required: the camera's lens from ugc.cameraSettings.list().`,
        `${field}[${i}].lens`,
      );
    }
    if (!camera.video) {
      throw new MoveValidationError(
        `${field}[${i}].video is required: the camera's video file.`,
        `${field}[${i}].video`,
      );
    }
    return { video: camera.video, deviceLabel, lens: camera.lens };
  });
  const checked: CheckedCamera[] = [];
  for (const [i, camera] of labelled.entries()) {
    checked.push({ ...camera, format: await checkVideo(camera.video, `${field}[${i}].video`) });
  }
  return checked;
}

/** A take is calibrated by its volume only when it is filmed by the volume's cameras, lenses unchanged. */
function checkSameCameras(
  take: readonly CheckedCamera[],
  volume: readonly { deviceLabel: string; lens?: string | null }[],
  which: string,
): void {
  const lenses = new Map(volume.map((camera) => [camera.deviceLabel, camera.lens]));
  for (const [i, camera] of take.entries()) {
    if (!lenses.has(camera.deviceLabel)) {
      throw new MoveValidationError(
        `take.cameras[${i}].deviceLabel "${camera.deviceLabel}" is not a camera of ${which} (its cameras: ` +
          `${[...lenses.keys()].join(', ')}). Label each take video with the label its camera had in the volume.`,
        `take.cameras[${i}].deviceLabel`,
      );
    }
    const lens = lenses.get(camera.deviceLabel);
    if (lens && lens !== camera.lens) {
      throw new MoveValidationError(
        `take.cameras[${i}]: camera "${camera.deviceLabel}" has lens ${camera.lens} here but ${lens} in ${which}. ` +
          'A volume only calibrates the cameras as they were: use the same lens, or make a new volume.',
        `take.cameras[${i}].lens`,
      );
    }
  }
}

async function checkAgainstMove(
  checked: CheckedMultiCamInput,
  { ugc, signal }: { ugc: MoveUgc; signal?: AbortSignal },
): Promise<Pick<CheckedMultiCamInput, 'volumeFinished'>> {
  const [lenses, rigs, volume] = await Promise.all([
    ugc.cameraSettings.list({ signal }),
    checked.rig === undefined ? undefined : ugc.rigs.list({ signal }),
    checked.volumeId === undefined ? undefined : findVolume(ugc, checked.volumeId, signal),
  ]);
  const known = lenses.map((setting) => setting.lens);
  const cameras = [
    ...(checked.volume?.cameras.map((camera, i) => [camera, `volume.cameras[${i}].lens`] as const) ?? []),
    ...checked.take.cameras.map((camera, i) => [camera, `take.cameras[${i}].lens`] as const),
  ];
  for (const [camera, field] of cameras) {
    checkCatalogName(camera.lens, known, field, 'camera lens', 'ugc.cameraSettings.list()');
  }
  if (rigs && checked.rig !== undefined) {
    checkCatalogName(
      checked.rig,
      rigs.map((rig) => rig.name),
      'rig',
      'rig',
      'ugc.rigs.list()',
    );
  }
  if (!volume) return {};
  const state = normalizeState(volume.progress?.state ?? volume.state);
  if (state === 'FAILED') {
    throw new MoveValidationError(
      `volumeId: volume ${volume.id} FAILED, so it cannot calibrate a take. Make a new one: pass volume (the calibration videos) instead.`,
      'volumeId',
    );
  }
  const sources = (volume.sources ?? []).flatMap((source) =>
    source ? [{ deviceLabel: source.deviceLabel, lens: source.cameraSettings?.lens }] : [],
  );
  checkSameCameras(checked.take.cameras, sources, `volume ${volume.id}`);
  return { volumeFinished: state === 'FINISHED' };
}

async function findVolume(ugc: MoveUgc, volumeId: string, signal: AbortSignal | undefined) {
  try {
    return await ugc.volumes.retrieve(volumeId, { expand: ['sources'] }, { signal });
  } catch (err) {
    if (!(err instanceof MoveNotFoundError)) throw err;
    throw new MoveValidationError(
      `volumeId: there is no volume ${volumeId} in this account. Check the id (ugc.volumes.list() shows yours), ` +
        'or pass volume (the calibration videos) to make one.',
      'volumeId',
    );
  }
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

async function runChecked(
  ctx: Context,
  journal: Journal,
  checked: CheckedMultiCamInput,
  options: MultiCamRunOptions,
): Promise<MultiCamResult> {
  const base = options.outputBaseName ?? checked.name ?? stripExtension(checked.take.cameras[0]!.video.name);
  // The output names are known before anything is paid for: so are their clashes.
  const names = plannedFileNames(checked.outputs, base, false);
  const videos = [...(checked.volume?.cameras ?? []), ...checked.take.cameras].map((camera) => camera.video);
  await checkOutputPlan(journal, options, names, videos);
  const resumed = journal.resumed;
  const reused = await adoptJobByIdempotencyKey(ctx, journal, checked.idempotencyKey);

  let jobId = journal.record.jobId;
  if (!jobId) {
    const volumeId = await readyVolume(ctx, journal, checked, options);
    const sources = await uploadCameras(ctx, journal, checked.take.cameras, 'camera');
    const takeId = await ensureTake(ctx, journal, () =>
      ctx.ugc.takes.createMultiCam(
        { sources, volumeId, syncMethod: checked.take.syncMethod, name: checked.name, metadata: checked.metadata },
        { signal: ctx.signal },
      ),
    );
    const created = await ensureMultiCamJob(ctx, journal, {
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
    jobId = created.jobId;
    ctx.emit({ type: 'job.created', jobId, resumed: created.resumed, reused: false });
  } else {
    ctx.emit({ type: 'job.created', jobId, resumed: !reused, reused });
  }

  const known = journal.record.volumeId ?? checked.volumeId;
  const place = known ? { volumeId: known, takeId: journal.record.takeId ?? '' } : await whereJobIs(ctx, jobId);
  const result: MultiCamResult = {
    jobId,
    ...place,
    fileIds: Object.fromEntries(Object.entries(journal.record.uploads).map(([role, upload]) => [role, upload.fileId])),
    state: 'NOT_STARTED',
    outputs: [],
    resumed,
    reused,
  };
  if (options.wait === false) return result;

  return { ...result, ...(await finishJob(ctx, journal, jobId, base, options, checked.outputs?.length)) };
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
  const sources = journal.record.volumeId ? [] : await uploadCameras(ctx, journal, volume.cameras, 'volume');
  const volumeId = await ensureVolume(ctx, journal, {
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

async function uploadCameras(
  ctx: Context,
  journal: Journal,
  cameras: readonly CheckedCamera[],
  prefix: 'volume' | 'camera',
): Promise<SourceInput[]> {
  const sources: SourceInput[] = [];
  for (const [i, camera] of cameras.entries()) {
    const fileId = await uploadSource(ctx, journal, {
      role: `${prefix}-${i}`,
      source: camera.video,
      fileType: camera.format.toLowerCase(),
    });
    sources.push({
      deviceLabel: camera.deviceLabel,
      fileId,
      format: camera.format,
      cameraSettings: { lens: camera.lens },
    });
  }
  return sources;
}

/** Take and volume of a job this run did not make (found by idempotency key). */
async function whereJobIs(ctx: Context, jobId: string): Promise<{ volumeId: string; takeId: string }> {
  const job = await ctx.ugc.jobs.retrieve(jobId, { expand: ['take'] }, { signal: ctx.signal });
  if (!job.take) return { volumeId: '', takeId: '' };
  const take = await ctx.ugc.takes.retrieve(job.take.id, { expand: ['volume'] }, { signal: ctx.signal });
  return { volumeId: take.volume?.id ?? '', takeId: take.id };
}
