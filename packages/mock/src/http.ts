// The small abstract request/response the engine works on. msw.ts and server.ts adapt their own
// request to a SimRequest and play a SimResponse back; all behaviour lives behind this line.

export interface SimRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** The request body, streamed; null when there is none. */
  body: AsyncIterable<Uint8Array> | null;
  /** Fires when the client goes away (or the server shuts down). */
  signal: AbortSignal;
  /**
   * True when the transport cannot show the Content-Length the client will send (msw sees a fetch
   * Request before the platform computes it): a missing header is then not an error.
   */
  lengthInferred?: boolean;
}

export type SimBody = string | Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body?: SimBody;
  /**
   * 'before': drop the connection instead of answering (a reset).
   * 'after-body': send the status, headers and body given, then drop the connection; with a body
   * shorter than its Content-Length this is a truncated response.
   */
  abort?: 'before' | 'after-body';
}

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function resetResponse(): SimResponse {
  return { status: 0, headers: {}, abort: 'before' };
}

export function bodyLength(body: SimBody | undefined): number | undefined {
  if (body === undefined) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.byteLength;
  return undefined;
}

/** Iterates any SimBody as byte chunks. */
export async function* bodyChunks(body: SimBody | undefined): AsyncGenerator<Uint8Array> {
  if (body === undefined) return;
  if (typeof body === 'string') {
    yield Buffer.from(body);
    return;
  }
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  yield* body;
}

/** Reads a whole (small) body, failing past `limit` bytes. */
export async function readSmallBody(body: AsyncIterable<Uint8Array> | null, limit: number): Promise<Buffer | null> {
  if (!body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) return null;
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks);
}

/** A body of at most `limit` bytes taken from the front of `body`: what a truncated response sends. */
export async function* takeBytes(body: SimBody | undefined, limit: number): AsyncGenerator<Uint8Array> {
  let left = limit;
  for await (const chunk of bodyChunks(body)) {
    if (left <= 0) return;
    const part = chunk.byteLength > left ? chunk.subarray(0, left) : chunk;
    left -= part.byteLength;
    yield part;
  }
}
