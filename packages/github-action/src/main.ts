// The Action: inputs in, @move-ugc/core out, then outputs, a job summary and the step's status.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { formatBytes, formatDuration, runBatch } from '@move-ugc/core';
import { directorySink, fileJournal, nodeSleep, undiciTransfer } from '@move-ugc/core/node';
import { explain } from './advice';
import { type Cancellation, watchCancellation } from './cancel';
import { createClient } from './client';
import { type ActionInputs, readApiKey, readInputs } from './inputs';
import { PHASES, ProgressLog } from './log';
import { type PlannedVideo, planRun } from './plan';
import {
  failureMessage,
  NOT_CREATED,
  overallState,
  type RunReport,
  setOutputs,
  successMessage,
  videoReport,
} from './report';
import { SecretMask } from './secrets';
import { renderSummary } from './summary';
import { RunTracker } from './tracker';

export async function run(): Promise<void> {
  const mask = new SecretMask((secret) => core.setSecret(secret));
  const log = new ProgressLog({ info: core.info, startGroup: core.startGroup, endGroup: core.endGroup }, (text) =>
    mask.scrub(text),
  );
  const cancellation = watchCancellation((signal) => {
    log.close();
    log.line(`Received ${signal}: stopping. Jobs already created keep running on Move.`);
  });
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const transfer = undiciTransfer();
  let report: RunReport;
  try {
    report = await runVideos({ mask, log, cancellation, transfer });
  } catch (error) {
    report = {
      videos: [],
      state: NOT_CREATED,
      outputDir: '',
      waited: true,
      cancelled: cancellation.cancelled,
      problem: mask.scrub(explain(error)),
    };
    if (error instanceof Error && error.stack) core.debug(mask.scrub(error.stack));
  } finally {
    cancellation.dispose();
    await transfer.close();
  }
  log.close();

  setOutputs(report);
  await writeSummary(renderSummary(report, workspace));
  const failure = failureMessage(report);
  if (failure) core.setFailed(mask.scrub(failure));
  else log.line(successMessage(report, workspace));
}

interface Means {
  mask: SecretMask;
  log: ProgressLog;
  cancellation: Cancellation;
  transfer: ReturnType<typeof undiciTransfer>;
}

async function runVideos({ mask, log, cancellation, transfer }: Means): Promise<RunReport> {
  log.phase(PHASES.inputs);
  const apiKey = readApiKey();
  mask.add(apiKey);
  const inputs = readInputs();
  const ugc = createClient(apiKey, inputs.endpoint, mask);
  const planned = await planRun(inputs, (line) => log.line(line));
  describePlan(planned, inputs, log);

  const tracker = new RunTracker(planned.length);
  log.follow(
    planned.map((item) => item.video.display),
    tracker,
  );
  const result = await runBatch(
    planned.map((item) => ({
      input: item.input,
      sink: directorySink(item.outputDir, { overwrite: inputs.overwrite }),
    })),
    {
      ugc,
      transfer,
      sleep: nodeSleep,
      signal: cancellation.signal,
      journal: fileJournal(join(process.env.RUNNER_TEMP || tmpdir(), 'move-ugc-journal')),
      wait: inputs.wait,
      timeoutMs: inputs.timeoutMs,
      pollIntervalMs: inputs.pollIntervalMs,
      concurrency: inputs.concurrency,
      onEvent: (event) => {
        tracker.handle(event);
        log.handle(event);
      },
    },
  );
  // Results carry the outputs' URLs when nothing was downloaded: masked like everything else.
  mask.scan(result);
  const videos = planned.map((item, index) =>
    videoReport(item, result.items[index]!, tracker.items[index]!, {
      timeoutMs: inputs.timeoutMs,
      cancelled: cancellation.cancelled,
    }),
  );
  // Error messages from the SDK are redacted already; ours quote inputs: scrub them all the same.
  for (const video of videos) if (video.error) video.error = mask.scrub(video.error);
  return {
    videos,
    state: overallState(videos.map((video) => video.state)),
    outputDir: inputs.outputDir,
    waited: inputs.wait,
    cancelled: cancellation.cancelled,
  };
}

function describePlan(planned: readonly PlannedVideo[], inputs: ActionInputs, log: ProgressLog): void {
  for (const { video, input, keyDerived } of planned) {
    log.line(
      `${video.display} (${formatBytes(input.video.size)}): idempotency key ${input.idempotencyKey}` +
        (keyDerived ? ' (from its content and the settings)' : ''),
    );
  }
  log.line(`Outputs: ${inputs.outputs?.join(', ') ?? "Move's defaults"}, into ${inputs.outputDir}`);
  log.line(
    inputs.wait
      ? `Waiting up to ${formatDuration(inputs.timeoutMs)} per job, ${planned.length > 1 ? `${inputs.concurrency} at a time, ` : ''}` +
          `polling ${inputs.pollIntervalMs ? `every ${formatDuration(inputs.pollIntervalMs)}` : 'every 2s, slowing to 30s'}`
      : 'Not waiting for the jobs (wait: false)',
  );
}

async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return; // Not on a runner.
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (error) {
    core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`);
  }
}
