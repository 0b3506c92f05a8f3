// Sources of takes and volumes made from files uploaded earlier (`file-id` or `file-id:lens`), and
// how multi-camera sources are synced (`--clap a-b` or `--timecode`).
import type { SyncInput } from '@move-ugc/core';
import { parseCameraSource, parseId, parseWindow } from './args';
import { UsageError } from './errors';

/** Camera `n` is `cam-n`, in the order the flags were given. */
export function cameraLabel(index: number): string {
  return `cam-${index + 1}`;
}

/** Repeated `--video <file-id:lens>` flags, checked before anything is sent. */
export function parseCameraFileIds(values: string[] | undefined, flag: string, command: string) {
  return (values ?? []).map((value, index) => {
    const { target, lens } = parseCameraSource(value, flag, 'file-id');
    return { fileId: parseId(target, 'file', command), lens, deviceLabel: cameraLabel(index) };
  });
}

/** Exactly one of `--clap a-b` and `--timecode` (or neither, when not required). */
export function parseSyncMethod(values: { clap?: string; timecode?: boolean }, command: string): SyncInput;
export function parseSyncMethod(
  values: { clap?: string; timecode?: boolean },
  command: string,
  required: false,
): SyncInput | undefined;
export function parseSyncMethod(
  values: { clap?: string; timecode?: boolean },
  command: string,
  required = true,
): SyncInput | undefined {
  if (values.clap !== undefined && values.timecode) {
    throw new UsageError('Give either --clap <start-end> or --timecode, not both.', command);
  }
  if (values.timecode) return { timecode: true };
  if (values.clap === undefined) {
    if (!required) return undefined;
    throw new UsageError(
      'Say how to sync the cameras: --clap <start-end> (seconds around a clap, e.g. 1.0-2.0) or --timecode.',
      command,
    );
  }
  return { clapWindow: parseWindow(values.clap, '--clap') };
}
