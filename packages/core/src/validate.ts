// Every input of a run is checked before anything is sent, so a mistake costs no credit and no
// upload. Each failure names the field and the fix.
import {
  type AreaType,
  encodeMetadata,
  type Metadata,
  type MocapModelOptionsInput,
  MoveValidationError,
  type OptionsInput,
  OUTPUT_TYPES,
  type OutputType,
  type SyncMethodInput,
} from '@move-ugc/sdk';
import type { UploadSource } from './ports/sources';
import { describeContent, SNIFF_BYTES, sniffVideo, type VideoContainer } from './sniff';

/** S3's cap on a single PUT. */
export const MAX_UPLOAD_BYTES = 5 * 1024 ** 3;

/** The key core keeps its own bookkeeping under in a job's metadata. */
export const RESERVED_METADATA_KEY = '_moveUgc';

export interface ClipWindow {
  startTime: number;
  endTime: number;
}

export async function checkVideo(source: UploadSource, field = 'video'): Promise<VideoContainer> {
  checkSize(source, field);
  const head = await source.head(SNIFF_BYTES);
  const container = sniffVideo(head);
  if (!container) {
    throw new MoveValidationError(
      `${field} "${source.name}" is not an MP4, MOV or AVI video: its first bytes look like ${describeContent(head)}. ` +
        'Move reads MP4 and MOV (H.264) and AVI; convert it, e.g. `ffmpeg -i in.mkv -c:v libx264 out.mp4`.',
      field,
    );
  }
  return container;
}

/** The `.move` sidecar of the Move One app: any non-empty file that is not itself a video. */
export async function checkMoveSidecar(source: UploadSource, field = 'move'): Promise<void> {
  checkSize(source, field);
  if (sniffVideo(await source.head(SNIFF_BYTES))) {
    throw new MoveValidationError(
      `${field} "${source.name}" is a video, not a .move sidecar. Pass the video as the video, and the .move file ` +
        'the Move One app saved beside it as the sidecar (or leave the sidecar out).',
      field,
    );
  }
}

function checkSize(source: UploadSource, field: string): void {
  if (source.size === 0) {
    throw new MoveValidationError(
      `${field} "${source.name}" is empty (0 bytes); check that it finished copying.`,
      field,
    );
  }
  if (source.size > MAX_UPLOAD_BYTES) {
    const gb = (source.size / 1024 ** 3).toFixed(1);
    throw new MoveValidationError(
      `${field} "${source.name}" is ${gb} GiB; Move accepts at most 5 GiB per file. Trim or re-encode it first.`,
      field,
    );
  }
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function checkDeviceLabel(label: unknown, field = 'deviceLabel'): string {
  if (typeof label !== 'string' || !SLUG.test(label) || label.length > 64) {
    const hint =
      typeof label === 'string'
        ? label
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '')
        : '';
    throw new MoveValidationError(
      `${field} must be lowercase letters, digits and single hyphens, such as "iphone" or "cam-1"` +
        (hint && SLUG.test(hint) ? ` (try "${hint}").` : '.'),
      field,
    );
  }
  return label;
}

/** Accepts any case and `-` for `_`; rejects unknown names with the closest valid one. */
export function checkOutputs(outputs: readonly string[] | undefined, field = 'outputs'): OutputType[] | undefined {
  if (outputs === undefined) return undefined;
  if (!Array.isArray(outputs) || outputs.length === 0) {
    throw new MoveValidationError(
      `${field} must list at least one output type, or be left out for Move's defaults.`,
      field,
    );
  }
  const chosen = new Set<OutputType>();
  for (const raw of outputs) {
    const name = String(raw).trim().toUpperCase().replace(/-/g, '_');
    if (!(OUTPUT_TYPES as readonly string[]).includes(name)) {
      const guess = closest(name, OUTPUT_TYPES);
      throw new MoveValidationError(
        `${field}: "${raw}" is not an output type${guess ? ` (did you mean ${guess}?)` : ''}. ` +
          `Valid: ${OUTPUT_TYPES.join(', ')}.`,
        field,
      );
    }
    chosen.add(name as OutputType);
  }
  return [...chosen];
}

const OPTION_FLAGS = ['floorPlane', 'trackBall', 'trackFingers', 'trackJerseyNumbers'] as const;

/** The S models are for single-camera jobs, the M models for multi-camera ones. */
export const MOCAP_MODELS = {
  single: ['S1', 'S2'],
  multi: ['M1', 'M2'],
} as const satisfies Record<string, readonly MocapModelOptionsInput[]>;

const KIND = { single: 'single-camera', multi: 'multi-camera' } as const;

export type CameraSetup = keyof typeof MOCAP_MODELS;

/** A mocap model fits the job's camera set-up. */
export function checkMocapModel(model: unknown, setup: CameraSetup, field = 'options.mocapModel'): void {
  if (model === undefined || model === null) return;
  const allowed: readonly string[] = MOCAP_MODELS[setup];
  if (!allowed.includes(model as string)) {
    const other = setup === 'single' ? 'multi' : 'single';
    const belongs = (MOCAP_MODELS[other] as readonly string[]).includes(model as string)
      ? ` is for ${KIND[other]} jobs`
      : ' is not a mocap model';
    throw new MoveValidationError(
      `${field} "${String(model)}"${belongs}; a ${KIND[setup]} job takes ${allowed.join(' or ')}.`,
      field,
    );
  }
}

export function checkOptions(
  options: OptionsInput | undefined,
  setup: CameraSetup,
  field = 'options',
): OptionsInput | undefined {
  if (options === undefined) return undefined;
  if (!options || typeof options !== 'object' || Array.isArray(options)) {
    throw new MoveValidationError(`${field} must be an object such as { trackFingers: true }.`, field);
  }
  for (const [key, value] of Object.entries(options)) {
    if (key === 'mocapModel') {
      checkMocapModel(value, setup, `${field}.mocapModel`);
    } else if ((OPTION_FLAGS as readonly string[]).includes(key)) {
      if (value !== undefined && value !== null && typeof value !== 'boolean') {
        throw new MoveValidationError(`${field}.${key} must be true or false.`, field);
      }
    } else {
      const guess = closest(key, [...OPTION_FLAGS, 'mocapModel']);
      throw new MoveValidationError(
        `${field}: unknown option "${key}"${guess ? ` (did you mean ${guess}?)` : ''}. ` +
          `Valid: ${[...OPTION_FLAGS, 'mocapModel'].join(', ')}.`,
        field,
      );
    }
  }
  return options;
}

/** RENDER_OVERLAY_VIDEO draws the mocap over the one input video: single-camera jobs only. */
export function checkOutputsFit(
  outputs: readonly OutputType[] | undefined,
  setup: CameraSetup,
  field = 'outputs',
): void {
  if (setup === 'multi' && outputs?.includes('RENDER_OVERLAY_VIDEO')) {
    throw new MoveValidationError(
      `${field}: RENDER_OVERLAY_VIDEO (the mocap drawn over the input video) is made for single-camera jobs only. ` +
        'Leave it out; RENDER_VIDEO is the preview of a multi-camera job.',
      field,
    );
  }
}

/** Settings that only one camera set-up takes (numberOfActors and rig: multi-camera) are left out of the other. */
export function checkSetupOnly(
  settings: Record<string, unknown>,
  fits: CameraSetup,
  setup: CameraSetup,
  takeId: string,
): void {
  if (setup === fits) return;
  const given = Object.keys(settings).filter((key) => settings[key] !== undefined);
  if (given.length === 0) return;
  throw new MoveValidationError(
    `${given.join(' and ')} ${given.length > 1 ? 'are' : 'is'} for ${KIND[fits]} jobs; ${takeId} is a ${KIND[setup]} take.`,
    given[0]!,
  );
}

/** Fewest cameras of a multi-camera set-up. */
export const MIN_CAMERAS = 2;

/**
 * The cameras of a volume or multi-camera take: two or more, each with its own device label and a
 * lens named. Returns them with their labels checked.
 */
export function checkCameraSet<C extends { deviceLabel?: unknown; lens?: unknown }>(
  cameras: readonly C[] | undefined,
  field: string,
): (C & { deviceLabel: string; lens: string })[] {
  const count = Array.isArray(cameras) ? cameras.length : 0;
  if (!Array.isArray(cameras) || count < MIN_CAMERAS) {
    throw new MoveValidationError(
      `${field} must list ${MIN_CAMERAS} or more cameras, one video each (got ${count}). For one camera, use a single-camera run.`,
      field,
    );
  }
  const seen = new Set<string>();
  return cameras.map((camera, i) => {
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
    return { ...camera, deviceLabel, lens: camera.lens };
  });
}

export function checkClipWindow(window: ClipWindow | undefined, field = 'clipWindow'): ClipWindow | undefined {
  if (window === undefined) return undefined;
  const { startTime, endTime } = window ?? ({} as ClipWindow);
  if (!Number.isFinite(startTime) || !Number.isFinite(endTime)) {
    throw new MoveValidationError(`${field} needs numeric startTime and endTime in seconds, e.g. 2.5 and 9.`, field);
  }
  if (startTime < 0) throw new MoveValidationError(`${field}: startTime must be 0 or more (got ${startTime}).`, field);
  if (startTime >= endTime) {
    throw new MoveValidationError(
      `${field}: startTime (${startTime}) must be before endTime (${endTime}); swap them if they are reversed.`,
      field,
    );
  }
  return { startTime, endTime };
}

export function checkMetadata(metadata: unknown, field = 'metadata'): Metadata | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  encodeMetadata(metadata, field);
  if (RESERVED_METADATA_KEY in (metadata as object)) {
    throw new MoveValidationError(
      `${field}: the key "${RESERVED_METADATA_KEY}" is reserved for move-ugc's own bookkeeping.`,
      field,
    );
  }
  return metadata as Metadata;
}

export function checkText(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new MoveValidationError(`${field} must be non-empty text of at most ${max} characters.`, field);
  }
  return value;
}

/** Metres; a person outside this range is surely a unit mistake. */
export const HUMAN_HEIGHT_RANGE = { min: 0.5, max: 2.5 } as const;

export function checkHumanHeight(value: unknown, field = 'humanHeight'): number {
  const { min, max } = HUMAN_HEIGHT_RANGE;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const hint =
      typeof value === 'number' && value >= min * 100 && value <= max * 100
        ? ` ${value} looks like centimetres: use ${value / 100}.`
        : '';
    throw new MoveValidationError(
      `${field} is the height in metres of the person in the calibration videos, from ${min} to ${max} (got ${String(value)}).${hint}`,
      field,
    );
  }
  return value;
}

const AREA_TYPES: readonly AreaType[] = ['NORMAL', 'LARGE'];

export function checkAreaType(value: unknown, field = 'areaType'): AreaType {
  if (value === undefined) return 'NORMAL';
  if (!AREA_TYPES.includes(value as AreaType)) {
    throw new MoveValidationError(`${field} must be NORMAL or LARGE (got ${JSON.stringify(value)}).`, field);
  }
  return value as AreaType;
}

/** How the cameras of a multi-camera recording are lined up in time. */
export type SyncInput = { clapWindow: ClipWindow } | { timecode: true };

export function checkSync(sync: SyncInput | undefined, field = 'sync'): SyncMethodInput {
  const given = sync && typeof sync === 'object' ? sync : undefined;
  const clap = given && 'clapWindow' in given && given.clapWindow !== undefined;
  const timecode = given && 'timecode' in given && given.timecode !== undefined;
  if (clap === timecode) {
    throw new MoveValidationError(
      `${field} needs exactly one of { clapWindow: { startTime, endTime } } (seconds around the clap seen by every camera) ` +
        'or { timecode: true } (cameras share a timecode).',
      field,
    );
  }
  if (clap)
    return { clapWindow: checkClipWindow((given as { clapWindow: ClipWindow }).clapWindow, `${field}.clapWindow`) };
  if ((given as { timecode: unknown }).timecode !== true) {
    throw new MoveValidationError(`${field}.timecode must be true (or use a clapWindow instead).`, field);
  }
  return { timecodeSync: { useTimecode: true } };
}

/** Most people a multi-camera job tracks. */
export const MAX_ACTORS = 10;

export function checkNumberOfActors(value: unknown, field = 'numberOfActors'): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_ACTORS) {
    throw new MoveValidationError(
      `${field} must be a whole number from 1 to ${MAX_ACTORS} (got ${String(value)}).`,
      field,
    );
  }
  return value as number;
}

/** A name from one of Move's catalogues (lenses, rigs): the exact name, or the nearest as a hint. */
export function checkCatalogName(
  value: unknown,
  valid: readonly string[],
  field: string,
  noun: string,
  list: string,
): string {
  if (typeof value === 'string' && valid.includes(value)) return value;
  const guess = typeof value === 'string' ? (closest(value, valid) ?? completions(value, valid)) : undefined;
  throw new MoveValidationError(
    `${field}: ${JSON.stringify(value)} is not a ${noun} Move knows${guess ? ` (did you mean ${guess}?)` : ''}. ` +
      `Valid: ${valid.join(', ')} (from ${list}).`,
    field,
  );
}

/** Names that start with what was typed (`iphone15pro` -> `iphone15pro-main`), a few at most. */
function completions(input: string, candidates: readonly string[]): string | undefined {
  const typed = input.trim().toLowerCase();
  const matches = typed.length >= 3 ? candidates.filter((c) => c.toLowerCase().startsWith(typed)) : [];
  return matches.length > 0 && matches.length <= 3 ? matches.join(' or ') : undefined;
}

/** The nearest candidate by edit distance, when it is near enough to be a typo. */
function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(input.toUpperCase(), candidate.toUpperCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(input.length / 3)) ? best : undefined;
}

/** Levenshtein distance: the fewest single-character edits that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
