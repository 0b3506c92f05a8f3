// `move-ugc run <video>`: the whole single-camera workflow in one command.
import { checkDeviceLabel, runSingleCam, type SingleCamResult } from '@move-ugc/core';
import { fileSource } from '@move-ugc/core/node';
import { parse } from '../args';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { showHelp } from '../help';
import type { Io } from '../output/io';
import { outputEntries, printRunResult } from '../output/outputs';
import { parseJobFlags, parseOutputFlags, runOptions } from '../run-flags';
import { RUN } from '../spec/commands';
import { checkStateDir, commandLine, openSession, withProgress } from '../workflow';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('run', argv, RUN.options, 1);
  if (values.help) return showHelp('run', io);
  const videoPath = positionals[0];
  if (!videoPath) throw new UsageError('Give the video to process: move-ugc run <video.mp4>.', 'run');

  // Every argument is checked before any network call.
  const input = {
    ...parseJobFlags(values, false),
    video: await fileSource(videoPath),
    move: values.move === undefined ? undefined : await fileSource(values.move),
    deviceLabel:
      values['device-label'] === undefined ? undefined : checkDeviceLabel(values['device-label'], '--device-label'),
    name: values.name,
    idempotencyKey: values['idempotency-key'],
  };
  const output = parseOutputFlags(values);
  if (values.view && !output.wait) {
    throw new UsageError('--view shows the outputs, so it waits for them: leave out --no-wait.', 'run');
  }

  await checkStateDir(io);
  const session = await openSession(values, io);
  const result = await withProgress(session, io, commandLine(['run'], argv), (view) =>
    runSingleCam(input, runOptions(output, session, view.handle)),
  );
  const document = runDocument(result, output.outDir);
  if (!values.view) {
    printRunResult(io, document);
    return EXIT.ok;
  }
  // `--view`: the output folder, served as `move-ugc view <out>` does, with the job's facts.
  session.release();
  const { serveCapture } = await import('../view/serve');
  const { viewableFiles } = await import('../view/capture');
  await serveCapture(io, {
    folder: output.outDir,
    files: viewableFiles(result.outputs),
    source: 'folder',
    job: {
      id: result.jobId,
      state: result.state,
      takeId: result.takeId || null,
      created: result.job?.created ?? null,
      name: result.job?.name ?? input.name ?? null,
    },
    open: true,
    json: document,
    before: () => printRunResult(io, document),
  });
  return EXIT.ok;
}

function runDocument(result: SingleCamResult, outDir: string) {
  return {
    jobId: result.jobId,
    takeId: result.takeId,
    state: result.state,
    resumed: result.resumed,
    reused: result.reused,
    outputDir: result.outputs.length > 0 ? outDir : null,
    outputs: outputEntries(result.outputs),
  };
}
