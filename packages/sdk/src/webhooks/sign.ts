// Signs a payload as Move (Svix) does, for tests, the simulator and local replays.
import { MoveValidationError } from '../core/errors';
import { utf8 } from './bytes';
import { signatureHeaders } from './headers';
import { importSecrets } from './secret';
import { sign, signedContent } from './signature';
import { MAX_UNIX_SECONDS } from './timestamp';

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
  // JSON.stringify gives undefined for a function or a symbol, despite its declared type.
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
  const ts = String(timestamp);
  const signature = await sign(key!, signedContent(id, ts, utf8(body)));
  return { body, headers: signatureHeaders(id, ts, signature) };
}
