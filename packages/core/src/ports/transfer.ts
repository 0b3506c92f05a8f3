// Moving bytes to and from presigned URLs. The workflow talks to a TransferAgent, so Node can use
// undici's fastest path, n8n its own HTTP helpers, and anything else plain fetch.
import { toAsyncIterable, type UploadBody } from './sources';

export interface HeaderReader {
  get(name: string): string | null;
}

export interface PutOptions {
  /** Exact byte count: sent as Content-Length, never as chunked transfer encoding. */
  size: number;
  signal?: AbortSignal;
  /** Called with the running total of bytes handed to the network. */
  onProgress?: (sentBytes: number) => void;
}

export interface GetOptions {
  signal?: AbortSignal;
  /** Ask for the bytes from this offset on (`Range: bytes=<offset>-`). */
  offset?: number;
  /** Only if the object is still this version (`If-Match`). */
  ifMatch?: string;
}

export interface PutResult {
  status: number;
  headers: HeaderReader;
  /** The response body, read only for error messages. */
  text(): Promise<string>;
}

export interface GetResult {
  status: number;
  headers: HeaderReader;
  /** The bytes, each chunk the consumer's to keep; it may also be a LendingBody. */
  body: AsyncIterable<Uint8Array>;
  /** Releases the connection when the body will not be read. */
  cancel(): Promise<void>;
}

/**
 * A body that can also hand its bytes to a synchronous writer, lending each chunk only for the call
 * so that the agent reads the network into one reused buffer (the Node agent's fast path). A
 * consumer that keeps chunks iterates the body instead; either way, only once.
 */
export interface LendingBody extends AsyncIterable<Uint8Array> {
  /** Resolves once every byte was written; rejects with the network's error, the abort reason, or `write`'s. */
  lend(write: (chunk: Uint8Array) => void): Promise<void>;
}

export const isLendingBody = (body: AsyncIterable<Uint8Array>): body is LendingBody =>
  typeof (body as Partial<LendingBody>).lend === 'function';

export interface TransferAgent {
  /** PUT to a presigned URL. No Content-Type: it is not part of S3's signature. */
  put(url: string, body: UploadBody, options: PutOptions): Promise<PutResult>;
  get(url: string, options?: GetOptions): Promise<GetResult>;
}

/**
 * A TransferAgent over any WHATWG fetch. Streams keep their explicit Content-Length (Node's fetch
 * honours it); the Node entry offers a faster agent built on undici's request API.
 */
export function fetchTransfer(fetchImpl: typeof fetch = (input, init) => fetch(input, init)): TransferAgent {
  return {
    async put(url, body, { size, signal, onProgress }) {
      const init: RequestInit & { duplex?: 'half' } = { method: 'PUT', signal };
      if (body instanceof Blob) {
        // fetch sends a Blob's type as its Content-Type (a browser's File says video/mp4): an
        // untyped view of the same bytes sends none.
        init.body = body.type ? body.slice(0, body.size, '') : body;
      } else if (body instanceof Uint8Array) {
        init.body = body as BodyInit;
      } else {
        init.body = countingStream(toAsyncIterable(body), onProgress);
        init.duplex = 'half';
        init.headers = { 'content-length': String(size) };
      }
      const response = await fetchImpl(url, init);
      if (body instanceof Uint8Array || body instanceof Blob) onProgress?.(size);
      return { status: response.status, headers: response.headers, text: () => response.text() };
    },
    async get(url, { signal, offset, ifMatch } = {}) {
      const headers: Record<string, string> = {};
      if (offset) headers.range = `bytes=${offset}-`;
      if (ifMatch) headers['if-match'] = ifMatch;
      const response = await fetchImpl(url, { method: 'GET', headers, signal });
      return {
        status: response.status,
        headers: response.headers,
        body: response.body ? toAsyncIterable(response.body) : emptyBody(),
        // Not awaited: some fetch bodies (msw's among them) settle their cancel only once drained.
        cancel: async () => {
          response.body?.cancel().catch(() => {});
        },
      };
    },
  };
}

function countingStream(
  source: AsyncIterable<Uint8Array>,
  onProgress?: (sent: number) => void,
): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) {
        controller.close();
        return;
      }
      sent += value.byteLength;
      controller.enqueue(value);
      onProgress?.(sent);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

async function* emptyBody(): AsyncGenerator<Uint8Array> {}
