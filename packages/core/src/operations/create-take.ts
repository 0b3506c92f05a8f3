// Create a take: the videos of one performance, from one camera (with its optional `.move` sidecar)
// or from every camera of a volume. A take costs nothing, so a lost answer is simply sent again;
// journalled, the same request sent again returns the take it made. Cameras are given as files on
// Move or as videos to upload, and checked (labels, lenses, the volume's own cameras) first.
import { type Metadata, MoveValidationError, type SourceFormat, type SourceInput, type Take } from '@move-ugc/sdk';
import type { Journal } from '../ports/journal';
import type { UploadSource } from '../ports/sources';
import {
  type CameraFile,
  type CheckedCameraFile,
  cameraIdentities,
  cameraSources,
  checkCameraFiles,
  checkCamerasWithMove,
  checkSameCameras,
  checkVideoFormat,
  videoFormatOf,
} from '../steps/camera-files';
import { type Context, createContext, type WorkflowOptions } from '../steps/context';
import { intentKey } from '../steps/intent';
import { openRunJournal, type RunJournalOptions, withRunJournal } from '../steps/run-journal';
import { ensureTake } from '../steps/take';
import { uploadSource } from '../steps/upload';
import { pollVolume, volumeCameras, volumeToCalibrate } from '../steps/volume';
import { normalizeState, type WaitOptions } from '../steps/wait';
import {
  checkDeviceLabel,
  checkMetadata,
  checkMoveSidecar,
  checkSync,
  checkText,
  checkVideo,
  type SyncInput,
} from '../validate';

/** A file on Move (its id), or a file to upload. */
export type TakeFile =
  | {
      fileId: string;
      /** The video's container; looked up on Move when left out. */
      format?: SourceFormat;
      source?: undefined;
    }
  | { source: UploadSource; fileId?: undefined };

export interface SingleCamTakeInput {
  video: TakeFile;
  /** The `.move` sidecar the Move One app records beside the video. */
  move?: TakeFile;
  /** Slug naming the camera. Default `iphone`. */
  deviceLabel?: string;
  name?: string;
  metadata?: Record<string, unknown>;
}

export interface MultiCamTakeInput {
  /** The volume that calibrates the cameras; the take's cameras are its cameras, lenses unchanged. */
  volumeId: string;
  /** One video per camera, each labelled as in the volume. */
  cameras: readonly CameraFile[];
  /** How the videos are lined up in time; none by default. */
  sync?: SyncInput;
  name?: string;
  metadata?: Record<string, unknown>;
}

export type CreateTakeInput = SingleCamTakeInput | MultiCamTakeInput;

/** `WaitOptions` bound the wait for a volume that is still processing. */
export interface CreateTakeOptions extends WorkflowOptions, RunJournalOptions, WaitOptions {}

export interface CreatedTake {
  take: Take<'sources'>;
  /** The take was made by an earlier call with the same request. */
  resumed: boolean;
}

export async function createTake(input: CreateTakeInput, options: CreateTakeOptions): Promise<CreatedTake> {
  const ctx = createContext(options);
  const labels = { name: checkText(input.name, 'name', 256), metadata: checkMetadata(input.metadata) };
  const plan = 'volumeId' in input ? await planMultiCam(ctx, input, options) : await planSingleCam(ctx, input);
  const journal = await openRunJournal(ctx, 'take', await intentKey('take', { ...plan.intent, ...labels }), options);
  return withRunJournal(ctx, journal, async () => {
    const resumed = journal.record.takeId !== undefined;
    const takeId = await ensureTake(ctx, journal, async () =>
      plan.create({ ...labels, sources: await plan.sources(journal) }),
    );
    const take = await ctx.ugc.takes.retrieve(takeId, { expand: ['sources'] }, { signal: ctx.signal });
    return { take, resumed };
  });
}

interface TakePlan {
  intent: Record<string, unknown>;
  sources(journal: Journal): Promise<SourceInput[]>;
  create(params: { sources: SourceInput[]; name?: string; metadata?: Metadata }): Promise<{ id: string }>;
}

async function planSingleCam(ctx: Context, input: SingleCamTakeInput): Promise<TakePlan> {
  const deviceLabel = checkDeviceLabel(input.deviceLabel ?? 'iphone');
  const video = await checkTakeFile(input.video, 'video');
  const move = input.move === undefined ? undefined : await checkTakeFile(input.move, 'move');
  const videoFormat = video.format ?? (await videoFormatOf(ctx, video.fileId!, 'video'));
  const files: [CheckedTakeFile, SourceFormat, 'video' | 'move'][] = [[video, videoFormat, 'video']];
  if (move) files.push([move, 'MOVE', 'move']);
  return {
    intent: {
      deviceLabel,
      files: await Promise.all(
        files.map(async ([file]) => ({ fileId: file.fileId, source: await file.source?.identity() })),
      ),
    },
    sources: async (journal) => {
      const sources: SourceInput[] = [];
      for (const [file, format, role] of files) {
        const fileId = file.source
          ? await uploadSource(ctx, journal, { role, source: file.source, fileType: format.toLowerCase() })
          : file.fileId!;
        sources.push({ deviceLabel, fileId, format });
      }
      return sources;
    },
    create: (params) => ctx.ugc.takes.createSingleCam(params, { signal: ctx.signal }),
  };
}

async function planMultiCam(ctx: Context, input: MultiCamTakeInput, wait: WaitOptions): Promise<TakePlan> {
  const volumeId = checkText(input.volumeId, 'volumeId', 200)!;
  const cameras: CheckedCameraFile[] = await checkCameraFiles(input.cameras, 'cameras');
  const syncMethod = input.sync === undefined ? undefined : checkSync(input.sync);
  const [ready, volume] = await Promise.all([checkCamerasWithMove(ctx, cameras), volumeToCalibrate(ctx, volumeId)]);
  checkSameCameras(cameras, volumeCameras(volume), `volume ${volumeId}`, 'cameras');
  return {
    intent: { volumeId, syncMethod, cameras: await cameraIdentities(cameras) },
    sources: (journal) => cameraSources(ctx, journal, ready, 'camera'),
    create: async (params) => {
      // Move takes a multi-camera take only once its volume has FINISHED.
      if (normalizeState(volume.progress?.state ?? volume.state) !== 'FINISHED') await pollVolume(ctx, volumeId, wait);
      return ctx.ugc.takes.createMultiCam({ ...params, volumeId, syncMethod }, { signal: ctx.signal });
    },
  };
}

type CheckedTakeFile = TakeFile & { format?: SourceFormat };

/** A file to upload is checked by its content; a file on Move by its id (its type is looked up). */
async function checkTakeFile(file: TakeFile, field: 'video' | 'move'): Promise<CheckedTakeFile> {
  if (!file || (file.fileId === undefined) === (file.source === undefined)) {
    throw new MoveValidationError(
      `${field} needs either fileId (a file uploaded earlier) or source (a file to upload), not both.`,
      field,
    );
  }
  if (file.fileId !== undefined) {
    const fileId = checkText(file.fileId, `${field}.fileId`, 200)!;
    return { fileId, format: field === 'move' ? 'MOVE' : checkVideoFormat(file.format, `${field}.format`) };
  }
  if (field === 'move') {
    await checkMoveSidecar(file.source, field);
    return { source: file.source, format: 'MOVE' };
  }
  return { source: file.source, format: await checkVideo(file.source, field) };
}
