// Core names what it checks by its own input fields (`numberOfActors`, `take.cameras[1]`); on the
// command line the user gave flags. This puts a core validation message in the user's terms.
import { MoveValidationError } from '@move-ugc/sdk';

export type FlagTerms = readonly (readonly [RegExp, string | ((match: string, ...groups: string[]) => string)])[];

/** Core's job settings, by flag. */
export const JOB_FLAG_TERMS: FlagTerms = [
  [/\boptions\.mocapModel\b/g, '--model'],
  [/\bnumberOfActors\b/g, '--actors'],
  [/\brig\b(?= (?:is|are|and)\b|:)/g, '--rig'],
  [/\bidempotencyKey\b/g, '--idempotency-key'],
];

/** Cameras given as repeated flags (`--video`): core's `cameras[1]` is the second of them. */
export function cameraFlagTerms(flag: string, field = 'cameras'): FlagTerms {
  const name = field.replace('.', '\\.');
  return [
    [
      new RegExp(`^${name} must list (\\d+) or more cameras, one video each`),
      `give $1 or more ${flag} flags, one per camera`,
    ],
    [new RegExp(`\\b${name}\\[(\\d+)\\](\\.\\w+)?`, 'g'), (_, i: string) => `${flag} ${Number(i) + 1}`],
  ];
}

/** Runs `work`; a validation error it throws comes back with core's field names as flags. */
export async function inFlagTerms<T>(work: Promise<T>, terms: FlagTerms): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (!(err instanceof MoveValidationError)) throw err;
    const message = terms.reduce<string>(
      (text, [pattern, flag]) => text.replace(pattern, flag as (match: string, ...groups: string[]) => string),
      err.message,
    );
    throw new MoveValidationError(message, err.field);
  }
}
