// The default idempotency key: a digest of what the job is made from (the video's bytes, the
// sidecar's, and the settings that change the result), so re-running a workflow finds the job it
// already paid for. Not in it: the job's name and metadata (labels), the output directory, `wait`.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ClipWindow } from '@move-ugc/core';
import type { OptionsInput, OutputType } from '@move-ugc/sdk';

export const KEY_PREFIX = 'move-gha-v1-';

/** Most characters core accepts in an idempotency key. */
export const MAX_KEY_LENGTH = 200;

export interface JobRecipe {
  /** sha256 of the video, hex. */
  video: string;
  /** sha256 of the `.move` sidecar, hex. */
  move?: string;
  deviceLabel: string;
  outputs?: readonly OutputType[];
  options?: OptionsInput;
  clipWindow?: ClipWindow;
}

/** sha256 of a file, streamed: a multi-GiB video is never held in memory. */
export async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function deriveIdempotencyKey(recipe: JobRecipe): string {
  const normalized = {
    ...recipe,
    // The order outputs are listed in does not change the job.
    outputs: recipe.outputs ? [...new Set(recipe.outputs)].sort() : undefined,
  };
  return `${KEY_PREFIX}${createHash('sha256').update(canonicalJson(normalized)).digest('hex')}`;
}

/**
 * A key given by the user names the whole batch: each video gets its own from it, by path, so one
 * video never adopts another's job.
 */
export function batchItemKey(key: string, videoDisplayPath: string): string {
  return `${key}:${videoDisplayPath}`;
}

/** JSON with object keys sorted and undefined left out, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
