// What the workflow uploads. A source knows its size up front (S3 needs an exact Content-Length)
// and can be opened again, so a failed PUT is retried from the first byte.
import { MoveValidationError, sha256Hex } from '@move-ugc/sdk';

export type UploadBody = Uint8Array | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface UploadSource {
  /** A name for messages and the uploaded file record, e.g. `clip.mp4`. */
  readonly name: string;
  /** The local file, when the source is one: outputs never replace it. */
  readonly path?: string;
  readonly size: number;
  /** The first `bytes` bytes, for the container signature check. */
  head(bytes: number): Promise<Uint8Array>;
  /** A fresh body holding all `size` bytes; called again for each attempt. */
  open(): Promise<UploadBody>;
  /**
   * Throws when the content may have changed since it was chosen (a file written to while it was
   * uploading): checked after each upload, before the file is used in a take.
   */
  verify?(): Promise<void>;
  /** Stable while the content is unchanged (path + size + mtime, or a digest): the journal's notion of "the same file". */
  identity(): Promise<string>;
}

/** A source from bytes in memory. */
export function bytesSource(bytes: Uint8Array, name: string): UploadSource {
  return {
    name,
    size: bytes.byteLength,
    head: async (n) => bytes.subarray(0, n),
    open: async () => bytes,
    identity: async () => `sha256:${await sha256Hex(bytes)}`,
  };
}

/** A source from a Blob (or File). */
export function blobSource(blob: Blob, name: string): UploadSource {
  return {
    name,
    size: blob.size,
    head: async (n) => new Uint8Array(await blob.slice(0, n).arrayBuffer()),
    open: async () => blob,
    identity: async () =>
      `blob:${name}:${blob.size}:${await sha256Hex(new Uint8Array(await blob.slice(0, 65_536).arrayBuffer()))}`,
  };
}

/** Bytes a stream source reads for its signature check and identity. */
const HEAD_BYTES = 64 * 1024;

/**
 * A source from a stream of known size. `openStream` must give a fresh stream on every call: it is
 * called once for the signature check and once per upload attempt (n8n's `getBinaryStream` does).
 */
export function streamSource(options: {
  name: string;
  size: number;
  openStream: () => Promise<StreamBody> | StreamBody;
  /** A stable id for the content, when the caller has one (e.g. n8n's binary id). */
  identity?: string;
}): UploadSource {
  if (!Number.isSafeInteger(options.size) || options.size < 0) {
    throw new MoveValidationError(
      `The size of ${options.name} must be known in bytes to upload it (S3 needs it up front).`,
      'size',
    );
  }
  let head: Promise<Uint8Array> | undefined;
  const firstBytes = () => {
    head ??= Promise.resolve(options.openStream()).then((stream) => readHead(stream, HEAD_BYTES));
    return head;
  };
  return {
    name: options.name,
    size: options.size,
    head: async (n) => (await firstBytes()).subarray(0, n),
    open: async () => options.openStream(),
    identity: async () =>
      options.identity ?? `stream:${options.name}:${options.size}:${await sha256Hex(await firstBytes())}`,
  };
}

type StreamBody = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** Reads up to `n` bytes from the start of a stream, then lets go of it. */
async function readHead(stream: StreamBody, n: number): Promise<Uint8Array> {
  const out = new Uint8Array(n);
  let filled = 0;
  const iterator = toAsyncIterable(stream)[Symbol.asyncIterator]();
  try {
    while (filled < n) {
      const { value, done } = await iterator.next();
      if (done) break;
      const take = Math.min(value.byteLength, n - filled);
      out.set(value.subarray(0, take), filled);
      filled += take;
    }
  } finally {
    await iterator.return?.();
  }
  return out.subarray(0, filled);
}

/** Web streams are async-iterable in Node 18+; older fetch runtimes need the reader loop. */
export function toAsyncIterable(stream: StreamBody): AsyncIterable<Uint8Array> {
  if (Symbol.asyncIterator in stream) return stream as AsyncIterable<Uint8Array>;
  const web = stream as ReadableStream<Uint8Array>;
  return {
    async *[Symbol.asyncIterator]() {
      const reader = web.getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        reader.releaseLock();
      }
    },
  };
}
