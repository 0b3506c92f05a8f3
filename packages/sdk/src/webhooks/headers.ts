// The three signature headers, under Svix's `svix-*` names or the Standard Webhooks `webhook-*` ones.
import { MoveWebhookError } from '../core/errors';

/** Request headers as fetch-style runtimes (`Headers`) or Node/Express (`req.headers`) give them. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface SignatureHeaders {
  id: string;
  timestamp: { text: string; seconds: number };
  signature: string;
}

const HEADER_NAMES = {
  id: ['svix-id', 'webhook-id'],
  timestamp: ['svix-timestamp', 'webhook-timestamp'],
  signature: ['svix-signature', 'webhook-signature'],
} as const;

/** Reads the id, timestamp and signature headers; throws `missing-headers` naming what is absent. */
export function readSignatureHeaders(headers: WebhookHeaders): SignatureHeaders {
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

/** The headers of one signed delivery: both name sets, so either kind of receiver accepts it. */
export function signatureHeaders(id: string, timestamp: string, signature: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'svix-id': id,
    'svix-timestamp': timestamp,
    'svix-signature': signature,
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': signature,
  };
}

type HeaderGetter = (name: string) => string | undefined;

/** Case-insensitive lookup over a `Headers` object or a plain record (Node gives arrays for repeats). */
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
