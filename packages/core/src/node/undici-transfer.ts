// The Node transfer agent, on undici's request API: bodies go onto the socket with a fixed
// Content-Length, paused whenever the socket is full, so memory stays flat. A file from fileSource()
// is read into a few reused buffers (see FileBody.reusingBuffers), which is what brings uploads to
// curl's speed. GETs try socketGet() first, and come here only for what it leaves: undici is loaded
// on first use, so a process that only downloads never pays for it.
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { Agent, Dispatcher } from 'undici';
import { toAsyncIterable, type UploadBody } from '../ports/sources';
import type { GetOptions, GetResult, HeaderReader, PutOptions, PutResult, TransferAgent } from '../ports/transfer';
import { FileBody } from './file-source';
import { MiB } from './runtime';
import { socketGet } from './socket-get';

export interface UndiciTransferOptions {
  /** Use this dispatcher (a shared Agent, a proxy agent, a MockAgent in tests) instead of our own. */
  dispatcher?: Dispatcher;
  /** Buffer size of response bodies, in bytes (default 1 MiB). */
  highWaterMark?: number;
  /** Connections per origin of the agent this creates (default 8; one transfer uses one). */
  connections?: number;
  /**
   * Read plain GET answers (200 or 206 with a length) straight off the socket into the sink (default
   * true; never with a `dispatcher`, which decides connections itself). See socket-get.ts.
   */
  socketGets?: boolean;
  /** Where to look for proxy settings (default process.env): GETs to a proxied scheme stay on undici. */
  env?: Record<string, string | undefined>;
}

export interface UndiciTransferAgent extends TransferAgent {
  /** Closes the connections of the agent this created (not of a dispatcher passed in). */
  close(): Promise<void>;
}

/** Bytes of a PUT response body kept for error messages (S3 answers with a short XML document). */
const MAX_PUT_RESPONSE_TEXT = 64 * 1024;

export function undiciTransfer(options: UndiciTransferOptions = {}): UndiciTransferAgent {
  let loading: Promise<typeof import('undici')> | undefined;
  let owned: Agent | undefined;
  /** undici's request() and the dispatcher, loaded and made on first use. */
  const undici = async () => {
    // A bundle (the CLI's) gives a CommonJS module's exports as `default` of the dynamic import.
    loading ??= import('undici').then((module) =>
      typeof module.Agent === 'function' ? module : (module as unknown as { default: typeof module }).default,
    );
    const loaded = await loading;
    if (!options.dispatcher) owned ??= new loaded.Agent({ connections: options.connections ?? 8 });
    return { request: loaded.request, dispatcher: options.dispatcher ?? (owned as Agent) };
  };
  const highWaterMark = options.highWaterMark ?? MiB;
  const socketGets = options.socketGets !== false && !options.dispatcher;
  const env = options.env ?? process.env;

  return {
    async put(url: string, body: UploadBody, { size, signal, onProgress }: PutOptions): Promise<PutResult> {
      if (signal?.aborted) {
        if (body instanceof Readable) body.destroy(); // an open stream must not wait for GC to close
        throw signal.reason;
      }
      const { request, dispatcher } = await undici();
      const response = await request(url, {
        method: 'PUT',
        dispatcher,
        signal,
        // An explicit length makes undici send `content-length` (never chunked) and fail the
        // request if the body yields more or fewer bytes. No content-type: S3 did not sign one.
        headers: { 'content-length': String(size) },
        body:
          body instanceof FileBody
            ? iterableBody(countSent(body.reusingBuffers(), onProgress))
            : requestBody(body, size, onProgress),
      });
      // Read the (short) answer now so the connection goes back to the pool even when the caller
      // only looks at the status.
      const text = await readText(response.body, MAX_PUT_RESPONSE_TEXT);
      if (isBytes(body) && response.statusCode < 300) onProgress?.(size);
      return { status: response.statusCode, headers: headerReader(response.headers), text: async () => text };
    },

    async get(url: string, { signal, offset, ifMatch }: GetOptions = {}): Promise<GetResult> {
      signal?.throwIfAborted();
      const direct = socketGets ? reachedDirectly(url, env) : undefined;
      const answer = direct && (await socketGet(direct, { signal, offset, ifMatch }));
      if (answer) return answer;
      const { request, dispatcher } = await undici();
      const headers: Record<string, string> = {};
      if (offset) headers.range = `bytes=${offset}-`;
      if (ifMatch) headers['if-match'] = ifMatch;
      const response = await request(url, { method: 'GET', dispatcher, signal, headers, highWaterMark });
      const responseBody = response.body;
      return {
        status: response.statusCode,
        headers: headerReader(response.headers),
        // undici's body is a Node Readable: async-iterable, errors with the signal's reason on abort.
        body: responseBody,
        cancel: async () => {
          // Without a listener, destroying an unfinished body would throw 'Request aborted' out of nowhere.
          responseBody.on('error', () => {}).destroy();
        },
      };
    },

    close: async () => {
      await owned?.close();
    },
  };
}

/**
 * The URL, if it is an http(s) one that no proxy setting covers (curl's variables; NO_PROXY is not
 * weighed: with a proxy set, undici decides).
 */
function reachedDirectly(url: string, env: Record<string, string | undefined>): URL | undefined {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  const scheme = parsed?.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  const proxy = [`${scheme}_proxy`, 'all_proxy'].some((name) => env[name] || env[name.toUpperCase()]);
  return proxy ? undefined : parsed;
}

/**
 * Reports progress as undici asks for each next chunk: by then it has written the previous one to
 * the socket. Chunks of a file body are MiB-sized, so every one is reported.
 */
async function* countSent(
  chunks: AsyncIterable<Uint8Array>,
  onProgress: ((sentBytes: number) => void) | undefined,
): AsyncGenerator<Uint8Array> {
  let sent = 0;
  for await (const chunk of chunks) {
    yield chunk;
    sent += chunk.byteLength;
    onProgress?.(sent);
  }
}

/** undici documents (async) iterable bodies, sent through its iterable path, but its types omit them. */
function iterableBody(chunks: AsyncIterable<Uint8Array>): Dispatcher.RequestOptions['body'] {
  return chunks as unknown as Readable;
}

function isBytes(body: UploadBody): body is Uint8Array {
  return body instanceof Uint8Array;
}

/**
 * The body handed to undici. Buffers go as they are; everything else becomes a Node Readable (undici's
 * fastest stream path: `data` events straight into socket.write) behind a counter for progress.
 */
function requestBody(
  body: UploadBody,
  size: number,
  onProgress: ((sentBytes: number) => void) | undefined,
): Uint8Array | Readable {
  if (isBytes(body)) return body;
  const source = toReadable(body);
  if (!onProgress) return source;
  const counter = new ProgressCounter(size, onProgress);
  // Errors flow both ways: a failing file stream fails the request, an aborted request closes the file.
  source.once('error', (error) => counter.destroy(error));
  counter.once('close', () => source.destroy());
  return source.pipe(counter);
}

function toReadable(body: Exclude<UploadBody, Uint8Array>): Readable {
  if (body instanceof Readable) return body;
  // toAsyncIterable also covers web streams without Symbol.asyncIterator (other realms, polyfills).
  const chunks = toAsyncIterable(body instanceof Blob ? body.stream() : body);
  // objectMode false: chunks are bytes, and backpressure counts bytes rather than chunks.
  return Readable.from(chunks, { objectMode: false });
}

/**
 * Passes chunks through untouched and reports the running total at most once per MiB (and at the
 * end), so a stream of small chunks does not turn into a flood of callbacks.
 */
class ProgressCounter extends Transform {
  #sent = 0;
  #reported = 0;
  readonly #size: number;
  readonly #onProgress: (sentBytes: number) => void;

  constructor(size: number, onProgress: (sentBytes: number) => void) {
    super();
    this.#size = size;
    this.#onProgress = onProgress;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#sent += chunk.byteLength;
    if (this.#sent - this.#reported >= MiB || this.#sent >= this.#size) {
      this.#reported = this.#sent;
      this.#onProgress(this.#sent);
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.#reported !== this.#sent) this.#onProgress(this.#sent);
    callback();
  }
}

async function readText(body: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.byteLength;
    if (length >= limit) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function headerReader(headers: Record<string, string | string[] | undefined>): HeaderReader {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
