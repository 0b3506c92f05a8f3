// The request body as the exact bytes that were signed; a parsed body is refused with a fix.
import { MoveWebhookError } from '../core/errors';
import { utf8 } from './bytes';

/** The raw request body: the exact bytes or text Move sent, never a parsed object. */
export type WebhookRawBody = string | Uint8Array | ArrayBuffer;

export function rawBodyToBytes(rawBody: unknown): Uint8Array<ArrayBuffer> {
  if (typeof rawBody === 'string') return utf8(rawBody);
  // The tag check also catches an ArrayBuffer from another realm (a vm context, a worker).
  if (rawBody instanceof ArrayBuffer || Object.prototype.toString.call(rawBody) === '[object ArrayBuffer]') {
    return new Uint8Array((rawBody as ArrayBuffer).slice(0));
  }
  if (ArrayBuffer.isView(rawBody)) {
    // Copies, so a Buffer from a pool or a subarray view contributes exactly its own bytes.
    const copy = new Uint8Array(rawBody.byteLength);
    copy.set(new Uint8Array(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength));
    return copy;
  }
  const got = rawBody === null ? 'null' : rawBody === undefined ? 'undefined' : `a ${describeType(rawBody)}`;
  const hint =
    rawBody === undefined || rawBody === null
      ? 'No body reached the handler: make sure a raw-body parser runs on this route and nothing consumed the stream.'
      : 'It was most likely parsed as JSON by a body parser; re-serialising it does not reproduce the signed bytes.';
  throw new MoveWebhookError(
    `verifyWebhook needs the raw request body (string, Uint8Array/Buffer or ArrayBuffer) but got ${got}. ${hint} ` +
      "Pass the raw body: with Express use express.raw({ type: 'application/json' }) on the webhook route and " +
      'pass req.body; in fetch-style handlers (Next.js, Hono, Workers, Deno) pass await request.text().',
    'parsed-body',
  );
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'parsed object';
  return typeof value;
}
