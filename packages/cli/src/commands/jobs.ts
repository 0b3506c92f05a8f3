// `move-ugc jobs create|get|list|update|wait|download`.
import { checkClipWindow, checkOutputs, createJob, downloadJobOutputs, waitForJob } from '@move-ugc/core';
import type { Job, JobExpand, Output } from '@move-ugc/sdk';
import { parse, parseExpand, parseId, parseLabels, parsePositiveInt } from '../args';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { inFlagTerms, JOB_FLAG_TERMS } from '../flag-terms';
import { showHelp } from '../help';
import { pageRequest, printPages } from '../listing';
import type { Io } from '../output/io';
import { outputEntries, printRunResult } from '../output/outputs';
import { printRecord } from '../output/render';
import { parseJobFlags, parseOutputFlags, parseWaitFlags, runOptions } from '../run-flags';
import { JOBS_CREATE, JOBS_DOWNLOAD, JOBS_GET, JOBS_LIST, JOBS_UPDATE, JOBS_WAIT } from '../spec/commands';
import { checkStateDir, commandLine, openSession, withProgress } from '../workflow';

async function create(argv: string[], io: Io): Promise<number> {
  const { values } = parse('jobs', argv, JOBS_CREATE.options);
  if (values.help) return showHelp('jobs', io);
  if (values.take === undefined) throw new UsageError('Give the take to process: --take <take-id>.', 'jobs');
  const takeId = parseId(values.take, 'take', 'jobs create');
  // Which models fit is known once the take is (single- or multi-camera): core checks it then.
  const flags = parseJobFlags(values, undefined);
  const numberOfActors = values.actors === undefined ? undefined : parsePositiveInt(values.actors, '--actors', 100);
  if (values.rig !== undefined && !/^[a-z0-9_]+$/.test(values.rig)) {
    throw new UsageError(
      `--rig takes a rig name such as move_mo (got "${values.rig}"); see \`move-ugc rigs list\`.`,
      'jobs',
    );
  }
  const input = {
    takeId,
    outputs: checkOutputs(flags.outputs, '--outputs'),
    options: flags.options,
    clipWindow: checkClipWindow(flags.clipWindow, '--clip'),
    numberOfActors,
    rig: values.rig,
    idempotencyKey: values['idempotency-key'],
    ...parseLabels(values),
  };
  await checkStateDir(io);

  const session = await openSession(values, io);
  const created = await inFlagTerms(createJob(input, { ...session.workflow, fresh: values.fresh }), JOB_FLAG_TERMS);
  const { job, resumed, reused } = created;
  printRecord(io, { ...job, resumed, reused }, { human: humanJob });
  // On stderr in both modes: the document says it too (resumed, reused), a person reads it here.
  if (reused) io.stderr.write(`Reused ${job.id}: an earlier run made it with the same --idempotency-key.\n`);
  else if (resumed) {
    io.stderr.write(
      `${job.id} was made by an earlier run of this command, so it is not paid for again (--fresh makes a new one).\n`,
    );
  }
  if (!io.json) io.stderr.write(`Follow it with: move-ugc jobs wait ${job.id}\n`);
  return EXIT.ok;
}

const JOB_EXPAND: readonly JobExpand[] = ['outputs', 'inputs', 'take', 'rig', 'client'];

async function get(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('jobs', argv, JOBS_GET.options, 1);
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
  const { values } = parse('jobs', argv, JOBS_LIST.options);
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
  const { values, positionals } = parse('jobs', argv, JOBS_UPDATE.options, 1);
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
  const { values, positionals } = parse('jobs', argv, JOBS_WAIT.options, 1);
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
  const { values, positionals } = parse('jobs', argv, JOBS_DOWNLOAD.options, 1);
  if (values.help) return showHelp('jobs', io);
  const jobId = parseId(positionals[0], 'job', 'jobs download');
  const output = parseOutputFlags(values);
  await checkStateDir(io);
  const session = await openSession(values, io);
  const result = await withProgress(session, io, commandLine(['jobs', 'download'], argv), (view) => {
    view.follow(jobId);
    return downloadJobOutputs(jobId, runOptions(output, session, view.handle));
  });
  const outputs = outputEntries(result.outputs);
  printRunResult(io, { jobId, takeId: result.takeId, state: result.state, outputDir: output.outDir, outputs });
  return EXIT.ok;
}

export const jobs = { create, get, list, update, wait, download };
