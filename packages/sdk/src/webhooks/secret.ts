// Signing secrets: `whsec_` + base64 of the HMAC key, the prefix optional on input.
import { MoveWebhookError } from '../core/errors';
import { base64ToBytes, bytesToBase64 } from './bytes';

const SECRET_PREFIX = 'whsec_';

const SECRET_HELP =
  "Use the endpoint's signing secret (whsec_…): upsertWebhookEndpoint returns it once, when the endpoint is " +
  'first created (later calls return null), and it is also shown for the endpoint in the webhook portal ' +
  '(the client.portal link).';

/**
 * A new signing secret, `whsec_` + base64 of 24 random bytes: the format Svix expects, for
 * registering an endpoint with your own secret (`upsertWebhookEndpoint({ secret })`).
 */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + bytesToBase64(globalThis.crypto.getRandomValues(new Uint8Array(24)));
}

/** One HMAC-SHA256 key per secret (several during a rotation); throws `bad-secret` naming which one. */
export async function importSecrets(secret: unknown, usages: KeyUsage[] = ['verify']): Promise<CryptoKey[]> {
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
