// What every run does around making its job, single- or multi-camera: check the output folder first,
// reuse or continue a job made earlier, and after it wait for the job, then for its output URLs,
// then download into the sink (or hand back the URLs), journalling each finished output.

import type { Journal } from '../ports/journal';
import type { OutputSink } from '../ports/sinks';
import type { UploadSource } from '../ports/sources';
import type { Context, WorkflowOptions } from '../steps/context';
import { type DownloadedOutput, type DownloadOptions, downloadOutputs } from '../steps/download';
import { ensureJob } from '../steps/job-once';
import { outputFileNames } from '../steps/outputs';
import type { RunJournalOptions } from '../steps/run-journal';
import { normalizeState, pollJob, pollOutputs, type WaitedJob, type WaitOptions } from '../steps/wait';

export interface RunOptions extends WorkflowOptions, WaitOptions, DownloadOptions, RunJournalOptions {
  /** Where outputs go; leave out to get their URLs only. */
  sink?: OutputSink;
  /** Stop once the job is created (default: wait for it). */
  wait?: boolean;
  /** Base of the output file names; the video's name without extension by default. */
  outputBaseName?: string;
}

export interface RunOutput {
  fileId: string;
  format: string;
  fileName: string;
  bytes?: number;
  location?: string;
  /** Presigned download URL (a credential: do not log it). Only when no sink was given. */
  url?: string | null;
}

export interface FinishedJob {
  /** The final job, when the run waited for it. */
  job?: WaitedJob;
  state: string;
  outputs: RunOutput[];
  takeId: string;
}

/** Waits for the job, then its output URLs, then downloads into the sink (or returns the URLs). */
export async function finishJob(
  ctx: Context,
  journal: Journal,
  jobId: string,
  base: string,
  options: RunOptions,
  expectedOutputs?: number,
): Promise<FinishedJob> {
  const waitOptions = { ...options, expectedOutputs };
  const finished = await pollOutputs(ctx, await pollJob(ctx, jobId, waitOptions), waitOptions);
  const all = outputFileNames(finished.outputs ?? [], base);
  const only = options.formats && new Set(options.formats.map((format) => format.toUpperCase()));
  const named = only ? all.filter((output) => only.has(output.format.toUpperCase())) : all;
  ctx.emit({ type: 'outputs.ready', jobId, outputs: named.map(({ fileName, format }) => ({ fileName, format })) });
  let outputs: RunOutput[];
  if (options.sink) {
    const fileNames = named.map((output) => output.fileName);
    await checkOutputPlan(journal, options, fileNames);
    const downloaded: DownloadedOutput[] = await downloadOutputs(ctx, journal, jobId, named, options.sink, options);
    outputs = downloaded.map(({ fileId, format, fileName, bytes, location }) => ({
      fileId,
      format,
      fileName,
      bytes,
      location,
    }));
  } else {
    outputs = named.map(({ fileId, format, fileName, url }) => ({ fileId, format, fileName, url }));
  }
  await journal.update((r) => {
    r.finishedAt = new Date(ctx.now()).toISOString();
  });
  return { job: finished, state: 'FINISHED', outputs, takeId: finished.take?.id ?? journal.record.takeId ?? '' };
}

/**
 * Has the sink check that outputs of these names can be written: before anything is paid for (the
 * names predicted from the output types), and again once the job's own names are known. Outputs
 * the journal says this run saved are not clashes; the inputs are never replaced.
 */
export async function checkOutputPlan(
  journal: Journal,
  options: RunOptions,
  fileNames: string[],
  inputs: (UploadSource | undefined)[] = [],
): Promise<void> {
  if (!options.sink?.check || options.wait === false) return;
  const saved = Object.values(journal.record.outputs).flatMap(({ fileName, bytes, complete, location }) =>
    complete ? [{ fileName, bytes, location }] : [],
  );
  await options.sink.check({ fileNames, saved, inputs: inputs.filter((input) => input !== undefined) });
}

/** `clip` for `/videos/clip.mp4`: the default base of output file names. */
export function stripExtension(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
}

/**
 * The state to report for a job the run did not wait for: one this run just created has not
 * started; one made earlier (resumed, or reused by its idempotency key) is asked for its own.
 */
export async function stateWithoutWaiting(ctx: Context, jobId: string, madeNow: boolean): Promise<string> {
  if (madeNow) return 'NOT_STARTED';
  const job = await ctx.ugc.jobs.retrieve(jobId, {}, { signal: ctx.signal });
  return normalizeState(job.progress?.state) ?? 'NOT_STARTED';
}

/** What every run reports, single- or multi-camera. */
export interface RunReport {
  jobId: string;
  takeId: string;
  /** The final job, when the run waited for it. */
  job?: WaitedJob;
  state: string;
  outputs: RunOutput[];
  /** True when an earlier attempt's journal was continued. */
  resumed: boolean;
  /** True when a job made by an earlier run with the same idempotency key was reused. */
  reused: boolean;
}

/** What a run makes its job from, and what it says about it; the rest is the same for every run. */
export interface RunPlan<Extra> {
  /** Base of the output file names. */
  base: string;
  /** The output file names, predicted from the output types before anything is paid for. */
  plannedNames: string[];
  /** The run's inputs, which are never replaced by an output. */
  inputs: (UploadSource | undefined)[];
  idempotencyKey?: string;
  /** How many outputs the job was asked for, when given. */
  expectedOutputs?: number;
  /** Uploads, takes and creates the job, each step journalled. */
  makeJob(): Promise<{ jobId: string; resumed: boolean }>;
  /** What the result adds for this kind of run (file ids, take, volume), once the job is known. */
  describe(jobId: string): Promise<Extra>;
}

/**
 * The run skeleton: checks the output folder, reuses a job made with the same idempotency key or
 * continues the journalled one, else makes it; then waits and downloads (unless `wait: false`).
 */
export async function runJob<Extra extends { takeId: string }>(
  ctx: Context,
  journal: Journal,
  options: RunOptions,
  plan: RunPlan<Extra>,
): Promise<RunReport & Extra> {
  // The output names are known before anything is paid for: so are their clashes.
  await checkOutputPlan(journal, options, plan.plannedNames, plan.inputs);
  const resumed = journal.resumed;
  const { jobId, reused, madeNow } = await ensureJob(ctx, journal, plan.idempotencyKey, plan.makeJob);

  const result = { jobId, ...(await plan.describe(jobId)), state: 'NOT_STARTED', outputs: [], resumed, reused };
  if (options.wait === false) return { ...result, state: await stateWithoutWaiting(ctx, jobId, madeNow) };
  return { ...result, ...(await finishJob(ctx, journal, jobId, plan.base, options, plan.expectedOutputs)) };
}
