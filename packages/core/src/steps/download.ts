// Downloading a job's outputs, a few at a time: each streams into the sink, resumes from the bytes
// this run already holds with a Range request (pinned to the same version with If-Match), re-fetches
// an expired URL, and is recorded in the journal once complete so a re-run skips it.
import { isRetryableStatus, MoveAbortError, MoveValidationError, redactUrl } from '@move-ugc/sdk';
import { MoveFileSystemError, MoveOutputConflictError, MoveTransferError } from '../errors';
import type { Journal, OutputRecord } from '../ports/journal';
import type { OutputSink, OutputTarget, SavedOutput } from '../ports/sinks';
import { type GetResult, isLendingBody, type LendingBody } from '../ports/transfer';
import { type Context, pauseBeforeRetry, throwIfAborted } from './context';
import type { NamedOutput } from './outputs';

export const DOWNLOAD_ATTEMPTS = 6;

export interface DownloadedOutput extends NamedOutput {
  bytes: number;
  location?: string;
}

export interface DownloadOptions {
  /** Outputs downloaded at once (default 4). */
  concurrency?: number;
  /** Only the outputs of these formats, as Move names them (`glb`, `fbx`, `mp4`, any case); all by default. */
  formats?: readonly string[];
}

export async function downloadOutputs(
  ctx: Context,
  journal: Journal,
  jobId: string,
  outputs: NamedOutput[],
  sink: OutputSink,
  options: DownloadOptions = {},
): Promise<DownloadedOutput[]> {
  const results: DownloadedOutput[] = new Array(outputs.length);
  let next = 0;
  const worker = async () => {
    while (next < outputs.length) {
      const index = next++;
      const output = outputs[index]!;
      results[index] = { ...output, ...(await downloadOne(ctx, journal, jobId, output, sink)) };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, outputs.length)) }, worker));
  return results;
}

async function downloadOne(
  ctx: Context,
  journal: Journal,
  jobId: string,
  output: NamedOutput,
  sink: OutputSink,
): Promise<SavedOutput> {
  const target: OutputTarget = { jobId, fileId: output.fileId, format: output.format, fileName: output.fileName };
  const found = journal.record.outputs[output.fileId];
  const record = found?.fileName === output.fileName ? found : undefined;
  const complete = (saved: SavedOutput, renamedFrom?: string) =>
    journal.update((r) => {
      r.outputs[output.fileId] = {
        fileName: output.fileName,
        bytes: saved.bytes,
        complete: true,
        etag: r.outputs[output.fileId]?.etag,
        location: saved.location,
        ...(renamedFrom === undefined ? {} : { renamedFrom }),
      };
    });
  if (record?.complete) {
    const saved = await savedBefore(target, record, sink);
    if (saved) {
      if (record.renamedFrom !== undefined) await complete(saved);
      ctx.emit({
        type: 'download.skipped',
        fileName: output.fileName,
        bytes: saved.bytes,
        reason: 'already-downloaded',
      });
      return saved;
    }
  }

  let url = output.url;
  // Only a partial file this run wrote for this output is resumed, and only at the version it holds;
  // one the sink does not hold (gone, a link, in another folder) gives way to a fresh one.
  const journalled = record && !record.complete ? record.location : undefined;
  const holds = journalled !== undefined && (await sink.held({ ...target, partial: journalled }, undefined)) > 0;
  let partial = holds ? journalled : undefined;
  let etag = holds ? record?.etag : undefined;
  let startOver = false;
  for (let attempt = 0; ; attempt++) {
    throwIfAborted(ctx, 'The download');
    url ??= await freshUrl(ctx, output.fileId);
    const offset = startOver || partial === undefined || !etag ? 0 : await sink.held({ ...target, partial }, undefined);
    startOver = false;
    let response: GetResult;
    try {
      response = await ctx.transfer.get(url, { signal: ctx.signal, offset, ifMatch: offset > 0 ? etag : undefined });
    } catch (err) {
      await giveUpOrPause(ctx, attempt, output, err);
      continue;
    }

    const { status } = response;
    if (status === 200 || status === 206) {
      const start = status === 206 ? offset : 0;
      const total = totalBytes(response, start);
      etag = response.headers.get('etag') ?? undefined;
      // The sink may name the journalled file again (an empty one a failed run left): nothing is left behind.
      partial ??= sink.newPartial?.({ ...target, partial: journalled });
      await journal.update((r) => {
        r.outputs[output.fileId] = {
          fileName: output.fileName,
          bytes: start,
          complete: false,
          etag,
          location: partial,
        };
      });
      ctx.emit({ type: 'download.started', fileName: output.fileName, totalBytes: total, offset: start });
      try {
        const body = counted(ctx, output.fileName, response.body, start, total);
        const saved = await sink.save({ ...target, partial }, body, start, total, (done) => complete(done, partial));
        await complete(saved);
        ctx.emit({ type: 'download.done', fileName: output.fileName, bytes: saved.bytes, location: saved.location });
        return saved;
      } catch (err) {
        // A cut body: the sink keeps what arrived, and the next attempt asks for the rest.
        await giveUpOrPause(ctx, attempt, output, err);
        continue;
      }
    }

    await response.cancel();
    if (status === 412 || status === 416) {
      // The object changed, or the held bytes do not fit it: start this output over.
      etag = undefined;
      startOver = true;
    } else if (status === 403) {
      url = null; // expired presigned URL: ask Move for a fresh one
    } else if (!isRetryableStatus(status)) {
      throw new MoveTransferError(`Downloading ${output.fileName} from ${redactUrl(url)} failed with HTTP ${status}.`, {
        status,
      });
    }
    await giveUpOrPause(ctx, attempt, output, new MoveTransferError(`HTTP ${status}`, { status }));
  }
}

/**
 * An output an earlier run saved: still in place, or saved but not yet renamed into place when that
 * run stopped (then the rename is finished now, as a resume with nothing left to fetch).
 */
async function savedBefore(
  target: OutputTarget,
  record: OutputRecord,
  sink: OutputSink,
): Promise<SavedOutput | undefined> {
  if ((await sink.held({ ...target, saved: record.location }, record.bytes)) === record.bytes) {
    return { bytes: record.bytes, location: record.location };
  }
  const partial = record.renamedFrom;
  if (partial === undefined || (await sink.held({ ...target, partial }, record.bytes)) !== record.bytes)
    return undefined;
  return sink.save({ ...target, partial }, nothingLeft(), record.bytes, record.bytes);
}

async function* nothingLeft(): AsyncIterable<Uint8Array> {}

async function giveUpOrPause(ctx: Context, attempt: number, output: NamedOutput, err: unknown): Promise<void> {
  throwIfAborted(ctx, 'The download');
  // Aborts, and local failures that no retry mends (permissions, a full disk, a file in the way).
  const local = err instanceof MoveFileSystemError || err instanceof MoveOutputConflictError;
  if (err instanceof MoveAbortError || err instanceof MoveValidationError || local) throw err;
  if (attempt + 1 >= DOWNLOAD_ATTEMPTS) {
    throw new MoveTransferError(
      `Downloading ${output.fileName} failed ${DOWNLOAD_ATTEMPTS} times (${(err as Error).message}). Run again to resume: finished outputs are kept.`,
      { cause: err },
    );
  }
  await pauseBeforeRetry(ctx, 'download', attempt, (err as Error).message);
}

async function freshUrl(ctx: Context, fileId: string): Promise<string> {
  const file = await ctx.ugc.files.retrieve(fileId, {}, { signal: ctx.signal });
  if (!file.presignedUrl)
    throw new MoveTransferError(`Move has no download URL for output ${fileId} right now; try again later.`);
  return file.presignedUrl;
}

/** Size of the whole object: from Content-Range on a 206, else Content-Length. */
function totalBytes(response: GetResult, start: number): number | undefined {
  const range = response.headers.get('content-range');
  const whole = range ? /\/(\d+)\s*$/.exec(range)?.[1] : undefined;
  if (whole) return Number(whole);
  const length = response.headers.get('content-length');
  return length === null ? undefined : start + Number(length);
}

/** The body with progress events, lending still (see LendingBody) if the agent's body lends. */
function counted(
  ctx: Context,
  fileName: string,
  body: AsyncIterable<Uint8Array>,
  start: number,
  total: number | undefined,
): AsyncIterable<Uint8Array> {
  let received = start;
  let reported = 0;
  const count = (chunk: Uint8Array) => {
    received += chunk.byteLength;
    // Progress at most every 256 KiB keeps listeners cheap on fast links.
    if (received - reported >= 256 * 1024 || received === total) {
      reported = received;
      ctx.emit({ type: 'download.progress', fileName, receivedBytes: received, totalBytes: total });
    }
  };
  async function* chunks() {
    for await (const chunk of body) {
      count(chunk);
      yield chunk;
    }
  }
  if (!isLendingBody(body)) return chunks();
  const lending: LendingBody = {
    [Symbol.asyncIterator]: chunks,
    lend: (write) =>
      body.lend((chunk) => {
        write(chunk);
        count(chunk);
      }),
  };
  return lending;
}
