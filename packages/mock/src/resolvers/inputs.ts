import {
  CAMERA_LENSES,
  isVideoFormat,
  OUTPUT_KINDS,
  type OutputType,
  type SourceFormat,
  sourceFormatOf,
} from '../catalog';
import { badRequest } from '../errors';
import { looksLikeVideo } from '../sniff';
import type { ClipWindow, FileRecord, SourceRecord, SyncMethodRecord } from '../store';
import type { ResolverContext } from './context';

// Input checks as the service makes them; each error names the argument and what is wrong.

export interface SourceInput {
  deviceLabel: string;
  fileId: string;
  format: SourceFormat;
  cameraSettings?: { lens: string } | null;
}

export interface SyncMethodInput {
  clapWindow?: { startTime: number; endTime: number } | null;
  timecodeSync?: { useTimecode: boolean } | null;
}

const DEVICE_LABEL = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function checkWindow(name: string, window: ClipWindow | null | undefined): ClipWindow | null {
  if (!window) return null;
  const { startTime, endTime } = window;
  if (startTime < 0) throw badRequest(`${name}.startTime must be >= 0 seconds (got ${startTime}).`);
  if (!(startTime < endTime)) {
    throw badRequest(`${name}.startTime (${startTime}) must be before ${name}.endTime (${endTime}).`);
  }
  return { startTime, endTime };
}

/** A sync method is optional (Move's example leaves it out): none means the service syncs on its own. */
export function checkSyncMethod(input: SyncMethodInput | null | undefined): SyncMethodRecord | null {
  if (!input) return null;
  const clapWindow = checkWindow('syncMethod.clapWindow', input.clapWindow);
  const timecodeSync = input.timecodeSync ? { useTimecode: input.timecodeSync.useTimecode } : null;
  if (!clapWindow === !timecodeSync) {
    throw badRequest('syncMethod needs exactly one of clapWindow or timecodeSync.');
  }
  return { clapWindow, timecodeSync };
}

interface CheckedSource {
  record: SourceRecord;
  file: FileRecord;
}

/** Resolves and checks each source: an uploaded file of this client whose type fits `format`. */
function checkSource(ctx: ResolverContext, source: SourceInput, index: number): CheckedSource {
  const at = `sources[${index}]`;
  if (!DEVICE_LABEL.test(source.deviceLabel)) {
    throw badRequest(
      `${at}.deviceLabel '${source.deviceLabel}' must be a slug: lower-case letters, digits, '-' or '_' (at most 64).`,
    );
  }
  const file = ctx.engine.store.owned(ctx.engine.store.files, source.fileId, ctx.client.id);
  if (!file || file.output) throw badRequest(`${at}.fileId: no file '${source.fileId}' was found.`);
  if (!file.upload) {
    throw badRequest(`${at}.fileId: file '${file.id}' has no content yet: PUT its bytes to its presignedUrl first.`);
  }
  const fits = sourceFormatOf(file.type);
  if (fits !== source.format) {
    throw badRequest(`${at}.format ${source.format} does not match the type '${file.type}' of file '${file.id}'.`);
  }
  const lens = source.cameraSettings?.lens ?? null;
  if (lens !== null && !(CAMERA_LENSES as readonly string[]).includes(lens)) {
    throw badRequest(`${at}.cameraSettings.lens '${lens}' is unknown: see listCameraSettings.`);
  }
  return { record: { deviceLabel: source.deviceLabel, fileId: file.id, format: source.format, lens }, file };
}

function requireSources(sources: SourceInput[] | null | undefined): SourceInput[] {
  if (!sources || sources.length === 0) throw badRequest('sources must list at least one source.');
  return sources;
}

/** One video source (MP4, MOV or AVI), at most one MOVE sidecar, all with the same deviceLabel. */
export function checkSingleCamSources(ctx: ResolverContext, input: SourceInput[] | null | undefined): CheckedSource[] {
  const sources = requireSources(input).map((source, index) => checkSource(ctx, source, index));
  const videos = sources.filter((s) => isVideoFormat(s.record.format));
  const sidecars = sources.length - videos.length;
  if (videos.length !== 1) {
    throw badRequest(`A single-camera take needs exactly one video source (MP4, MOV or AVI); got ${videos.length}.`);
  }
  if (sidecars > 1) throw badRequest(`A single-camera take takes at most one MOVE source; got ${sidecars}.`);
  const labels = new Set(sources.map((s) => s.record.deviceLabel));
  if (labels.size > 1)
    throw badRequest(`All sources of a single-camera take share one deviceLabel; got ${[...labels].join(', ')}.`);
  return sources;
}

/** Two or more video sources from distinct cameras, each with a known lens. */
export function checkMultiCamSources(ctx: ResolverContext, input: SourceInput[] | null | undefined): CheckedSource[] {
  const sources = requireSources(input).map((source, index) => checkSource(ctx, source, index));
  if (sources.length < 2)
    throw badRequest(`A multi-camera capture needs 2 or more video sources; got ${sources.length}.`);
  sources.forEach(({ record }, index) => {
    if (!isVideoFormat(record.format))
      throw badRequest(`sources[${index}].format must be a video format (MP4, MOV, AVI).`);
    if (!record.lens) throw badRequest(`sources[${index}].cameraSettings.lens is required for multi-camera sources.`);
  });
  const labels = new Set(sources.map((s) => s.record.deviceLabel));
  if (labels.size !== sources.length)
    throw badRequest('Each source of a multi-camera capture needs its own deviceLabel.');
  return sources;
}

/**
 * The outputs to make: the defaults when none are named (left out, null, or `[]`, which Move's
 * Python SDK sends when none were chosen); duplicates collapse.
 */
export function checkOutputs(outputs: (OutputType | null)[] | null | undefined, defaults: OutputType[]): OutputType[] {
  if (outputs == null || outputs.length === 0) return defaults;
  if (outputs.some((output) => output === null)) throw badRequest('outputs may not contain null.');
  return [...new Set(outputs as OutputType[])].filter((output) => output in OUTPUT_KINDS);
}

/** Why a new job or volume will fail: a source that is not a real video, or a test asking for it. */
export function failureReason(ctx: ResolverContext, sources: SourceRecord[], metadata: string | null): string | null {
  for (const source of sources) {
    if (!isVideoFormat(source.format)) continue;
    const file = ctx.engine.store.files.get(source.fileId);
    if (!file?.upload || !looksLikeVideo(file.upload.head, source.format)) {
      return `Source file ${source.fileId} is not a readable ${source.format} video.`;
    }
  }
  const flag = mockFailFlag(metadata);
  if (flag) return flag;
  if (ctx.engine.faults.failsJob()) return 'Failed by the fault plan (jobFailureRate).';
  return null;
}

/** `metadata` holding `{"mockFail": true}` (or a reason string) makes the new job fail. */
export const MOCK_FAIL_KEY = 'mockFail';

function mockFailFlag(metadata: string | null): string | null {
  if (!metadata) return null;
  try {
    const parsed: unknown = JSON.parse(metadata);
    if (parsed && typeof parsed === 'object' && MOCK_FAIL_KEY in parsed) {
      const value = (parsed as Record<string, unknown>)[MOCK_FAIL_KEY];
      if (value) return typeof value === 'string' ? value : `Failed on request (metadata.${MOCK_FAIL_KEY}).`;
    }
  } catch {
    // Stored metadata was validated as JSON already.
  }
  return null;
}
