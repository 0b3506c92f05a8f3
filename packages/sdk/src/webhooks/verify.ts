// Verifies a delivery from Move (sent through Svix) and returns the typed event. Each check runs in
// the order that makes its error message most useful: the body's form, the headers, the secrets,
// the signature, then the clock (only for an authentic message), then the payload's shape.
import { MoveWebhookError } from '../core/errors';
import { type MoveWebhookEvent, parsePayload, toEvent } from './event';
import { readSignatureHeaders, type WebhookHeaders } from './headers';
import { rawBodyToBytes, type WebhookRawBody } from './raw-body';
import { importSecrets } from './secret';
import { badSignatureMessage, matchesAny, parseSignatureHeader, signedContent } from './signature';
import { checkTimestamp, toleranceSeconds } from './timestamp';

export interface VerifyWebhookOptions {
  /** How far `svix-timestamp` may be from now, either way. Default 300 (5 minutes); `Infinity` disables. */
  toleranceSeconds?: number;
  /** Current time in milliseconds; for tests. Default `Date.now`. */
  now?: () => number;
}

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
  // Before anything else: a parsed body can never verify, and says so plainly.
  const body = rawBodyToBytes(rawBody);
  const tolerance = toleranceSeconds(options.toleranceSeconds);
  const { id, timestamp, signature } = readSignatureHeaders(headers);
  const keys = await importSecrets(secret);

  const signatures = parseSignatureHeader(signature);
  if (!(await matchesAny(keys, signatures.v1, signedContent(id, timestamp.text, body)))) {
    throw new MoveWebhookError(badSignatureMessage(signatures, keys.length, body.length), 'bad-signature');
  }

  checkTimestamp(timestamp.seconds, tolerance, (options.now ?? Date.now)());
  return toEvent(parsePayload(body), id);
}
