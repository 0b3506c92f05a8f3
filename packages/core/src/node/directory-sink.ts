// Downloads into a directory: bytes go to a temporary `.<name>.<random>.part` of this run's own
// (created exclusively, never through a link), which a cut download resumes from; only a complete,
// length-checked file is renamed to its final name, so a crash or Ctrl-C never leaves a half-written
// file that looks finished. With `durable`, the file is also fsynced before the rename. A final
// name never replaces an input of the run, nor (without `overwrite`) a file the run did not write.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import {
  close as closeCallback,
  constants,
  createWriteStream,
  fdatasync,
  fstat,
  ftruncate,
  open as openCallback,
  writeSync,
} from 'node:fs';
import { lstat, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import { MoveValidationError } from '@move-ugc/sdk';
import { MoveOutputConflictError, MoveTransferError } from '../errors';
import type { OutputPlan, OutputSink, OutputTarget } from '../ports/sinks';
import { isLendingBody, type LendingBody } from '../ports/transfer';
import { MAX_OUTPUT_NAME_BYTES } from '../steps/outputs';
import { errorCode, MiB, syncDirectory } from './runtime';
import { checkWritableDir, fileSystemError } from './writable-dir';

export interface DirectorySinkOptions {
  /** Bytes of the output held so far (resumed bytes included), at most about once per MiB and at the end. */
  onProgress?: (target: OutputTarget, heldBytes: number, totalBytes: number | undefined) => void;
  /**
   * Flush each output to the disk (fsync) before it gets its final name, so that it survives a
   * power cut or an OS crash too, not only a crash of this process. Costs about half the download
   * speed on a fast link, and outputs can always be downloaded again, so it is off by default.
   */
  durable?: boolean;
  /**
   * Replace existing files that this run did not write. Off by default: check() refuses before
   * anything is paid for, listing them. An input of the run is never replaced, whatever this says.
   */
  overwrite?: boolean;
}

/** Write buffer: the file stream coalesces the socket's 64 KiB chunks into few large writes. */
const WRITE_BUFFER = 4 * MiB;
/** Written bytes between background fdatasync calls. */
const SYNC_EVERY = 64 * MiB;
const datasync = promisify(fdatasync);
const openFd = promisify(openCallback);
const closeFd = promisify(closeCallback);
const fstatFd = promisify(fstat);
const truncateFd = promisify(ftruncate);
/** Not on Windows, which has no symbolic links to follow by accident. */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

export function directorySink(dir: string, options: DirectorySinkOptions = {}): OutputSink {
  const finalOf = (fileName: string) => {
    checkFileName(fileName);
    return join(dir, fileName);
  };
  /** A new temporary name for the output, beside its final one. */
  const newPartialOf = (fileName: string) => join(dirname(finalOf(fileName)), partialName(fileName));
  /** Only a temporary name this sink makes for the output, in `dir`, is ever resumed or written. */
  const isPartialOf = (partial: string, fileName: string) => {
    const name = basename(partial);
    const prefix = `.${fileName}.`;
    return (
      dirname(partial) === dirname(finalOf(fileName)) &&
      name.startsWith(prefix) &&
      PARTIAL_TAIL.test(name.slice(prefix.length))
    );
  };
  /** The inputs of the runs this sink served, by device and inode: never replaced. */
  const inputs = new Set<string>();

  /** Why `final` must not be replaced, if it must not: `saved` is where this run saved the output before. */
  async function obstacle(final: string, saved?: OutputPlan['saved'][number]): Promise<string | undefined> {
    const found = await lstatOf(final);
    if (!found) return undefined;
    if (found.isDirectory()) return 'a folder is in the way';
    const id = await inodeOf(final);
    if (id && inputs.has(id)) return 'an input of this run, never replaced';
    const ours = saved?.location === final && found.isFile() && found.size === saved.bytes;
    if (ours || options.overwrite) return undefined;
    return 'exists, and this run did not write it';
  }

  return {
    async check(plan) {
      await checkWritableDir(dir, 'The output folder', 'choose another output folder');
      for (const input of plan.inputs) {
        const id = input.path === undefined ? undefined : await inodeOf(input.path);
        if (id) inputs.add(id);
      }
      const conflicts: [string, string][] = [];
      for (const fileName of plan.fileNames) {
        const final = finalOf(fileName);
        const why = await obstacle(
          final,
          plan.saved.find((saved) => saved.fileName === fileName),
        ).catch((error: unknown) => {
          throw fileSystemError(error, 'check the output folder', final);
        });
        if (why) conflicts.push([final, why]);
      }
      if (conflicts.length > 0) throw conflictError(conflicts);
    },

    async held(target, expectedBytes) {
      const final = finalOf(target.fileName);
      if (target.saved !== undefined) {
        // Complete only where this run saved it, as a plain file of the expected size.
        const size = target.saved === final ? await regularSize(final) : undefined;
        return size !== undefined && (expectedBytes === undefined || size === expectedBytes) ? size : 0;
      }
      if (target.partial === undefined || !isPartialOf(target.partial, target.fileName)) return 0;
      const size = await regularSize(target.partial);
      // A partial file longer than the output belongs to some other version: start over.
      if (size === undefined || (expectedBytes !== undefined && size > expectedBytes)) return 0;
      return size;
    },

    // Reusing the journalled name is safe from byte 0: openPartial() replaces whatever is there.
    newPartial: (target) =>
      target.partial !== undefined && isPartialOf(target.partial, target.fileName)
        ? target.partial
        : newPartialOf(target.fileName),

    async save(target, body, offset, totalBytes, commit) {
      const final = finalOf(target.fileName);
      const part = target.partial ?? newPartialOf(target.fileName);
      if (!isPartialOf(part, target.fileName)) {
        throw new MoveValidationError(
          `Refusing to write ${part}: it is not a temporary file of the output ${target.fileName}.`,
          'partial',
        );
      }
      try {
        await mkdir(dir, { recursive: true });
        const fd = await openPartial(part, offset);
        const onProgress = options.onProgress;
        let reported = offset;
        let received = offset;
        const onBytes = (bytes: number) => {
          received += bytes;
          if (onProgress && received - reported >= MiB) {
            reported = received;
            onProgress(target, received, totalBytes);
          }
        };
        // Durable saves keep the stream path: their fsyncs, not the client, bound their speed.
        if (isLendingBody(body) && !options.durable) await writeLent(fd, offset, body, onBytes);
        else await writeAll(fd, part, offset, body, options.durable === true, onBytes);
        // The file itself is the truth (it also catches another writer appending to the partial file).
        const held = (await lstat(part)).size;
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
        const why = await obstacle(final);
        if (why) {
          await rm(part, { force: true });
          throw conflictError([[final, why]]);
        }
        await commit?.({ bytes: held, location: final });
        await rename(part, final);
        if (options.durable) await syncDirectory(dir);
        return { bytes: held, location: final };
      } catch (error) {
        throw fileSystemError(error, `save the output ${target.fileName}`, part);
      }
    },
  };
}

/** A temporary name is `.<name>.<8 hex digits>.part`: the leading dot keeps it apart from every output name. */
const PARTIAL_TAIL = /^[0-9a-f]{8}\.part$/;
const partialName = (fileName: string) => `.${fileName}.${randomBytes(4).toString('hex')}.part`;

/** `final` exists, and why it must not be replaced, for each. */
function conflictError(conflicts: [string, string][]): MoveOutputConflictError {
  const inputs = conflicts.some(([, why]) => why.startsWith('an input'));
  const fix = inputs
    ? 'Write the outputs to another folder, or give them another name (the name option, --name on the command line).'
    : 'Move those files away, write the outputs to another folder, or allow replacing them ' +
      '(the overwrite option: --overwrite on the command line, `overwrite: true` in the Action).';
  const what =
    conflicts.length === 1 ? 'An output would replace a file' : `${conflicts.length} outputs would replace files`;
  const list = conflicts.map(([path, why]) => `  ${path}: ${why}`).join('\n');
  return new MoveOutputConflictError(
    `${what} already there:\n${list}\n${fix}`,
    conflicts.map(([path]) => path),
  );
}

/**
 * Opens the partial file, never through a link. From 0: a new file, created exclusively (what was at
 * the name, a link included, is removed, not followed). Resuming: it must hold `offset` bytes; bytes
 * past it are not trusted, fewer cannot be resumed.
 */
async function openPartial(part: string, offset: number): Promise<number> {
  if (offset === 0) {
    await rm(part, { force: true });
    return openFd(part, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o666);
  }
  let fd: number;
  try {
    fd = await openFd(part, constants.O_WRONLY | NOFOLLOW);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    throw new MoveTransferError(
      `Cannot resume ${part} at byte ${offset}: the partial file is gone; run again to start over.`,
    );
  }
  try {
    const { size } = await fstatFd(fd);
    if (size < offset) {
      throw new MoveTransferError(
        `Cannot resume ${part} at byte ${offset}: it holds only ${size} bytes; run again to continue from there.`,
      );
    }
    if (size > offset) await truncateFd(fd, offset);
    return fd;
  } catch (error) {
    await closeFd(fd);
    throw error;
  }
}

/**
 * Appends the body to the open `fd` of `part` from `offset`. When the body fails (a cut connection,
 * an abort), what already arrived is still written and synced before the error goes on, so a
 * resumed attempt asks only for the rest; a plain pipeline() would drop up to a write buffer of
 * received bytes.
 */
async function writeAll(
  fd: number,
  part: string,
  offset: number,
  body: AsyncIterable<Uint8Array>,
  durable: boolean,
  onBytes: (bytes: number) => void,
): Promise<void> {
  // Our own descriptor, for the fdatasync calls below. The stream closes it at the end, after
  // `flush` (when durable): an fsync, so what is renamed later is on disk, not only in the page cache.
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

/**
 * Writes a lending body (see socket-get.ts) into the open `fd` from `offset`: each block with one
 * synchronous write while it is lent, so no copy and no queue, and whatever arrived before a
 * failure is already in the file for a resumed attempt. A 256 KiB write to the page cache holds the
 * event loop for a fraction of a millisecond; `pnpm bench` reports the longest block of a download.
 */
async function writeLent(
  fd: number,
  offset: number,
  body: LendingBody,
  onBytes: (bytes: number) => void,
): Promise<void> {
  let position = offset;
  try {
    await body.lend((chunk) => {
      for (let at = 0; at < chunk.byteLength; ) {
        at += writeSync(fd, chunk, at, chunk.byteLength - at, position + at);
      }
      position += chunk.byteLength;
      onBytes(chunk.byteLength);
    });
  } finally {
    await closeFd(fd);
  }
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
  if (Buffer.byteLength(fileName) > MAX_OUTPUT_NAME_BYTES) {
    throw new MoveValidationError(
      `Refusing to write the output file ${fileName.slice(0, 40)}…: its name is longer than ${MAX_OUTPUT_NAME_BYTES} bytes, which file systems do not take.`,
      'fileName',
    );
  }
}

async function lstatOf(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** The size of a plain file at `path` (not a link, not a folder), if there is one. */
async function regularSize(path: string): Promise<number | undefined> {
  const stats = await lstatOf(path);
  return stats?.isFile() ? stats.size : undefined;
}

/** `device:inode` of what `path` names, links followed: the same for every name of one file. */
async function inodeOf(path: string): Promise<string | undefined> {
  try {
    const { dev, ino } = await stat(path, { bigint: true });
    return `${dev}:${ino}`;
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR' || errorCode(error) === 'ELOOP')
      return undefined;
    throw error;
  }
}
