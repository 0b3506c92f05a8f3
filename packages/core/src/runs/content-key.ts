// An idempotency key derived from what a job is made from: the video's bytes, the sidecar's, and
// the settings that change the result. Re-running the same work on any machine (a CI re-run, a
// second n8n worker) then finds the job already paid for. Labels (name, metadata), where outputs go
// and whether to wait are not part of it: they do not change the job.
import type { OptionsInput, OutputType } from '@move-ugc/sdk';
import { sha256Hex } from '@move-ugc/sdk';
import { canonicalJson } from '../steps/intent';
import type { ClipWindow } from '../validate';

export interface JobRecipe {
  /** sha256 of the video, hex (`fileDigest` in `@move-ugc/core/node`). */
  video: string;
  /** sha256 of the `.move` sidecar, hex. */
  move?: string;
  deviceLabel: string;
  outputs?: readonly OutputType[];
  options?: OptionsInput;
  clipWindow?: ClipWindow;
}

/** What the key starts with; the digest of the recipe follows. */
export const CONTENT_KEY_PREFIX = 'move-gha-v1-';

export async function contentIdempotencyKey(recipe: JobRecipe, prefix = CONTENT_KEY_PREFIX): Promise<string> {
  const normalized = {
    ...recipe,
    // The order outputs are listed in does not change the job.
    outputs: recipe.outputs ? [...new Set(recipe.outputs)].sort() : undefined,
  };
  return `${prefix}${await sha256Hex(new TextEncoder().encode(canonicalJson(normalized)))}`;
}

/**
 * A key given for a whole batch: each video gets its own from it, by the name it is known by, so
 * one video never adopts another's job.
 */
export function batchItemKey(key: string, videoName: string): string {
  return `${key}:${videoName}`;
}
