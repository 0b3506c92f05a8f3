// `move-ugc run <video>`: the whole single-camera workflow in one command.
import { checkDeviceLabel, runSingleCam, type SingleCamResult } from '@move-ugc/core';
import { directorySink, fileSource } from '@move-ugc/core/node';
import { parse } from '../args';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { showHelp } from '../help';
import type { Io } from '../output/io';
import { outputEntries, printRunResult } from '../output/outputs';
import { JOB_OPTIONS, OUTPUT_OPTIONS, parseJobFlags, parseOutputFlags } from '../run-flags';
import { checkStateDir, commandLine, openSession, withProgress } from '../workflow';

export const RUN_OPTIONS = {
  ...JOB_OPTIONS,
  ...OUTPUT_OPTIONS,
  move: { type: 'string' },
  'device-label': { type: 'string' },
  name: { type: 'string' },
  'idempotency-key': { type: 'string' },
} as const;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('run', argv, RUN_OPTIONS, 1);
  if (values.help) return showHelp('run', io);
  const videoPath = positionals[0];
  if (!videoPath) throw new UsageError('Give the video to process: move-ugc run <video.mp4>.', 'run');

  // Every argument is checked before any network call.
  const input = {
    ...parseJobFlags(values, false, 'run'),
    video: await fileSource(videoPath),
    move: values.move === undefined ? undefined : await fileSource(values.move),
    deviceLabel:
      values['device-label'] === undefined ? undefined : checkDeviceLabel(values['device-label'], '--device-label'),
    name: values.name,
    idempotencyKey: values['idempotency-key'],
  };
  const { outDir, overwrite, wait, concurrency, timeoutMs, pollIntervalMs, journal } = parseOutputFlags(values);

  await checkStateDir(io);
  const session = await openSession(values, io);
  const result = await withProgress(session, io, commandLine(['run'], argv), (view) =>
    runSingleCam(input, {
      ...session.workflow,
      ...journal,
      onEvent: view.handle,
      sink: directorySink(outDir, { overwrite }),
      wait,
      timeoutMs,
      pollIntervalMs,
      concurrency,
    }),
  );
  printResult(result, outDir, io);
  return EXIT.ok;
}

function printResult(result: SingleCamResult, outDir: string, io: Io): void {
  printRunResult(io, {
    jobId: result.jobId,
    takeId: result.takeId,
    state: result.state,
    resumed: result.resumed,
    reused: result.reused,
    outputDir: result.outputs.length > 0 ? outDir : null,
    outputs: outputEntries(result.outputs),
  });
}
