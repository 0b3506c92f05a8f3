// The cameras of a volume or multi-camera take, each given as a file already on Move (file id) or
// as a video to upload: checked (two or more, labels, lenses), their containers found, and turned
// into the take's or volume's sources, uploading what is not on Move yet.
import { MoveValidationError, type SourceFormat, type SourceInput } from '@move-ugc/sdk';
import type { Journal } from '../ports/journal';
import type { UploadSource } from '../ports/sources';
import { checkCameraSet, checkText, checkVideo } from '../validate';
import { checkLenses } from './catalogues';
import type { Context } from './context';
import { uploadSource } from './upload';

/** One camera: its video as a file on Move, or as a video to upload. */
export type CameraFile = {
  /** Slug naming the camera; a camera keeps its label from the volume to the take. */
  deviceLabel: string;
  /** The camera's lens: a name from `ugc.cameraSettings.list()`, e.g. `iphone15pro-main`. */
  lens: string;
} & (
  | {
      fileId: string;
      /** The file's container; looked up on Move when left out. */
      format?: SourceFormat;
      video?: undefined;
    }
  | { video: UploadSource; fileId?: undefined }
);

export type CheckedCameraFile = { deviceLabel: string; lens: string; field: string } & (
  | { fileId: string; format?: SourceFormat; video?: undefined }
  | { video: UploadSource; format: SourceFormat; fileId?: undefined }
);

const VIDEO_FORMATS: readonly SourceFormat[] = ['MP4', 'MOV', 'AVI'];

/** Everything that can be checked here: count, labels, each video's first bytes. */
export async function checkCameraFiles(cameras: readonly CameraFile[], field: string): Promise<CheckedCameraFile[]> {
  const checked: CheckedCameraFile[] = [];
  for (const [i, camera] of checkCameraSet(cameras, field).entries()) {
    const at = `${field}[${i}]`;
    const { deviceLabel, lens } = camera;
    if ((camera.fileId === undefined) === (camera.video === undefined)) {
      throw new MoveValidationError(
        `${at} needs its video: either fileId (a file uploaded earlier) or video (to upload), not both.`,
        at,
      );
    }
    if (camera.video) {
      const format = await checkVideo(camera.video, `${at}.video`);
      checked.push({ deviceLabel, lens, field: at, video: camera.video, format });
    } else {
      const fileId = checkText(camera.fileId, `${at}.fileId`, 200)!;
      checked.push({ deviceLabel, lens, field: at, fileId, format: checkVideoFormat(camera.format, `${at}.format`) });
    }
  }
  return checked;
}

/** A camera whose container is known: its video's, or its file's as Move has it. */
export type SourceCamera = { deviceLabel: string; lens: string; format: SourceFormat } & (
  | { fileId: string; video?: undefined }
  | { video: UploadSource; fileId?: undefined }
);

/**
 * Each camera's lens is one Move knows, and each file on Move is a video (its container looked up
 * when not given): lookups only.
 */
export async function checkCamerasWithMove(
  ctx: Context,
  cameras: readonly CheckedCameraFile[],
): Promise<(CheckedCameraFile & SourceCamera)[]> {
  await checkLenses(
    ctx,
    cameras.map(({ lens, field }) => ({ lens, field: `${field}.lens` })),
  );
  return Promise.all(
    cameras.map(async (camera) =>
      camera.video
        ? camera
        : { ...camera, format: camera.format ?? (await videoFormatOf(ctx, camera.fileId, camera.field)) },
    ),
  );
}

/** What identifies the cameras in a journal's intent: a changed video is a new request. */
export function cameraIdentities(cameras: readonly CheckedCameraFile[]) {
  return Promise.all(
    cameras.map(async ({ deviceLabel, lens, fileId, video }) => ({
      deviceLabel,
      lens,
      fileId,
      video: await video?.identity(),
    })),
  );
}

/** The sources to send, uploading each camera given as a video (once: the journal keeps it). */
export async function cameraSources(
  ctx: Context,
  journal: Journal,
  cameras: readonly SourceCamera[],
  role: 'volume' | 'camera',
): Promise<SourceInput[]> {
  const sources: SourceInput[] = [];
  for (const [i, camera] of cameras.entries()) {
    const { format } = camera;
    const fileId = camera.video
      ? await uploadSource(ctx, journal, { role: `${role}-${i}`, source: camera.video, fileType: format.toLowerCase() })
      : camera.fileId;
    sources.push({ deviceLabel: camera.deviceLabel, fileId, format, cameraSettings: { lens: camera.lens } });
  }
  return sources;
}

/** A take is calibrated by its volume only when it is filmed by the volume's cameras, lenses unchanged. */
export function checkSameCameras(
  take: readonly { deviceLabel: string; lens: string }[],
  volume: readonly { deviceLabel: string; lens?: string | null }[],
  which: string,
  field = 'take.cameras',
): void {
  const lenses = new Map(volume.map((camera) => [camera.deviceLabel, camera.lens]));
  for (const [i, camera] of take.entries()) {
    if (!lenses.has(camera.deviceLabel)) {
      throw new MoveValidationError(
        `${field}[${i}].deviceLabel "${camera.deviceLabel}" is not a camera of ${which} (its cameras: ` +
          `${[...lenses.keys()].join(', ')}). Label each take video with the label its camera had in the volume.`,
        `${field}[${i}].deviceLabel`,
      );
    }
    const lens = lenses.get(camera.deviceLabel);
    if (lens && lens !== camera.lens) {
      throw new MoveValidationError(
        `${field}[${i}]: camera "${camera.deviceLabel}" has lens ${camera.lens} here but ${lens} in ${which}. ` +
          'A volume only calibrates the cameras as they were: use the same lens, or make a new volume.',
        `${field}[${i}].lens`,
      );
    }
  }
}

export function checkVideoFormat(format: unknown, field: string): SourceFormat | undefined {
  if (format === undefined || VIDEO_FORMATS.includes(format as SourceFormat)) return format as SourceFormat | undefined;
  throw new MoveValidationError(
    `${field} must be one of ${VIDEO_FORMATS.join(', ')} (got ${JSON.stringify(format)}).`,
    field,
  );
}

/** A file on Move serves as a video only when it is one. */
export async function videoFormatOf(ctx: Context, fileId: string, field: string): Promise<SourceFormat> {
  const file = await ctx.ugc.files.retrieve(fileId, {}, { signal: ctx.signal });
  const format = file.type.replace(/^\./, '').toUpperCase() as SourceFormat;
  if (!VIDEO_FORMATS.includes(format)) {
    throw new MoveValidationError(
      `${field}.fileId: file ${fileId} is of type "${file.type}", not a video; upload an MP4, MOV or AVI.`,
      `${field}.fileId`,
    );
  }
  return format;
}
