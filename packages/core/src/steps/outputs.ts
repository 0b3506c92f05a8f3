// Turning a job's outputs into local file names: derived from Move's format and file type, made
// safe (nothing from the server can name a path outside the target directory) and unique.
import type { Output, OutputType } from '@move-ugc/sdk';

export interface NamedOutput {
  fileId: string;
  format: string;
  fileName: string;
  url: string | null;
}

const MAX_NAME = 120;

/**
 * Longest output name, in UTF-8 bytes: 255 (the common file system limit) less the room a sink's
 * temporary name takes around it (`.<name>.<8 hex digits>.part`).
 */
export const MAX_OUTPUT_NAME_BYTES = 255 - '..12345678.part'.length;

/** Keeps letters, digits, `.`, `_` and `-`; no separators, no leading dots, never empty. */
export function safeName(text: string, fallback: string): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .replace(/_+/g, '_')
    .slice(0, MAX_NAME)
    .replace(/[._-]+$/, '');
  return cleaned || fallback;
}

/**
 * `<base>.<ext>` when the format is the extension (`fbx`), else `<base>.<format>.<ext>`
 * (`clip.render_overlay_mp4.mp4`); a repeated name gets `-2`, `-3`, ... Names are cut to
 * MAX_OUTPUT_NAME_BYTES, keeping the extension.
 */
export function outputFileNames(outputs: readonly (Output | null)[], base: string): NamedOutput[] {
  const stem = safeName(base, 'output');
  const taken = new Set<string>();
  const named: NamedOutput[] = [];
  for (const output of outputs) {
    if (!output?.file) continue;
    const ext = safeName((output.file.type ?? '').replace(/^\./, '').toLowerCase(), 'bin');
    const format = safeName((output.format ?? output.key ?? ext).toLowerCase(), ext);
    const body = format === ext ? stem : `${stem}.${format}`;
    let fileName = fitName(body, `.${ext}`);
    for (let n = 2; taken.has(fileName.toLowerCase()); n++) fileName = fitName(body, `-${n}.${ext}`);
    taken.add(fileName.toLowerCase());
    named.push({ fileId: output.file.id, format: output.format ?? ext, fileName, url: output.file.presignedUrl });
  }
  return named;
}

const utf8 = new TextEncoder();

/** `body + tail` in at most MAX_OUTPUT_NAME_BYTES: the body is cut on a character boundary, the tail (`-2.fbx`) kept. */
function fitName(body: string, tail: string): string {
  let room = MAX_OUTPUT_NAME_BYTES - utf8.encode(tail).byteLength;
  if (utf8.encode(body).byteLength <= room) return body + tail;
  let cut = '';
  for (const char of body) {
    room -= utf8.encode(char).byteLength;
    if (room < 0) break;
    cut += char;
  }
  return cut.replace(/[._-]+$/, '') + tail;
}

/**
 * Move's format and file type of each output type, as its documentation gives them: enough to name
 * the outputs before the job exists, so that clashes are found before anything is paid for. The
 * job's own names are checked again before the downloads.
 */
const OUTPUT_KINDS: Record<OutputType, readonly [format: string, type: string]> = {
  RENDER_VIDEO: ['mp4', 'mp4'],
  RENDER_OVERLAY_VIDEO: ['render_overlay_mp4', 'mp4'],
  MAIN_FBX: ['fbx', 'fbx'],
  MAIN_USDC: ['usdc', 'usdc'],
  MAIN_USDZ: ['usdz', 'usdz'],
  MAIN_BLEND: ['blend', 'blend'],
  MAIN_GLB: ['glb', 'glb'],
  MOTION_DATA: ['motion_data', 'zip'],
  SYNC_DATA: ['sync_data', 'pkl'],
  ALL_FBX: ['all_fbx', 'zip'],
  ALL_USDC: ['all_usdc', 'zip'],
  ALL_USDZ: ['all_usdz', 'zip'],
  ALL_BLEND: ['all_blend', 'zip'],
  ALL_GLB: ['all_glb', 'zip'],
  ALL_BVH: ['bvh', 'zip'],
  ALL_C3D: ['c3d', 'zip'],
};

/** What Move makes for a job that names no outputs (single-camera jobs add the overlay video). */
const DEFAULT_OUTPUTS: OutputType[] = [
  'RENDER_VIDEO',
  'MAIN_FBX',
  'MAIN_USDC',
  'MAIN_USDZ',
  'MAIN_BLEND',
  'MOTION_DATA',
];

/** The file names the outputs of a job asking for `outputs` will get, before the job exists. */
export function plannedFileNames(
  outputs: readonly OutputType[] | undefined,
  base: string,
  singleCam: boolean,
): string[] {
  const types = outputs ?? [...DEFAULT_OUTPUTS, ...(singleCam ? (['RENDER_OVERLAY_VIDEO'] as const) : [])];
  const planned = types.flatMap((type) => {
    const kind = OUTPUT_KINDS[type];
    return kind ? [{ format: kind[0], file: { id: type, type: kind[1], presignedUrl: null } } as Output] : [];
  });
  return outputFileNames(planned, base).map((output) => output.fileName);
}
