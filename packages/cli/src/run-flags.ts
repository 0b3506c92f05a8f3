// The flags `run`, `batch`, `multicam` (and `jobs wait|download`) share, parsed once for all.
import { resolve } from 'node:path';
import { checkMocapModel, type EventListener, type RunOptions } from '@move-ugc/core';
import { directorySink } from '@move-ugc/core/node';
import type { OptionsInput } from '@move-ugc/sdk';
import { parseDuration, parseJsonObject, parseList, parseOptionFlags, parsePositiveInt, parseWindow } from './args';
import type { Session } from './workflow';

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
): {
  outputs?: string[];
  options?: OptionsInput;
  clipWindow?: { startTime: number; endTime: number };
  metadata?: Record<string, unknown>;
} {
  const options = parseOptionFlags(values.options, values.model);
  if (multiCam !== undefined) checkMocapModel(options?.mocapModel, multiCam ? 'multi' : 'single', '--model');
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

/** The options of a run (or a download) from its output flags, for this session and progress view. */
export function runOptions(
  flags: ReturnType<typeof parseOutputFlags>,
  session: Session,
  onEvent: EventListener,
): RunOptions {
  const { outDir, overwrite, journal, wait, concurrency, timeoutMs, pollIntervalMs } = flags;
  return {
    ...session.workflow,
    ...journal,
    onEvent,
    sink: directorySink(outDir, { overwrite }),
    wait,
    timeoutMs,
    pollIntervalMs,
    concurrency,
  };
}
