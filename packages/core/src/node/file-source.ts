// An upload source read from disk: streamed in large chunks, never held in memory, reopened for
// each attempt, and identified by path + size + mtime so the journal knows a file changed.
import { createReadStream, type ReadStream } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MoveValidationError } from '@move-ugc/sdk';
import type { UploadSource } from '../sources';
import { errorCode, MiB } from './runtime';

/** Read size of the upload stream: few large reads keep syscalls and per-chunk work low. */
export const FILE_READ_CHUNK = 4 * MiB;

/**
 * A source for the file at `path`; `name` defaults to its base name. Fails early, with a
 * MoveValidationError naming the path, when the file is missing, a directory, unreadable or empty.
 */
export async function fileSource(path: string, name: string = basename(path)): Promise<UploadSource> {
  const stats = await stat(path).catch((error: unknown) => {
    throw fileError(path, error);
  });
  if (stats.isDirectory()) {
    throw new MoveValidationError(`${path} is a directory; give the path of a video file instead.`, 'path');
  }
  if (!stats.isFile()) {
    throw new MoveValidationError(`${path} is not a regular file; give the path of a video file.`, 'path');
  }
  if (stats.size === 0) {
    throw new MoveValidationError(`${path} is empty (0 bytes); check that it was written completely.`, 'path');
  }
  // Opening is the only reliable readability check (ACLs, mandatory locks, root squash...).
  await (
    await open(path, 'r').catch((error: unknown) => {
      throw fileError(path, error);
    })
  ).close();
  const real = await realpath(path);
  const { size, mtimeMs } = stats;

  return {
    name,
    size,
    head: (bytes) => readHead(path, Math.min(bytes, size)),
    async open(): Promise<ReadStream> {
      // The PUT announces `size` bytes: refuse a file that changed since, rather than send a
      // body whose length (or content) no longer matches what the journal recorded.
      const now = await stat(path).catch((error: unknown) => {
        throw fileError(path, error);
      });
      if (now.size !== size || now.mtimeMs !== mtimeMs) {
        throw new MoveValidationError(
          `${path} changed since it was chosen for upload (size ${size} -> ${now.size} bytes); run again to upload the new content.`,
          'path',
        );
      }
      return createReadStream(path, { highWaterMark: FILE_READ_CHUNK, start: 0, end: size - 1 });
    },
    identity: async () => `file:${real}:${size}:${mtimeMs}`,
  };
}

async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const out = new Uint8Array(Math.max(0, bytes));
    let filled = 0;
    while (filled < out.byteLength) {
      const { bytesRead } = await handle.read(out, filled, out.byteLength - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return out.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

function fileError(path: string, error: unknown): MoveValidationError {
  switch (errorCode(error)) {
    case 'ENOENT':
      return new MoveValidationError(`No file at ${path}; check the path and the current directory.`, 'path');
    case 'ENOTDIR':
      return new MoveValidationError(`${path} is not a valid path: one of its parent parts is a file.`, 'path');
    case 'EACCES':
    case 'EPERM':
      return new MoveValidationError(`${path} cannot be read (permission denied); check its permissions.`, 'path');
    case 'EISDIR':
      return new MoveValidationError(`${path} is a directory; give the path of a video file instead.`, 'path');
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return new MoveValidationError(`${path} cannot be read: ${detail}`, 'path');
    }
  }
}
