// `move-ugc jobs create|get|list|update|wait|download`.
import { checkClipWindow, checkOutputs, downloadJobOutputs, waitForJob } from '@move-ugc/core';
import { directorySink } from '@move-ugc/core/node';
import type { Job, JobExpand, Output } from '@move-ugc/sdk';
import {
  checkModelFits,
  LABEL_OPTIONS,
  parse,
  parseExpand,
  parseId,
  parseLabels,
  parsePositiveInt,
  SHOW_URLS,
} from '../args';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { showHelp } from '../help';
import { LIST_OPTIONS, pageRequest, printPages } from '../listing';
import type { Io } from '../output/io';
import { outputEntries, printRunResult } from '../output/outputs';
import { printRecord } from '../output/render';
import {
  JOB_OPTIONS,
  OUTPUT_OPTIONS,
  parseJobFlags,
  parseOutputFlags,
  parseWaitFlags,
  WAIT_OPTIONS,
} from '../run-flags';
import { subcommands } from '../subcommands';
import { checkStateDir, commandLine, openSession, withProgress } from '../workflow';

async function create(argv: string[], io: Io): Promise<number> {
  const { values } = parse('jobs', argv, {
    ...JOB_OPTIONS,
    ...LABEL_OPTIONS,
    take: { type: 'string' },
    actors: { type: 'string' },
    rig: { type: 'string' },
  });
  if (values.help) return showHelp('jobs', io);
  if (values.take === undefined) throw new UsageError('Give the take to process: --take <take-id>.', 'jobs');
  const takeId = parseId(values.take, 'take', 'jobs create');
  // Which models fit is known once the take is: single- or multi-camera.
  const flags = parseJobFlags(values, undefined, 'jobs');
  const options = flags.options;
  const outputs = checkOutputs(flags.outputs, '--outputs');
  const clipWindow = checkClipWindow(flags.clipWindow, '--clip');
  const numberOfActors = values.actors === undefined ? undefined : parsePositiveInt(values.actors, '--actors', 100);
  if (values.rig !== undefined && !/^[a-z0-9_]+$/.test(values.rig)) {
    throw new UsageError(
      `--rig takes a rig name such as move_mo (got "${values.rig}"); see \`move-ugc rigs list\`.`,
      'jobs',
    );
  }
  const labels = parseLabels(values);

  const session = await openSession(values, io);
  const { signal } = session;
  // The take says which kind of job it needs; --actors, --rig and the M models only fit multi-camera.
  const take = await session.ugc.takes.retrieve(takeId, {}, { signal });
  const multi = take.takeType === 'MULTI_CAM';
  if (!multi && (numberOfActors !== undefined || values.rig !== undefined)) {
    throw new UsageError(`--actors and --rig are for multi-camera takes; ${takeId} is a single-camera take.`, 'jobs');
  }
  checkModelFits(options, multi, 'jobs');
  const params = { takeId, outputs, options, clipWindow, ...labels };
  const job = multi
    ? await session.ugc.jobs.createMultiCam({ ...params, numberOfActors, rig: values.rig }, { signal })
    : await session.ugc.jobs.createSingleCam(params, { signal });
  printRecord(io, job, { human: humanJob });
  if (!io.json) io.stderr.write(`Follow it with: move-ugc jobs wait ${job.id}\n`);
  return EXIT.ok;
}

const JOB_EXPAND: readonly JobExpand[] = ['outputs', 'inputs', 'take', 'rig', 'client'];

async function get(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('jobs', argv, { ...SHOW_URLS, expand: { type: 'string' } }, 1);
  if (values.help) return showHelp('jobs', io);
  const jobId = parseId(positionals[0], 'job', 'jobs get');
  const expand = parseExpand(values.expand, JOB_EXPAND, 'jobs');
  const session = await openSession(values, io);
  const job = await session.ugc.jobs.retrieve(jobId, { expand }, { signal: session.signal });
  printRecord(io, job, { showUrls: values['show-urls'], human: humanJob });
  return EXIT.ok;
}

/** The job with its state on top and one row per output, for a terminal. */
function humanJob(job: Job & Partial<Job<JobExpand>>): object {
  const { id, progress, outputs, take, rig, client, ...rest } = job;
  return {
    id,
    state: progress?.state ?? null,
    percentageComplete: progress?.percentageComplete ?? null,
    ...rest,
    ...(take ? { take: take.id } : {}),
    ...(rig ? { rig: rig.name } : {}),
    ...(client ? { client: { id: client.id, name: client.name } } : {}),
    ...(outputs ? { outputs: outputs.filter((o): o is Output => o !== null).map(outputRow) } : {}),
  };
}

function outputRow(output: Output) {
  return { format: output.format, type: output.file.type, fileId: output.file.id, url: output.file.presignedUrl };
}

async function list(argv: string[], io: Io): Promise<number> {
  const { values } = parse('jobs', argv, { ...LIST_OPTIONS, take: { type: 'string' } });
  if (values.help) return showHelp('jobs', io);
  const request = pageRequest(values);
  const takeId = values.take === undefined ? undefined : parseId(values.take, 'take', 'jobs list');
  const session = await openSession(values, io);
  const pages = session.ugc.jobs.list(
    { takeId, first: request.first, after: request.after, sortDirection: 'DESC' },
    { signal: session.signal },
  );
  await printPages(io, { noun: 'jobs', argv }, request, pages, [
    { header: 'JOB', value: (j) => j.id },
    { header: 'STATE', value: (j) => j.progress?.state },
    { header: '%', value: (j) => j.progress?.percentageComplete },
    { header: 'CREATED', value: (j) => j.created },
    { header: 'NAME', value: (j) => j.name },
  ]);
  return EXIT.ok;
}

async function update(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('jobs', argv, LABEL_OPTIONS, 1);
  if (values.help) return showHelp('jobs', io);
  const jobId = parseId(positionals[0], 'job', 'jobs update');
  const labels = parseLabels(values);
  if (labels.name === undefined && labels.metadata === undefined) {
    throw new UsageError('Nothing to update: give --name and/or --metadata.', 'jobs');
  }
  const session = await openSession(values, io);
  const job = await session.ugc.jobs.update(jobId, labels, { signal: session.signal });
  printRecord(io, job, { human: humanJob });
  return EXIT.ok;
}

async function wait(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('jobs', argv, { ...WAIT_OPTIONS, ...SHOW_URLS }, 1);
  if (values.help) return showHelp('jobs', io);
  const jobId = parseId(positionals[0], 'job', 'jobs wait');
  const waiting = parseWaitFlags(values);
  const session = await openSession(values, io);
  const finished = await withProgress(session, io, commandLine(['jobs', 'wait'], argv), (view) => {
    view.follow(jobId);
    return waitForJob(jobId, { ...session.workflow, ...waiting, onEvent: view.handle });
  });
  printRecord(io, finished, { showUrls: values['show-urls'], human: humanJob });
  if (!io.json) io.stderr.write(`Download the outputs with: move-ugc jobs download ${jobId}\n`);
  return EXIT.ok;
}

async function download(argv: string[], io: Io): Promise<number> {
  const { 'no-wait': _noWait, ...options } = OUTPUT_OPTIONS;
  const { values, positionals } = parse('jobs', argv, options, 1);
  if (values.help) return showHelp('jobs', io);
  const jobId = parseId(positionals[0], 'job', 'jobs download');
  const { outDir, overwrite, concurrency, timeoutMs, pollIntervalMs, journal } = parseOutputFlags(values);
  await checkStateDir(io);
  const session = await openSession(values, io);
  const result = await withProgress(session, io, commandLine(['jobs', 'download'], argv), (view) => {
    view.follow(jobId);
    return downloadJobOutputs(jobId, {
      ...session.workflow,
      ...journal,
      timeoutMs,
      pollIntervalMs,
      onEvent: view.handle,
      sink: directorySink(outDir, { overwrite }),
      concurrency,
    });
  });
  const outputs = outputEntries(result.outputs);
  printRunResult(io, { jobId, takeId: result.takeId, state: result.state, outputDir: outDir, outputs });
  return EXIT.ok;
}

export const jobs = subcommands('jobs', { create, get, list, update, wait, download });
