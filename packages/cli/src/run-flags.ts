// The flags `run`, `batch`, `multicam` (and `jobs wait|download`) share, parsed once for all.
import { resolve } from 'node:path';
import type { OptionsInput } from '@move-ugc/sdk';
import {
  checkModelFits,
  type OptionSpec,
  parseDuration,
  parseJsonObject,
  parseList,
  parseOptionFlags,
  parsePositiveInt,
  parseWindow,
} from './args';

/** How long and how often to wait for a job. */
export const WAIT_OPTIONS = {
  timeout: { type: 'string' },
  'poll-interval': { type: 'string' },
} as const satisfies OptionSpec;

/** What the job makes: the same for every video of a run. */
export const JOB_OPTIONS = {
  outputs: { type: 'string', multiple: true },
  options: { type: 'string', multiple: true },
  model: { type: 'string' },
  clip: { type: 'string' },
  metadata: { type: 'string' },
} as const satisfies OptionSpec;

/** Where the outputs go, and whether to wait for them at all. */
export const OUTPUT_OPTIONS = {
  ...WAIT_OPTIONS,
  out: { type: 'string', short: 'o' },
  'no-wait': { type: 'boolean' },
  concurrency: { type: 'string' },
  fresh: { type: 'boolean' },
  'fail-if-running': { type: 'boolean' },
  overwrite: { type: 'boolean' },
} as const satisfies OptionSpec;

export function parseWaitFlags(values: { timeout?: string; 'poll-interval'?: string }) {
  return {
    timeoutMs: values.timeout === undefined ? undefined : parseDuration(values.timeout, '--timeout'),
    pollIntervalMs:
      values['poll-interval'] === undefined ? undefined : parseDuration(values['poll-interval'], '--poll-interval'),
  };
}

/** `multiCam` says which models fit; undefined when not known yet (`jobs create` asks the take). */
export function parseJobFlags(
  values: { outputs?: string[]; options?: string[]; model?: string; clip?: string; metadata?: string },
  multiCam: boolean | undefined,
  command: string,
): {
  outputs?: string[];
  options?: OptionsInput;
  clipWindow?: { startTime: number; endTime: number };
  metadata?: Record<string, unknown>;
} {
  const options = parseOptionFlags(values.options, values.model);
  if (multiCam !== undefined) checkModelFits(options, multiCam, command);
  return {
    outputs: parseList(values.outputs),
    options,
    clipWindow: values.clip === undefined ? undefined : parseWindow(values.clip, '--clip'),
    metadata: values.metadata === undefined ? undefined : parseJsonObject(values.metadata, '--metadata'),
  };
}

/** `-o`, `--no-wait`, `--concurrency` (`max` outputs, or videos for a batch, at once) and the wait. */
export function parseOutputFlags(
  values: {
    out?: string;
    'no-wait'?: boolean;
    concurrency?: string;
    timeout?: string;
    'poll-interval'?: string;
    fresh?: boolean;
    'fail-if-running'?: boolean;
    overwrite?: boolean;
  },
  maxConcurrency = 16,
) {
  return {
    /** What to do with the run's journal: core's RunJournalOptions. */
    journal: { fresh: values.fresh === true, ifRunning: values['fail-if-running'] ? 'fail' : 'wait' } as const,
    outDir: resolve(values.out ?? 'outputs'),
    /** Replace existing files in the output folder that the run did not write (never an input). */
    overwrite: values.overwrite === true,
    wait: !values['no-wait'],
    concurrency:
      values.concurrency === undefined
        ? undefined
        : parsePositiveInt(values.concurrency, '--concurrency', maxConcurrency),
    ...parseWaitFlags(values),
  };
}
