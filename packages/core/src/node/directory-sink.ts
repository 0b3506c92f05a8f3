// Downloads into a directory: bytes go to `<name>.part`, which a cut download resumes from; only a
// complete, length-checked file is renamed to its final name, so a crash or Ctrl-C never leaves a
// half-written file that looks finished. With `durable`, the file is also fsynced before the rename.
import { once } from 'node:events';
import { createWriteStream, fdatasync, open as openCallback } from 'node:fs';
import { mkdir, rename, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import { MoveValidationError } from '@move-ugc/sdk';
import { MoveTransferError } from '../errors';
import type { OutputSink, OutputTarget } from '../sinks';
import { errorCode, MiB, syncDirectory } from './runtime';

export interface DirectorySinkOptions {
  /** Bytes of the output held so far (resumed bytes included), at most about once per MiB and at the end. */
  onProgress?: (target: OutputTarget, heldBytes: number, totalBytes: number | undefined) => void;
  /**
   * Flush each output to the disk (fsync) before it gets its final name, so that it survives a
   * power cut or an OS crash too, not only a crash of this process. Costs about half the download
   * speed on a fast link, and outputs can always be downloaded again, so it is off by default.
   */
  durable?: boolean;
}

/** Write buffer: the file stream coalesces the socket's 64 KiB chunks into few large writes. */
const WRITE_BUFFER = 4 * MiB;
/** Written bytes between background fdatasync calls. */
const SYNC_EVERY = 64 * MiB;
const datasync = promisify(fdatasync);
const openFd = promisify(openCallback);

export function directorySink(dir: string, options: DirectorySinkOptions = {}): OutputSink {
  const pathsOf = (fileName: string) => {
    checkFileName(fileName);
    const final = join(dir, fileName);
    return { final, part: `${final}.part` };
  };

  return {
    async held(target, expectedBytes) {
      const { final, part } = pathsOf(target.fileName);
      const finalSize = await sizeOf(final);
      if (finalSize !== undefined && (expectedBytes === undefined || finalSize === expectedBytes)) return finalSize;
      const partSize = await sizeOf(part);
      // A .part longer than the output belongs to some other version: start over.
      if (partSize === undefined || (expectedBytes !== undefined && partSize > expectedBytes)) return 0;
      return partSize;
    },

    async save(target, body, offset, totalBytes) {
      const { final, part } = pathsOf(target.fileName);
      await mkdir(dir, { recursive: true });
      await preparePart(part, offset);
      const onProgress = options.onProgress;
      let reported = offset;
      let received = offset;
      await writeAll(part, offset, body, options.durable === true, (bytes) => {
        received += bytes;
        if (onProgress && received - reported >= MiB) {
          reported = received;
          onProgress(target, received, totalBytes);
        }
      });
      // The file itself is the truth (it also catches another writer appending to the .part).
      const held = (await stat(part)).size;
      if (totalBytes !== undefined && held !== totalBytes) {
        // Too long can never become right; too short is kept for a resumed attempt.
        if (held > totalBytes) await rm(part, { force: true });
        throw new MoveTransferError(
          `Download of ${target.fileName} ended with ${held} bytes instead of ${totalBytes}; ` +
            (held > totalBytes
              ? 'the partial file was removed, run again to download it anew.'
              : 'run again to resume it.'),
        );
      }
      if (onProgress && reported !== held) onProgress(target, held, totalBytes);
      await rename(part, final);
      if (options.durable) await syncDirectory(dir);
      return { bytes: held, location: final };
    },
  };
}

/**
 * Appends the body to `part` from `offset`. When the body fails (a cut connection, an abort), what
 * already arrived is still written and synced before the error goes on, so a resumed attempt asks
 * only for the rest; a plain pipeline() would drop up to a write buffer of received bytes.
 */
async function writeAll(
  part: string,
  offset: number,
  body: AsyncIterable<Uint8Array>,
  durable: boolean,
  onBytes: (bytes: number) => void,
): Promise<void> {
  // Our own descriptor, for the fdatasync calls below. The stream closes it at the end, after
  // `flush` (when durable): an fsync, so what is renamed later is on disk, not only in the page cache.
  const fd = await openFd(part, offset ? 'r+' : 'w');
  const file = createWriteStream(part, { fd, start: offset, highWaterMark: WRITE_BUFFER, flush: durable });
  // Failures surface through `errored`, once() and finished() below; without a listener a write
  // failing while we wait for the body would crash the process instead.
  file.on('error', () => {});
  let bodyError: unknown;
  // Flushing as we go overlaps the disk with the network; otherwise the final fsync of a large
  // output waits for every byte at once (seconds per GiB on a slow disk).
  let unsynced = 0;
  let syncing: Promise<void> | undefined;
  try {
    for await (const chunk of body) {
      // A failed file stream (disk full) takes no more writes and would never emit 'drain'.
      if (file.destroyed) break;
      onBytes(chunk.byteLength);
      // once() rejects if the file stream fails while we wait.
      if (!file.write(chunk)) await once(file, 'drain');
      if (!durable) continue;
      unsynced += chunk.byteLength;
      if (unsynced >= SYNC_EVERY && !syncing) {
        unsynced = 0;
        syncing = datasync(fd)
          .catch(() => {}) // best effort: the fsync at close is the one that counts
          .finally(() => {
            syncing = undefined;
          });
      }
    }
  } catch (error) {
    bodyError = error;
  }
  // The file descriptor must not close under a running fdatasync.
  await syncing;
  if (file.errored) throw file.errored;
  file.end();
  await finished(file);
  if (bodyError !== undefined) throw bodyError;
}

/** Makes the .part hold exactly `offset` bytes: bytes past it are not trusted, fewer cannot be resumed. */
async function preparePart(part: string, offset: number): Promise<void> {
  if (offset === 0) return;
  const size = await sizeOf(part);
  if (size === undefined) {
    throw new MoveTransferError(
      `Cannot resume ${part} at byte ${offset}: the partial file is gone; run again to start over.`,
    );
  }
  if (size < offset) {
    throw new MoveTransferError(
      `Cannot resume ${part} at byte ${offset}: it holds only ${size} bytes; run again to continue from there.`,
    );
  }
  if (size > offset) await truncate(part, offset);
}

/** Output names come sanitised from the workflow; this refuses anything that could leave `dir` anyway. */
function checkFileName(fileName: string): void {
  if (
    fileName === '' ||
    fileName === '.' ||
    fileName.includes('/') ||
    fileName.includes('\\') ||
    fileName.includes('..') ||
    fileName.includes('\0')
  ) {
    throw new MoveValidationError(
      `Refusing to write the output file ${JSON.stringify(fileName)}: a file name must not be empty or contain path separators or "..".`,
      'fileName',
    );
  }
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? stats.size : undefined;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}
