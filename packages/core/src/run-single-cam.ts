// The single-camera workflow, start to finish: validate -> upload -> take -> job (exactly once) ->
// wait -> outputs. Every step is journalled, so running the same intent again resumes it.
import type { OptionsInput } from '@move-ugc/sdk';
import { type Context, createContext } from './context';
import { checkOutputPlan, finishJob, type RunOptions, type RunOutput, stripExtension } from './finish-job';
import { intentKey } from './intent';
import { adoptJobByIdempotencyKey, ensureSingleCamJob, type JobSettings } from './job-once';
import type { Journal } from './journal';
import { plannedFileNames } from './outputs';
import { openRunJournal, withRunJournal } from './run-journal';
import type { UploadSource } from './sources';
import { ensureTake } from './take';
import { uploadSource } from './upload';
import {
  type ClipWindow,
  checkClipWindow,
  checkDeviceLabel,
  checkMetadata,
  checkMoveSidecar,
  checkOptions,
  checkOutputs,
  checkText,
  checkVideo,
} from './validate';
import type { WaitedJob } from './wait';

/** `options.mocapModel` is S1 or S2. */
export interface SingleCamInput extends JobSettings {
  video: UploadSource;
  /** The `.move` sidecar the Move One app records beside the video. */
  move?: UploadSource;
  /** Slug naming the camera, shared by the video and its sidecar. Default `iphone`. */
  deviceLabel?: string;
}

export type SingleCamRunOptions = RunOptions;

export interface SingleCamResult {
  jobId: string;
  takeId: string;
  fileIds: { video?: string; move?: string };
  /** The final job, when the run waited for it. */
  job?: WaitedJob;
  state: string;
  outputs: RunOutput[];
  /** True when an earlier attempt's journal was continued. */
  resumed: boolean;
  /** True when a job made by an earlier run with the same idempotency key was reused. */
  reused: boolean;
}

export interface CheckedSingleCamInput {
  video: UploadSource;
  videoFormat: 'MP4' | 'MOV' | 'AVI';
  move?: UploadSource;
  deviceLabel: string;
  outputs?: ReturnType<typeof checkOutputs>;
  options?: OptionsInput;
  clipWindow?: ClipWindow;
  name?: string;
  metadata?: ReturnType<typeof checkMetadata>;
  idempotencyKey?: string;
}

/** Every check of the input, before anything is sent. */
export async function checkSingleCamInput(input: SingleCamInput): Promise<CheckedSingleCamInput> {
  const videoFormat = await checkVideo(input.video);
  if (input.move) await checkMoveSidecar(input.move);
  return {
    video: input.video,
    videoFormat,
    move: input.move,
    deviceLabel: checkDeviceLabel(input.deviceLabel ?? 'iphone'),
    outputs: checkOutputs(input.outputs),
    options: checkOptions(input.options, ['S1', 'S2']),
    clipWindow: checkClipWindow(input.clipWindow),
    name: checkText(input.name, 'name', 256),
    metadata: checkMetadata(input.metadata),
    idempotencyKey: checkText(input.idempotencyKey, 'idempotencyKey', 200),
  };
}

/**
 * The identity of a run: the same sources and settings give the same journal key, so a re-run finds
 * the journal of the earlier attempt.
 */
export async function singleCamIntent(checked: CheckedSingleCamInput): Promise<string> {
  return intentKey('single-cam', {
    video: await checked.video.identity(),
    move: await checked.move?.identity(),
    deviceLabel: checked.deviceLabel,
    outputs: checked.outputs && [...checked.outputs].sort(),
    options: checked.options,
    clipWindow: checked.clipWindow,
    name: checked.name,
    metadata: checked.metadata,
    idempotencyKey: checked.idempotencyKey,
  });
}

export async function runSingleCam(input: SingleCamInput, options: SingleCamRunOptions): Promise<SingleCamResult> {
  const checked = await checkSingleCamInput(input);
  const ctx = createContext(options);
  const journal = await openRunJournal(ctx, 'single-cam', await singleCamIntent(checked), options);
  return withRunJournal(ctx, journal, () => runChecked(ctx, journal, checked, options));
}

async function runChecked(
  ctx: Context,
  journal: Journal,
  checked: CheckedSingleCamInput,
  options: SingleCamRunOptions,
): Promise<SingleCamResult> {
  const base = options.outputBaseName ?? checked.name ?? stripExtension(checked.video.name);
  // The output names are known before anything is paid for: so are their clashes.
  const names = plannedFileNames(checked.outputs, base, true);
  await checkOutputPlan(journal, options, names, [checked.video, checked.move]);
  const resumed = journal.resumed;
  const reused = await adoptJobByIdempotencyKey(ctx, journal, checked.idempotencyKey);

  const fileIds: SingleCamResult['fileIds'] = {};
  let jobId = journal.record.jobId;
  if (!jobId) {
    fileIds.video = await uploadSource(ctx, journal, {
      role: 'video',
      source: checked.video,
      fileType: checked.videoFormat.toLowerCase(),
    });
    if (checked.move) {
      fileIds.move = await uploadSource(ctx, journal, { role: 'move', source: checked.move, fileType: 'move' });
    }
    const takeId = await createTake(ctx, journal, checked, fileIds);
    const created = await ensureSingleCamJob(ctx, journal, {
      takeId,
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

  const result: SingleCamResult = {
    jobId,
    takeId: journal.record.takeId ?? '',
    fileIds: {
      video: fileIds.video ?? journal.record.uploads.video?.fileId,
      move: fileIds.move ?? journal.record.uploads.move?.fileId,
    },
    state: 'NOT_STARTED',
    outputs: [],
    resumed,
    reused,
  };
  if (options.wait === false) return result;

  return { ...result, ...(await finishJob(ctx, journal, jobId, base, options, checked.outputs?.length)) };
}

function createTake(
  ctx: Context,
  journal: Journal,
  checked: CheckedSingleCamInput,
  fileIds: SingleCamResult['fileIds'],
): Promise<string> {
  const sources = [{ deviceLabel: checked.deviceLabel, fileId: fileIds.video!, format: checked.videoFormat }];
  if (fileIds.move) sources.push({ deviceLabel: checked.deviceLabel, fileId: fileIds.move, format: 'MOVE' as never });
  return ensureTake(ctx, journal, () =>
    ctx.ugc.takes.createSingleCam({ sources, name: checked.name, metadata: checked.metadata }, { signal: ctx.signal }),
  );
}
