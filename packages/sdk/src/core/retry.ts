// When to try again and how long to wait: exponential backoff with jitter, unless the server
// says how long (Retry-After / retry-after-ms) within a sane bound.

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
const MAX_SERVER_DELAY_MS = 60_000;

/**
 * Whether an HTTP status is worth retrying: 408 (Request Timeout), 429 (Too Many Requests) and every
 * status from 500 up. Everything else is final, including 401/403 and the other 4xx: sending the same
 * request again would get the same answer. The one rule for every HTTP call the toolkit makes; whether
 * a retry is also safe (a paid mutation that may have run) is the caller's separate decision.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Server-suggested delay in ms, or undefined when absent, unparseable or out of range. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0 && value <= MAX_SERVER_DELAY_MS) return value;
  }
  const header = headers.get('retry-after');
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  const value = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(value) && value >= 0 && value <= MAX_SERVER_DELAY_MS ? value : undefined;
}

/** `min(0.5 s * 2^retry, 8 s)`, less up to a quarter of it at random so clients spread out. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BASE_DELAY_MS * 2 ** retry, MAX_DELAY_MS);
  return ceiling * (1 - 0.25 * random());
}
