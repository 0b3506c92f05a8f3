// Sources of takes and volumes made from files uploaded earlier (`file-id` or `file-id:lens`), and
// how multi-camera sources are synced (`--clap a-b` or `--timecode`).
import type { MoveUgc, SourceFormat, SourceInput, SyncMethodInput } from '@move-ugc/sdk';
import { parseCameraSource, parseId, parseWindow } from './args';
import { UsageError } from './errors';

const FORMATS: readonly SourceFormat[] = ['MP4', 'MOV', 'AVI', 'MOVE'];

/** The source format of an uploaded file, from the type it was created with. */
export async function formatOf(ugc: MoveUgc, fileId: string, signal: AbortSignal): Promise<SourceFormat> {
  const file = await ugc.files.retrieve(fileId, {}, { signal });
  const format = file.type.replace(/^\./, '').toUpperCase() as SourceFormat;
  if (!FORMATS.includes(format)) {
    throw new UsageError(
      `File ${fileId} is of type "${file.type}", which cannot be a source; upload an mp4, mov, avi or move file.`,
    );
  }
  return format;
}

/** Camera `n` is `cam-n`, in the order the flags were given. */
export function cameraLabel(index: number): string {
  return `cam-${index + 1}`;
}

/** Repeated `--video <file-id:lens>` flags, checked before anything is sent. */
export function parseCameraFileIds(values: string[] | undefined, flag: string, command: string, min: number) {
  const specs = (values ?? []).map((value) => {
    const { target, lens } = parseCameraSource(value, flag, 'file-id');
    return { fileId: parseId(target, 'file', command), lens };
  });
  if (specs.length < min) {
    throw new UsageError(
      `Give ${min} or more ${flag} <file-id:lens> flags, one per camera (got ${specs.length}).`,
      command,
    );
  }
  return specs;
}

/** Looks up each file's format and numbers the cameras. */
export async function cameraSources(
  ugc: MoveUgc,
  specs: { fileId: string; lens: string }[],
  signal: AbortSignal,
): Promise<SourceInput[]> {
  return Promise.all(
    specs.map(async ({ fileId, lens }, index) => ({
      deviceLabel: cameraLabel(index),
      fileId,
      format: await formatOf(ugc, fileId, signal),
      cameraSettings: { lens },
    })),
  );
}

/** Exactly one of `--clap a-b` and `--timecode` (or neither, when not required). */
export function parseSyncMethod(values: { clap?: string; timecode?: boolean }, command: string): SyncMethodInput;
export function parseSyncMethod(
  values: { clap?: string; timecode?: boolean },
  command: string,
  required: false,
): SyncMethodInput | undefined;
export function parseSyncMethod(
  values: { clap?: string; timecode?: boolean },
  command: string,
  required = true,
): SyncMethodInput | undefined {
  if (values.clap !== undefined && values.timecode) {
    throw new UsageError('Give either --clap <start-end> or --timecode, not both.', command);
  }
  if (values.timecode) return { timecodeSync: { useTimecode: true } };
  if (values.clap === undefined) {
    if (!required) return undefined;
    throw new UsageError(
      'Say how to sync the cameras: --clap <start-end> (seconds around a clap, e.g. 1.0-2.0) or --timecode.',
      command,
    );
  }
  return { clapWindow: parseWindow(values.clap, '--clap') };
}
