// The second half of every run, single- or multi-camera: wait for the job, then for its output
// URLs, then download into the sink (or hand back the URLs), journalling each finished output.
import { type Context, createContext, type WorkflowOptions } from './context';
import { type DownloadedOutput, type DownloadOptions, downloadOutputs } from './download';
import { intentKey } from './intent';
import type { Journal } from './journal';
import { outputFileNames } from './outputs';
import { openRunJournal, type RunJournalOptions, withRunJournal } from './run-journal';
import type { OutputSink } from './sinks';
import type { UploadSource } from './sources';
import { pollJob, pollOutputs, type WaitedJob, type WaitOptions } from './wait';

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
  const named = outputFileNames(finished.outputs ?? [], base);
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
 * Waits for a job by id and downloads its outputs into the sink (or returns their URLs): the
 * second half of a run, for a job created earlier or elsewhere. Finished outputs are skipped when
 * the same journal store is used again.
 */
export async function downloadJobOutputs(jobId: string, options: RunOptions): Promise<FinishedJob> {
  const ctx = createContext(options);
  const journal = await openRunJournal(ctx, 'job-outputs', await intentKey('job-outputs', { jobId }), options);
  return withRunJournal(ctx, journal, () => finishJob(ctx, journal, jobId, options.outputBaseName ?? jobId, options));
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
