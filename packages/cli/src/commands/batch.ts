// `move-ugc batch <dir|glob|list.csv>...`: many single-camera runs, a few at a time, each resumable
// on its own; a summary table at the end, exit 1 when any video failed.
import { relative } from 'node:path';
import {
  type BatchEvent,
  type BatchItem,
  type BatchResult,
  checkDeviceLabel,
  DEFAULT_BATCH_CONCURRENCY,
  MoveBatchValidationError,
  MoveJobFailedError,
  MoveWaitTimeoutError,
  runBatch,
  type SingleCamInput,
} from '@move-ugc/core';
import { directorySink, fileSource } from '@move-ugc/core/node';
import { MoveAbortError, MoveValidationError, redact } from '@move-ugc/sdk';
import { parse } from '../args';
import { type BatchEntry, expandBatchArgs, outputDirs } from '../batch-inputs';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { showHelp } from '../help';
import { BatchView } from '../output/batch-progress';
import { type Io, table } from '../output/io';
import { type OutputEntry, outputEntries } from '../output/outputs';
import { printJson } from '../output/render';
import { truncateToWidth } from '../output/width';
import { parseJobFlags, parseOutputFlags } from '../run-flags';
import { BATCH } from '../spec/commands';
import { checkStateDir, commandLine, openSession, printResumeHint, withView } from '../workflow';

interface ItemSummary {
  video: string;
  state: string;
  jobId: string | null;
  takeId: string | null;
  outputDir: string | null;
  outputs: OutputEntry[];
  error: { type: string; message: string } | null;
}

export async function batch(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('batch', argv, BATCH.options, Number.MAX_SAFE_INTEGER);
  if (values.help) return showHelp('batch', io);
  if (positionals.length === 0) {
    throw new UsageError(
      'Give the videos: a directory, a glob in quotes ("shoot/**/*.mp4"), video files, or a .csv list.',
      'batch',
    );
  }
  const shared = parseJobFlags(values, false);
  // --concurrency is videos at once here; each video downloads its outputs a few at a time.
  const {
    outDir: outRoot,
    overwrite,
    wait,
    concurrency,
    timeoutMs,
    pollIntervalMs,
    journal,
  } = parseOutputFlags(values, 32);

  const entries = await expandBatchArgs(positionals);
  const dirs = outputDirs(entries, outRoot);
  const names = entries.map((e) => displayPath(e.video));
  const deviceLabel =
    values['device-label'] === undefined ? undefined : checkDeviceLabel(values['device-label'], '--device-label');
  const items = await batchItems(entries, dirs, { ...shared, deviceLabel }, overwrite);

  await checkStateDir(io);
  const session = await openSession(values, io);
  const jobIds = new Map<number, string>();
  const result = await withView(session, io, undefined, new BatchView(io, names), (view) =>
    runBatch(items, {
      ...session.workflow,
      ...journal,
      concurrency: concurrency ?? DEFAULT_BATCH_CONCURRENCY,
      timeoutMs,
      pollIntervalMs,
      wait,
      onEvent: (event: BatchEvent) => {
        if (event.type === 'batch.item' && event.event.type === 'job.created')
          jobIds.set(event.index, event.event.jobId);
        view.handle(event);
      },
    }).catch((err: unknown) => {
      // Name the videos, not their positions in the list.
      if (!(err instanceof MoveBatchValidationError)) throw err;
      const lines = err.items.map(({ index, error }) => `  ${entries[index]?.origin}: ${error.message}`);
      throw new UsageError(
        `${err.items.length} of ${items.length} videos cannot be processed, so none was started:\n${lines.join('\n')}`,
        'batch',
      );
    }),
  );

  const summaries = result.items.map((item, index) => summarize(item, names[index]!, dirs[index]!, jobIds.get(index)));
  printSummary(io, result, summaries, outRoot);
  if (session.interrupted()) {
    printResumeHint(io, commandLine(['batch'], argv));
    return EXIT.interrupted;
  }
  return exitCode(result);
}

/** Checks every file before anything is sent, and reports all missing ones at once. */
async function batchItems(
  entries: readonly BatchEntry[],
  dirs: readonly string[],
  shared: Pick<SingleCamInput, 'deviceLabel' | 'outputs' | 'options' | 'clipWindow' | 'metadata'>,
  overwrite: boolean,
): Promise<BatchItem[]> {
  const problems: string[] = [];
  const items: BatchItem[] = [];
  for (const [index, entry] of entries.entries()) {
    try {
      const video = await fileSource(entry.video);
      const move = entry.move === undefined ? undefined : await fileSource(entry.move);
      items.push({
        input: {
          ...shared,
          video,
          move,
          deviceLabel: entry.deviceLabel ?? shared.deviceLabel,
          outputs: entry.outputs ?? shared.outputs,
          name: entry.name,
        },
        sink: directorySink(dirs[index]!, { overwrite }),
      });
    } catch (err) {
      if (!(err instanceof MoveValidationError)) throw err;
      problems.push(`  ${entry.origin}: ${err.message}`);
    }
  }
  if (problems.length > 0) {
    throw new UsageError(
      `${problems.length} of ${entries.length} videos cannot be read, so none was started:\n${problems.join('\n')}`,
      'batch',
    );
  }
  return items;
}

function summarize(
  item: BatchResult['items'][number],
  video: string,
  dir: string,
  jobId: string | undefined,
): ItemSummary {
  if (item.ok) {
    const { result } = item;
    return {
      video,
      state: result.state,
      jobId: result.jobId,
      takeId: result.takeId || null,
      outputDir: result.outputs.length > 0 ? dir : null,
      outputs: outputEntries(result.outputs),
      error: null,
    };
  }
  const { error } = item;
  const failedJob =
    error instanceof MoveJobFailedError || error instanceof MoveWaitTimeoutError ? error.jobId : undefined;
  return {
    video,
    state: stateOfError(error),
    jobId: failedJob ?? jobId ?? null,
    takeId: null,
    outputDir: null,
    outputs: [],
    error: {
      type: error instanceof Error ? error.name : 'Error',
      message: redact(error instanceof Error ? error.message : String(error)),
    },
  };
}

function stateOfError(error: unknown): string {
  if (error instanceof MoveJobFailedError) return 'FAILED';
  if (error instanceof MoveWaitTimeoutError) return 'TIMED_OUT';
  if (error instanceof MoveAbortError) return 'INTERRUPTED';
  return 'ERROR';
}

function printSummary(io: Io, result: BatchResult, items: ItemSummary[], outRoot: string): void {
  if (io.json) {
    printJson(io, { ok: result.ok, failed: result.failed, aborted: result.aborted, outputRoot: outRoot, items });
  } else {
    const rows = items.map((i) => [
      i.video,
      i.state,
      i.jobId ?? '-',
      String(i.outputs.length),
      i.error ? shorten(i.error.message, 80) : '',
    ]);
    io.stdout.write(`${table([['VIDEO', 'STATE', 'JOB', 'OUTPUTS', 'ERROR'], ...rows], io)}\n`);
  }
  const failed = result.failed > 0 ? `, ${result.failed} failed` : '';
  io.stderr.write(`${result.ok} of ${items.length} videos done${failed}; outputs in ${outRoot}\n`);
  if (items.some((i) => i.state === 'TIMED_OUT')) {
    io.stderr.write('Jobs still running: run the same command again later to wait for them and download.\n');
  }
}

/** 130 when interrupted, 1 when any video failed, 3 when the only trouble is jobs still running. */
function exitCode(result: BatchResult): number {
  if (result.aborted) return EXIT.interrupted;
  const errors = result.items.filter((i) => !i.ok).map((i) => (i.ok ? undefined : i.error));
  if (errors.length === 0) return EXIT.ok;
  return errors.every((e) => e instanceof MoveWaitTimeoutError) ? EXIT.timeout : EXIT.failed;
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** The first line, at most `max` terminal columns. */
function shorten(text: string, max: number): string {
  return truncateToWidth(text.split('\n')[0]!, max);
}
