import { createReadStream } from 'node:fs';
import { OUTPUT_KINDS } from './catalog';
import type { Engine } from './engine';
import type { AppliedFault } from './faults';
import { resetResponse, type SimRequest, type SimResponse } from './http';
import { outputContent } from './output-bytes';
import type { PresignMethod } from './presign';
import { ifMatchHolds, parseRange } from './ranges';
import type { RequestRecord } from './request-log';
import { s3 } from './s3-errors';
import { IdleBodyError } from './storage';

// The S3 side: presigned PUT uploads streamed to disk, and GET/HEAD downloads of uploaded sources
// and generated outputs, with ranges and conditions.

/** S3's cap for a single PUT. */
export const MAX_PUT_BYTES = 5 * 1024 ** 3;

/**
 * 403 unless the URL carries a valid, unexpired signature for `method` and the request's signed
 * headers (a Content-Type or Content-MD5 the URL was not signed with fails, as on S3); an
 * expire-url fault expires it.
 */
function checkSignature(engine: Engine, req: SimRequest, method: PresignMethod, fault: AppliedFault | null) {
  const now = engine.now();
  const result = engine.presigner.verify(req.url, method, req.headers);
  if (!result.ok) {
    if (result.reason === 'missing') return s3.missingAuth();
    if (result.reason === 'signature') return s3.signatureMismatch(result);
    return s3.expired(result.expiresAt, now);
  }
  if (fault?.kind === 'expire-url') return s3.expired(Math.min(result.expiresAt, now - 1), now);
  return null;
}

function declaredLength(req: SimRequest): number | 'missing' | 'invalid' {
  const header = req.headers.get('content-length');
  if (header === null) return 'missing';
  return /^\d+$/.test(header.trim()) ? Number(header) : 'invalid';
}

export async function handleUpload(
  engine: Engine,
  req: SimRequest,
  fileId: string,
  fault: AppliedFault | null,
  record: RequestRecord,
): Promise<SimResponse> {
  if (/chunked/i.test(req.headers.get('transfer-encoding') ?? '')) return s3.chunked();
  const denied = checkSignature(engine, req, 'PUT', fault);
  if (denied) return denied;
  const file = engine.store.files.get(fileId);
  if (!file || file.output) return s3.accessDenied();
  const length = declaredLength(req);
  if (length === 'invalid') return s3.badLength();
  if (length === 'missing' && !req.lengthInferred) return s3.missingLength();
  const expected = length === 'missing' ? undefined : length;
  if (expected !== undefined && expected > MAX_PUT_BYTES) return s3.tooLarge(MAX_PUT_BYTES);
  const body = idleTimeout(req.body ?? emptyBody(), engine.options.uploadIdleTimeoutMs);
  const result = await engine.storage.write(fileId, body, expected);
  if (!result.ok) {
    if (result.reason === 'aborted') return resetResponse();
    return result.reason === 'idle' ? s3.requestTimeout() : s3.incompleteBody();
  }
  if (result.size > MAX_PUT_BYTES) return s3.tooLarge(MAX_PUT_BYTES);
  file.upload = { size: result.size, md5: result.md5, path: result.path, head: result.head, at: engine.now() };
  record.performed = true;
  return { status: 200, headers: { etag: `"${result.md5}"`, 'content-length': '0' } };
}

async function* emptyBody(): AsyncGenerator<Uint8Array> {}

/**
 * Passes `body` through, throwing IdleBodyError when no chunk arrives for `ms`. The source is left
 * unclosed on purpose: closing a node:http request would take the socket (and our answer) with it.
 */
async function* idleTimeout(body: AsyncIterable<Uint8Array>, ms: number): AsyncGenerator<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  for (;;) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const idle = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new IdleBodyError(`No body bytes for ${ms} ms.`)), ms);
    });
    try {
      const next = await Promise.race([iterator.next(), idle]);
      if (next.done) return;
      yield next.value;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Opens the file only when the body is actually read, so an unread response holds no descriptor. */
async function* readFile(path: string, start: number, end: number): AsyncGenerator<Uint8Array> {
  yield* createReadStream(path, { start, end });
}

interface Blob {
  size: number;
  etag: string;
  contentType: string;
  lastModified: number;
  read(start: number, end: number): AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

export type DownloadTarget = { kind: 'source'; fileId: string } | { kind: 'output'; ownerId: string; fileId: string };

function findBlob(engine: Engine, target: DownloadTarget): Blob | null {
  const file = engine.store.files.get(target.fileId);
  if (target.kind === 'source') {
    const upload = file?.upload;
    if (!upload) return null;
    return {
      size: upload.size,
      etag: `"${upload.md5}"`,
      contentType: 'application/octet-stream',
      lastModified: upload.at,
      read: (start, end) => readFile(upload.path, start, end),
    };
  }
  const output = file?.output;
  if (!file || !output || output.ownerId !== target.ownerId || !engine.outputReady(file, engine.now())) return null;
  const content = outputContent(output.ownerId, output.format, output.size);
  return {
    ...content,
    contentType: OUTPUT_KINDS[output.outputType].contentType,
    lastModified: engine.runOf(output.ownerId)?.endsAt ?? file.created,
  };
}

export function handleDownload(
  engine: Engine,
  req: SimRequest,
  target: DownloadTarget,
  fault: AppliedFault | null,
  record: RequestRecord,
): SimResponse {
  const denied = checkSignature(engine, req, 'GET', fault);
  if (denied) return denied;
  const blob = findBlob(engine, target);
  if (!blob) return s3.noSuchKey();
  if (!ifMatchHolds(req.headers.get('if-match'), blob.etag)) return s3.preconditionFailed();
  const range = parseRange(req.headers.get('range'), blob.size);
  if (range === 'unsatisfiable') return s3.invalidRange(blob.size);
  const { start, end } = range ?? { start: 0, end: blob.size - 1 };
  const headers: Record<string, string> = {
    'content-type': blob.contentType,
    'content-length': String(end - start + 1),
    etag: blob.etag,
    'last-modified': new Date(blob.lastModified).toUTCString(),
    'accept-ranges': 'bytes',
  };
  if (range) headers['content-range'] = `bytes ${start}-${end}/${blob.size}`;
  record.performed = true;
  const body = req.method === 'HEAD' || end < start ? undefined : blob.read(start, end);
  return { status: range ? 206 : 200, headers, ...(body ? { body } : {}) };
}
