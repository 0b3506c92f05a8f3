// Verifies Move's webhook deliveries (sent through Svix) and turns them into typed events.
// Platform-neutral: Web Crypto and TextEncoder only, so it runs in Node, browsers, Deno, edge
// runtimes and n8n alike. Error messages never carry the secret or a signature.

import { MoveValidationError, MoveWebhookError } from './core/errors';

// ---------------------------------------------------------------------------------------------
// Types

/** Event names Move sends; the older `job.state.*` ones still arrive on long-lived endpoints. */
export type MoveWebhookEventName =
  | 'ugc.job.state.completed'
  | 'ugc.job.state.failed'
  | 'job.state.completed'
  | 'job.state.started'
  | (string & {});

/** The JSON body exactly as Move sends it. */
export interface MoveWebhookPayload {
  event_name: MoveWebhookEventName;
  timestamp?: string | number | null;
  detail: {
    client_id?: string | null;
    event_name?: MoveWebhookEventName;
    event_attributes: {
      job: {
        id: string;
        created?: string | null;
        /** AWSJSON: normally a JSON string, sometimes an object. */
        metadata?: string | Record<string, unknown> | null;
      };
      take?: { id?: string | null } | null;
    };
  };
}

/** A verified delivery. */
export interface MoveWebhookEvent {
  /** The Svix message id (`svix-id`): the same for every retry of one delivery, so use it to dedupe. */
  id: string;
  eventName: MoveWebhookEventName;
  /** The payload's own `timestamp`, as sent (numbers are given as their decimal string); null when absent. */
  timestamp: string | null;
  clientId: string | null;
  jobId: string;
  /** When the job was created (AWSDateTime), null when absent. */
  jobCreated: string | null;
  /** The job's metadata as an object: parsed when sent as a JSON string, null when absent or not an object. */
  jobMetadata: Record<string, unknown> | null;
  takeId: string | null;
  /** The parsed payload as sent. */
  raw: MoveWebhookPayload;
}

/** Request headers as fetch-style runtimes (`Headers`) or Node/Express (`req.headers`) give them. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/** The raw request body: the exact bytes or text Move sent, never a parsed object. */
export type WebhookRawBody = string | Uint8Array | ArrayBuffer;

export interface VerifyWebhookOptions {
  /** How far `svix-timestamp` may be from now, either way. Default 300 (5 minutes); `Infinity` disables. */
  toleranceSeconds?: number;
  /** Current time in milliseconds; for tests. Default `Date.now`. */
  now?: () => number;
}

export interface SignWebhookOptions {
  /** Message id. Default `msg_<random>`. */
  id?: string;
  /** Unix time in seconds. Default now. */
  timestamp?: number;
}

export interface SignedWebhook {
  /** The exact body that was signed; send it byte for byte. */
  body: string;
  /** `svix-*` headers, their `webhook-*` twins and `content-type: application/json`. */
  headers: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Public API

const DEFAULT_TOLERANCE_SECONDS = 300;
/** Unix seconds until the year 5138; anything larger is milliseconds. */
const MAX_UNIX_SECONDS = 99_999_999_999;
const SECRET_PREFIX = 'whsec_';
const HEADER_NAMES = {
  id: ['svix-id', 'webhook-id'],
  timestamp: ['svix-timestamp', 'webhook-timestamp'],
  signature: ['svix-signature', 'webhook-signature'],
} as const;

/**
 * Verifies a webhook delivery from Move and returns the typed event.
 *
 * Pass the raw request body (`express.raw({ type: 'application/json' })`, `await request.text()`),
 * the request headers and the endpoint's signing secret (`whsec_…`; several during a rotation).
 * Throws `MoveWebhookError` whose `reason` names what failed.
 */
export async function verifyWebhook(
  rawBody: WebhookRawBody,
  headers: WebhookHeaders,
  secret: string | readonly string[],
  options: VerifyWebhookOptions = {},
): Promise<MoveWebhookEvent> {
  // 1. Before anything else: a parsed body can never verify, and says so plainly.
  const bodyBytes = rawBodyToBytes(rawBody);

  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (typeof tolerance !== 'number' || Number.isNaN(tolerance) || tolerance < 0) {
    throw new MoveValidationError('toleranceSeconds must be a number of seconds, 0 or more.', 'toleranceSeconds');
  }

  // 2. Headers.
  const { id, timestamp, signature } = readSignatureHeaders(headers);

  // 3. Secrets.
  const keys = await importSecrets(secret);

  // 4. Signature: any v1 entry under any secret.
  const candidates = parseSignatureHeader(signature);
  const signed = concatBytes(utf8(`${id}.${timestamp.text}.`), bodyBytes);
  let matched = false;
  outer: for (const key of keys) {
    for (const candidate of candidates.v1) {
      // Web Crypto's HMAC verify compares in constant time.
      if (await globalThis.crypto.subtle.verify('HMAC', key, candidate, signed)) {
        matched = true;
        break outer;
      }
    }
  }
  if (!matched) {
    throw new MoveWebhookError(badSignatureMessage(candidates, keys.length, bodyBytes.length), 'bad-signature');
  }

  // 5. Timestamp, checked on an authentic message so the reason points at the clock or a replay.
  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
  const age = nowSeconds - timestamp.seconds;
  if (age > tolerance) {
    // An old timestamp: the delivery is old, or this clock runs ahead of the sender's.
    throw new MoveWebhookError(
      `Webhook timestamp is ${age} s old, beyond the ${tolerance} s tolerance. The signature is valid, so this is ` +
        "a replayed or long-delayed delivery, or this machine's clock is ahead of real time. Reject it: Svix " +
        're-signs every retry with a fresh timestamp. If every delivery fails this way, sync this clock (NTP).',
      'stale',
    );
  }
  if (-age > tolerance && timestamp.seconds > MAX_UNIX_SECONDS) {
    // Not a clock problem: Svix sends seconds, so something else made this header.
    throw new MoveWebhookError(
      'Webhook svix-timestamp looks like milliseconds; Move (Svix) sends unix seconds. If you signed this ' +
        'delivery yourself, sign with Math.floor(Date.now() / 1000).',
      'future',
    );
  }
  if (-age > tolerance) {
    throw new MoveWebhookError(
      `Webhook timestamp is ${-age} s in the future, beyond the ${tolerance} s tolerance. The signature is valid, ` +
        "so this machine's clock is most likely behind real time: sync it (NTP).",
      'future',
    );
  }

  // 6. Payload.
  return toEvent(parsePayload(bodyBytes), id);
}

/**
 * Signs a payload the way Move (Svix) does, for tests and local replays: POST `body` with `headers`
 * to your handler and `verifyWebhook` accepts it.
 */
export async function signWebhook(
  payload: string | object,
  secret: string,
  options: SignWebhookOptions = {},
): Promise<SignedWebhook> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  if (typeof body !== 'string') {
    throw new MoveValidationError('payload must be a string or a JSON-serialisable object.', 'payload');
  }
  const id = options.id ?? `msg_${globalThis.crypto.randomUUID().replace(/-/g, '')}`;
  if (typeof id !== 'string' || id === '' || /\s/.test(id)) {
    throw new MoveValidationError('id must be a non-empty string without spaces.', 'id');
  }
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new MoveValidationError('timestamp must be whole unix seconds.', 'timestamp');
  }
  if (timestamp > MAX_UNIX_SECONDS) {
    throw new MoveValidationError(
      'timestamp looks like milliseconds; give unix seconds (Math.floor(Date.now() / 1000)).',
      'timestamp',
    );
  }
  const [key] = await importSecrets(secret, ['sign']);
  const mac = await globalThis.crypto.subtle.sign('HMAC', key!, utf8(`${id}.${timestamp}.${body}`));
  const signature = `v1,${bytesToBase64(new Uint8Array(mac))}`;
  const ts = String(timestamp);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'svix-id': id,
      'svix-timestamp': ts,
      'svix-signature': signature,
      'webhook-id': id,
      'webhook-timestamp': ts,
      'webhook-signature': signature,
    },
  };
}

/**
 * A new signing secret, `whsec_` + base64 of 24 random bytes: the format Svix expects, for
 * registering an endpoint with your own secret (`upsertWebhookEndpoint({ secret })`).
 */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + bytesToBase64(globalThis.crypto.getRandomValues(new Uint8Array(24)));
}

// ---------------------------------------------------------------------------------------------
// Body

function rawBodyToBytes(rawBody: unknown): Uint8Array<ArrayBuffer> {
  if (typeof rawBody === 'string') return utf8(rawBody);
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

// ---------------------------------------------------------------------------------------------
// Headers

function readSignatureHeaders(headers: WebhookHeaders): {
  id: string;
  timestamp: { text: string; seconds: number };
  signature: string;
} {
  const get = headerGetter(headers);
  const id = firstHeader(get, HEADER_NAMES.id);
  const timestamp = firstHeader(get, HEADER_NAMES.timestamp);
  const signature = firstHeader(get, HEADER_NAMES.signature);

  const missing: string[] = [];
  if (id === undefined) missing.push(HEADER_NAMES.id[0]);
  if (timestamp === undefined) missing.push(HEADER_NAMES.timestamp[0]);
  if (signature === undefined) missing.push(HEADER_NAMES.signature[0]);
  if (missing.length > 0) {
    const list = missing.map((name) => `${name} (or ${name.replace('svix-', 'webhook-')})`).join(', ');
    throw new MoveWebhookError(
      `Webhook request is missing the ${list} header${missing.length > 1 ? 's' : ''}. Move sends them on every ` +
        'delivery: pass the request headers unchanged, and check that no proxy strips them.',
      'missing-headers',
    );
  }

  const text = timestamp!.trim();
  if (!/^\d{1,15}$/.test(text)) {
    throw new MoveWebhookError(
      'Webhook svix-timestamp header is not unix seconds, so the request did not come from Move unaltered.',
      'missing-headers',
    );
  }
  return { id: id!, timestamp: { text, seconds: Number(text) }, signature: signature! };
}

type HeaderGetter = (name: string) => string | undefined;

function headerGetter(headers: WebhookHeaders | null | undefined): HeaderGetter {
  if (headers === null || headers === undefined || typeof headers !== 'object') return () => undefined;
  if (typeof (headers as Headers).get === 'function') {
    const h = headers as Headers;
    return (name) => h.get(name) ?? undefined;
  }
  const lowered = new Map<string, string | string[] | undefined>();
  for (const [key, value] of Object.entries(headers)) {
    const name = key.toLowerCase();
    // On duplicate keys differing only in case, the first non-empty one wins.
    if (lowered.get(name) === undefined) lowered.set(name, value);
  }
  return (name) => {
    const value = lowered.get(name);
    return Array.isArray(value) ? value[0] : value;
  };
}

function firstHeader(get: HeaderGetter, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = get(name);
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

interface ParsedSignatures {
  v1: Uint8Array<ArrayBuffer>[];
  /** Versions seen other than v1, for the error message. */
  otherVersions: string[];
  /** v1 entries that were not base64. */
  malformed: number;
}

function parseSignatureHeader(header: string): ParsedSignatures {
  const out: ParsedSignatures = { v1: [], otherVersions: [], malformed: 0 };
  for (const entry of header.trim().split(/\s+/)) {
    const comma = entry.indexOf(',');
    if (comma <= 0) {
      out.malformed += 1;
      continue;
    }
    const version = entry.slice(0, comma);
    if (version !== 'v1') {
      if (!out.otherVersions.includes(version)) out.otherVersions.push(version);
      continue;
    }
    // Node joins repeated headers with ", ", which leaves a trailing comma on all but the last entry.
    const bytes = base64ToBytes(entry.slice(comma + 1).replace(/,+$/, ''));
    if (bytes === undefined) out.malformed += 1;
    else out.v1.push(bytes);
  }
  return out;
}

function badSignatureMessage(sigs: ParsedSignatures, secretCount: number, bodyLength: number): string {
  if (sigs.v1.length === 0) {
    const seen = sigs.otherVersions.length > 0 ? ` (versions seen: ${sigs.otherVersions.join(', ')})` : '';
    return (
      `Webhook svix-signature header holds no usable v1 signature${seen}. Move signs with v1 (HMAC-SHA256); ` +
      'pass the header unchanged, and check that no proxy rewrites it.'
    );
  }
  const secrets = secretCount === 1 ? '1 secret' : `${secretCount} secrets`;
  return (
    `Webhook signature does not match (checked ${sigs.v1.length} v1 signature${sigs.v1.length === 1 ? '' : 's'} ` +
    `against ${secrets} over a ${bodyLength}-byte body). Likely causes, most common first: ` +
    '(1) the body was parsed and re-serialised before verification: pass the raw request body bytes or text ' +
    "(express.raw({ type: 'application/json' }), await request.text()), not JSON.stringify(req.body); " +
    '(2) the wrong secret: one from another endpoint or environment, or an old one after rotation ' +
    '(the whsec_ prefix is optional here, so having or lacking it is not the cause); ' +
    '(3) a proxy or middleware altered the body (re-encoding, decompression, added whitespace).'
  );
}

// ---------------------------------------------------------------------------------------------
// Secrets

const SECRET_HELP =
  "Use the endpoint's signing secret (whsec_…): upsertWebhookEndpoint returns it once, when the endpoint is " +
  'first created (later calls return null), and it is also shown for the endpoint in the webhook portal ' +
  '(the client.portal link).';

async function importSecrets(secret: unknown, usages: KeyUsage[] = ['verify']): Promise<CryptoKey[]> {
  const list: unknown[] = Array.isArray(secret) ? secret : [secret];
  if (list.length === 0) {
    throw new MoveWebhookError(`No webhook secret was given (empty list). ${SECRET_HELP}`, 'bad-secret');
  }
  const keys: CryptoKey[] = [];
  for (const [index, entry] of list.entries()) {
    const which = list.length > 1 ? `Webhook secret #${index + 1}` : 'The webhook secret';
    if (typeof entry !== 'string' || entry.trim() === '') {
      const got = typeof entry === 'string' ? 'empty' : `${entry === null ? 'null' : typeof entry}, not a string`;
      throw new MoveWebhookError(
        `${which} is ${got}. If it comes from an environment variable, check that it is set. ${SECRET_HELP}`,
        'bad-secret',
      );
    }
    let text = entry.trim();
    if (text.startsWith(SECRET_PREFIX)) text = text.slice(SECRET_PREFIX.length);
    const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? base64ToBytes(text) : undefined;
    if (bytes === undefined || bytes.length === 0) {
      throw new MoveWebhookError(`${which} is not valid base64 after its whsec_ prefix. ${SECRET_HELP}`, 'bad-secret');
    }
    keys.push(await globalThis.crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, usages));
  }
  return keys;
}

// ---------------------------------------------------------------------------------------------
// Payload

function parsePayload(bytes: Uint8Array<ArrayBuffer>): MoveWebhookPayload {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new MoveWebhookError(
      'Webhook signature is valid but the body is not JSON (or not UTF-8). Pass the body unchanged.',
      'bad-payload',
    );
  }
  const problem = shapeProblem(value);
  if (problem !== undefined) {
    throw new MoveWebhookError(
      `Webhook signature is valid but the payload is not a Move job event: ${problem}. Expected ` +
        '{ event_name, timestamp, detail: { client_id, event_name, event_attributes: { job: { id, created, ' +
        'metadata }, take: { id } } } }.',
      'bad-payload',
    );
  }
  return value as MoveWebhookPayload;
}

function shapeProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'the body is not a JSON object';
  const detail = value.detail;
  if (!isRecord(detail)) return 'detail is missing';
  if (typeof value.event_name !== 'string' && typeof detail.event_name !== 'string') return 'event_name is missing';
  const attributes = detail.event_attributes;
  if (!isRecord(attributes)) return 'detail.event_attributes is missing';
  const job = attributes.job;
  if (!isRecord(job)) return 'detail.event_attributes.job is missing';
  if (typeof job.id !== 'string' || job.id === '') return 'detail.event_attributes.job.id is missing';
  if (attributes.take !== undefined && attributes.take !== null && !isRecord(attributes.take)) {
    return 'detail.event_attributes.take is not an object';
  }
  return undefined;
}

function toEvent(raw: MoveWebhookPayload, id: string): MoveWebhookEvent {
  const detail = raw.detail;
  const job = detail.event_attributes.job;
  const take = detail.event_attributes.take;
  const eventName = typeof raw.event_name === 'string' ? raw.event_name : (detail.event_name as string);
  return {
    id,
    eventName,
    timestamp: typeof raw.timestamp === 'string' || typeof raw.timestamp === 'number' ? String(raw.timestamp) : null,
    clientId: stringOrNull(detail.client_id),
    jobId: job.id,
    jobCreated: stringOrNull(job.created),
    jobMetadata: parseMetadata(job.metadata),
    takeId: stringOrNull(take?.id),
    raw,
  };
}

/** AWSJSON arrives as a JSON string; metadata sent double-encoded arrives as a string of one, so unwrap twice. */
function parseMetadata(value: unknown): Record<string, unknown> | null {
  let current = value;
  for (let depth = 0; depth < 2 && typeof current === 'string'; depth++) {
    try {
      current = JSON.parse(current);
    } catch {
      return null;
    }
  }
  return isRecord(current) ? current : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

// ---------------------------------------------------------------------------------------------
// Bytes

function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Standard base64 to bytes; undefined when the text is not base64. */
function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
