// Replay protection: the signed timestamp must be within a tolerance of this machine's clock.
import { MoveValidationError, MoveWebhookError } from '../core/errors';

export const DEFAULT_TOLERANCE_SECONDS = 300;
/** Unix seconds until the year 5138; anything larger is milliseconds. */
export const MAX_UNIX_SECONDS = 99_999_999_999;

/** The tolerance option, checked: seconds, 0 or more (`Infinity` disables the check). */
export function toleranceSeconds(value: number | undefined): number {
  const tolerance = value ?? DEFAULT_TOLERANCE_SECONDS;
  if (typeof tolerance !== 'number' || Number.isNaN(tolerance) || tolerance < 0) {
    throw new MoveValidationError('toleranceSeconds must be a number of seconds, 0 or more.', 'toleranceSeconds');
  }
  return tolerance;
}

/**
 * Throws `stale` or `future` when `seconds` is further than `tolerance` from now. Called only once
 * the signature matched, so the message can point at the clock or a replay rather than a forgery.
 */
export function checkTimestamp(seconds: number, tolerance: number, nowMs: number): void {
  const nowSeconds = Math.floor(nowMs / 1000);
  const age = nowSeconds - seconds;
  if (age > tolerance) {
    // An old timestamp: the delivery is old, or this clock runs ahead of the sender's.
    throw new MoveWebhookError(
      `Webhook timestamp is ${age} s old, beyond the ${tolerance} s tolerance. The signature is valid, so this is ` +
        "a replayed or long-delayed delivery, or this machine's clock is ahead of real time. Reject it: Svix " +
        're-signs every retry with a fresh timestamp. If every delivery fails this way, sync this clock (NTP).',
      'stale',
    );
  }
  if (-age > tolerance && seconds > MAX_UNIX_SECONDS) {
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
}
