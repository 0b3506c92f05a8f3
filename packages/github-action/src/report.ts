// The outcome of a run, one record per video, and the Action's outputs made from it. The summary
// and the failure message are drawn from the same record.
import * as core from '@actions/core';
import { type BatchItemResult, formatBytes, MoveJobFailedError, MoveWaitTimeoutError } from '@move-ugc/core';
import { stripControlChars } from '@move-ugc/sdk';
import { cancelAdvice, explain } from './advice';
import type { PlannedVideo } from './plan';
import type { ItemFacts } from './tracker';
import { displayPath } from './videos';

export interface FileReport {
  /** Absolute. */
  path: string;
  format: string;
  bytes: number;
}

export interface VideoReport {
  video: string;
  jobId?: string;
  takeId?: string;
  /** Move's job state; NOT_CREATED when the run stopped before a job existed. */
  state: string;
  idempotencyKey: string;
  keyDerived: boolean;
  reused: boolean;
  outputDir: string;
  durationMs?: number;
  files: FileReport[];
  /** What went wrong and what to do, when the video did not finish. */
  error?: string;
}

export interface RunReport {
  videos: VideoReport[];
  /** The single video's state; for a batch, the one that needs attention first (see overallState). */
  state: string;
  outputDir: string;
  /** The run was told not to wait for the jobs. */
  waited: boolean;
  cancelled: boolean;
  /** A failure before any video started (inputs), with its advice. */
  problem?: string;
}

export const NOT_CREATED = 'NOT_CREATED';

/** The order in which states need attention: a batch reports the first that any of its videos has. */
const ATTENTION = ['FAILED', NOT_CREATED, 'UNKNOWN', 'RUNNING', 'NOT_STARTED', 'FINISHED'];

export function attentionRank(state: string): number {
  const index = ATTENTION.indexOf(state);
  return index === -1 ? ATTENTION.indexOf('UNKNOWN') : index;
}

export function overallState(states: readonly string[]): string {
  if (states.length === 0) return NOT_CREATED;
  return [...states].sort((a, b) => attentionRank(a) - attentionRank(b))[0]!;
}

export function videoReport(
  planned: PlannedVideo,
  outcome: BatchItemResult,
  facts: ItemFacts,
  options: { timeoutMs: number; cancelled: boolean },
): VideoReport {
  const base = {
    video: planned.video.display,
    idempotencyKey: planned.input.idempotencyKey,
    keyDerived: planned.keyDerived,
    reused: facts.reused,
    outputDir: planned.outputDir,
    durationMs:
      facts.startedAt !== undefined && facts.endedAt !== undefined ? facts.endedAt - facts.startedAt : undefined,
  };
  if (outcome.ok) {
    const { result } = outcome;
    return {
      ...base,
      jobId: result.jobId,
      takeId: result.takeId || facts.takeId,
      // States and formats come from Move, and go on to outputs, the summary and later steps' logs.
      state: stripControlChars(result.state),
      reused: result.reused || facts.reused,
      files: result.outputs.map((output) => ({
        path: output.location ?? '',
        format: stripControlChars(output.format),
        bytes: output.bytes ?? 0,
      })),
    };
  }
  const { error } = outcome;
  const jobId =
    error instanceof MoveJobFailedError || error instanceof MoveWaitTimeoutError ? error.jobId : facts.jobId;
  const state =
    error instanceof MoveJobFailedError
      ? 'FAILED'
      : error instanceof MoveWaitTimeoutError
        ? (error.lastState ?? facts.jobState ?? 'RUNNING')
        : (facts.jobState ?? (jobId ? 'UNKNOWN' : NOT_CREATED));
  const context = { jobId, idempotencyKey: planned.input.idempotencyKey, timeoutMs: options.timeoutMs };
  return {
    ...base,
    jobId,
    takeId: facts.takeId,
    state: stripControlChars(state),
    files: [],
    // Whatever the error says, after a cancellation it is the cancellation that matters.
    error: options.cancelled ? `Cancelled. ${cancelAdvice(context)}` : explain(error, context),
  };
}

/** The step's failure message, or undefined when every video finished (or was started, without waiting). */
export function failureMessage(report: RunReport): string | undefined {
  if (report.problem) return report.problem;
  const failed = report.videos.filter((video) => video.error);
  if (failed.length === 0) return undefined;
  if (report.videos.length === 1) return failed[0]!.error;
  return (
    `${failed.length} of ${report.videos.length} videos did not finish:\n` +
    failed.map((video) => `- ${video.video}: ${video.error!.replaceAll('\n', ' ')}`).join('\n')
  );
}

export function successMessage(report: RunReport, workspace: string): string {
  const files = report.videos.flatMap((video) => video.files);
  const bytes = formatBytes(files.reduce((sum, file) => sum + file.bytes, 0));
  const where = displayPath(report.outputDir, workspace);
  const subject = report.videos.length === 1 ? `Job ${report.videos[0]!.jobId}` : `${report.videos.length} jobs`;
  return report.waited
    ? `${subject} ${report.state}: ${files.length} files (${bytes}) in ${where}`
    : `${subject} ${report.state}; not waited for (wait: false)`;
}

/** Sets every output the Action declares; values stay empty when unknown (e.g. no job yet). */
export function setOutputs(report: RunReport): void {
  const single = report.videos.length === 1 ? report.videos[0] : undefined;
  core.setOutput('job-id', single?.jobId ?? '');
  core.setOutput('take-id', single?.takeId ?? '');
  core.setOutput('state', report.state);
  core.setOutput('output-dir', report.outputDir);
  core.setOutput('files', JSON.stringify(report.videos.flatMap((video) => video.files)));
  core.setOutput(
    'jobs',
    JSON.stringify(
      report.videos.map((video) => ({
        video: video.video,
        jobId: video.jobId ?? null,
        takeId: video.takeId ?? null,
        state: video.state,
        idempotencyKey: video.idempotencyKey,
        outputDir: video.outputDir,
        files: video.files,
        ...(video.error ? { error: video.error } : {}),
      })),
    ),
  );
}
