// Moving bytes to and from Move's presigned S3 URLs with n8n's plain httpRequest helper: no
// credential (the URL is the authorisation), an exact Content-Length on uploads, streamed bodies
// both ways, Range and If-Match on resumed downloads.
import type { GetResult, PutResult, TransferAgent, UploadBody } from '@move-ugc/core';
import { toAsyncIterable } from '@move-ugc/core/internal';
import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { detachedHttpError, untilAborted } from './http-errors';
import type { MoveContext } from './n8n-context';
import { collect, isNodeReadable, type Readable, type ReadableClass, readableClassOf } from './node-stream';

/** A TransferAgent that also remembers how to make Node streams for n8n's binary store. */
export interface N8nTransferAgent extends TransferAgent {
  /** A Node Readable over `body` when a stream class is known (after any download), else undefined. */
  toReadable(body: AsyncIterable<Uint8Array>): Readable | undefined;
}

export function n8nTransferAgent(context: MoveContext): N8nTransferAgent {
  let streamClass: ReadableClass | undefined;
  const send = async (options: IHttpRequestOptions, signal: AbortSignal | undefined) => {
    try {
      return (await untilAborted(
        context.helpers.httpRequest({
          ...options,
          json: false,
          returnFullResponse: true,
          ignoreHttpStatusErrors: true,
          ...(signal ? { abortSignal: signal } : {}),
        }),
        signal,
      )) as IN8nHttpFullResponse;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      // The presigned URL is in the error's request details: none of it goes on.
      throw detachedHttpError(error);
    }
  };

  return {
    async put(url, body, { size, signal, onProgress }): Promise<PutResult> {
      const response = await send(
        {
          url,
          method: 'PUT',
          // Content-Length keeps Node from chunking the body. No Content-Type: the URL's signature
          // covers it, and S3 refuses one it was not signed with. n8n hands the request to axios,
          // which gives every PUT without one `application/x-www-form-urlencoded`; a header set to
          // false is one axios neither fills in nor sends.
          headers: { 'content-length': String(size), 'content-type': false },
          // n8n hands a Buffer or stream body to its HTTP client as is; its type only names JSON bodies.
          body: (await uploadBody(body)) as unknown as IDataObject,
          encoding: 'text',
        },
        signal,
      );
      onProgress?.(size);
      return {
        status: response.statusCode,
        headers: headerReader(response.headers),
        text: async () => (typeof response.body === 'string' ? response.body : ''),
      };
    },

    async get(url, { signal, offset, ifMatch } = {}): Promise<GetResult> {
      const headers: IDataObject = {};
      if (offset) headers.range = `bytes=${offset}-`;
      if (ifMatch) headers['if-match'] = ifMatch;
      const response = await send({ url, method: 'GET', headers, encoding: 'stream' }, signal);
      const body: unknown = response.body;
      if (isNodeReadable(body)) streamClass ??= readableClassOf(body);
      return {
        status: response.statusCode,
        headers: headerReader(response.headers),
        body: isNodeReadable(body) ? body : singleChunk(body),
        cancel: async () => {
          if (isNodeReadable(body)) body.destroy();
        },
      };
    },

    toReadable(body) {
      return streamClass?.from(body, { objectMode: false });
    },
  };
}

/** Buffers and n8n's binary streams go out as they are; anything else is gathered first. */
async function uploadBody(body: UploadBody): Promise<Buffer | Readable> {
  if (isNodeReadable(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  return collect(toAsyncIterable(body));
}

async function* singleChunk(body: unknown): AsyncGenerator<Uint8Array> {
  if (body instanceof Uint8Array) yield body;
  else if (typeof body === 'string' && body !== '') yield new TextEncoder().encode(body);
}

function headerReader(headers: IN8nHttpFullResponse['headers'] | undefined): GetResult['headers'] {
  return {
    get(name: string) {
      const value = headers?.[name.toLowerCase()];
      if (value === undefined || value === null) return null;
      return Array.isArray(value) ? value.join(', ') : String(value);
    },
  };
}
