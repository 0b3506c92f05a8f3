// The single-camera workflow, start to finish: validate -> upload -> take -> job (exactly once) ->
// wait -> outputs. Every step is journalled, so running the same intent again resumes it.
import type { OptionsInput } from '@move-ugc/sdk';
import type { Journal } from '../ports/journal';
import type { UploadSource } from '../ports/sources';
import { type Context, createContext } from '../steps/context';
import { intentKey } from '../steps/intent';
import { ensureSingleCamJob, type JobSettings } from '../steps/job-once';
import { plannedFileNames } from '../steps/outputs';
import { openRunJournal, withRunJournal } from '../steps/run-journal';
import { ensureTake } from '../steps/take';
import { uploadSource } from '../steps/upload';
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
} from '../validate';
import { type RunOptions, type RunReport, runJob, stripExtension } from './skeleton';

/** `options.mocapModel` is S1 or S2. */
export interface SingleCamInput extends JobSettings {
  video: UploadSource;
  /** The `.move` sidecar the Move One app records beside the video. */
  move?: UploadSource;
  /** Slug naming the camera, shared by the video and its sidecar. Default `iphone`. */
  deviceLabel?: string;
}

export type SingleCamRunOptions = RunOptions;

export interface SingleCamResult extends RunReport {
  fileIds: { video?: string; move?: string };
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
    options: checkOptions(input.options, 'single'),
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

function runChecked(
  ctx: Context,
  journal: Journal,
  checked: CheckedSingleCamInput,
  options: SingleCamRunOptions,
): Promise<SingleCamResult> {
  const base = options.outputBaseName ?? checked.name ?? stripExtension(checked.video.name);
  return runJob(ctx, journal, options, {
    base,
    plannedNames: plannedFileNames(checked.outputs, base, true),
    inputs: [checked.video, checked.move],
    idempotencyKey: checked.idempotencyKey,
    expectedOutputs: checked.outputs?.length,
    makeJob: async () => {
      const video = await uploadSource(ctx, journal, {
        role: 'video',
        source: checked.video,
        fileType: checked.videoFormat.toLowerCase(),
      });
      const move = checked.move
        ? await uploadSource(ctx, journal, { role: 'move', source: checked.move, fileType: 'move' })
        : undefined;
      const takeId = await createTake(ctx, journal, checked, { video, move });
      return ensureSingleCamJob(ctx, journal, {
        takeId,
        outputs: checked.outputs,
        options: checked.options,
        clipWindow: checked.clipWindow,
        name: checked.name,
        metadata: checked.metadata,
        idempotencyKey: checked.idempotencyKey,
      });
    },
    describe: async () => ({
      takeId: journal.record.takeId ?? '',
      fileIds: { video: journal.record.uploads.video?.fileId, move: journal.record.uploads.move?.fileId },
    }),
  });
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
