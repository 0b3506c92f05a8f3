import { createHmac, timingSafeEqual } from 'node:crypto';

// Presigned URLs in the shape Move hands out: S3 query-string authentication (signature version 2),
// `?AWSAccessKeyId=…&Expires=<epoch s>&Signature=<base64>`. As in S3, the string to sign holds the
// method, the Content-MD5 and Content-Type headers, the expiry, any x-amz-* headers and the path:
// the URLs are signed with neither header, so a request that sends either no longer matches (S3's
// 403 SignatureDoesNotMatch). X-Mock-Expires-At (epoch ms, signed too) decides expiry, so that
// tests can expire URLs within milliseconds.

export type PresignMethod = 'PUT' | 'GET';

/** The request headers that take part in the signature. */
export interface SignedHeaders {
  get(name: string): string | null;
  forEach(callback: (value: string, name: string) => void): void;
}

export type VerifyResult =
  | { ok: true; expiresAt: number }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'signature'; stringToSign: string; accessKeyId: string; signatureProvided: string }
  | { ok: false; reason: 'expired'; expiresAt: number };

const SIGNATURE = 'Signature';
const ACCESS_KEY_ID = 'AWSAccessKeyId';
const EXPIRES = 'Expires';
const EXPIRES_AT = 'X-Mock-Expires-At';
export const ACCESS_KEY = 'AKIAMOCKMOVEUGC00001';

const NO_HEADERS: SignedHeaders = { get: () => null, forEach: () => {} };

export class Presigner {
  constructor(
    private secret: Buffer,
    private readonly now: () => number,
  ) {}

  rotate(secret: Buffer): void {
    this.secret = secret;
  }

  /** `baseUrl` + `path` with a signed query, valid for `method` (GET also allows HEAD) for `ttlMs`. */
  sign(baseUrl: string, path: string, method: PresignMethod, ttlMs: number): string {
    const expiresAt = Math.floor(this.now() + ttlMs);
    const url = new URL(`${baseUrl}${path}`);
    const query = url.searchParams;
    query.set(ACCESS_KEY_ID, ACCESS_KEY);
    query.set(EXPIRES, String(Math.ceil(expiresAt / 1000)));
    query.set(EXPIRES_AT, String(expiresAt));
    query.set(SIGNATURE, this.signature(stringToSign(method, NO_HEADERS, url.pathname, query)));
    return url.toString();
  }

  /** Checks `url` for a request by `method` that carries `headers` (S3 signs some of them). */
  verify(url: URL, method: PresignMethod, headers: SignedHeaders = NO_HEADERS): VerifyResult {
    const query = url.searchParams;
    const given = query.get(SIGNATURE);
    const expiresAt = Number(query.get(EXPIRES_AT));
    if (!given || !query.get(ACCESS_KEY_ID) || !query.get(EXPIRES) || !Number.isFinite(expiresAt)) {
      return { ok: false, reason: 'missing' };
    }
    const signed = stringToSign(method, headers, url.pathname, query);
    const expected = Buffer.from(this.signature(signed), 'base64');
    const actual = Buffer.from(given, 'base64');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      return {
        ok: false,
        reason: 'signature',
        stringToSign: signed,
        accessKeyId: query.get(ACCESS_KEY_ID) ?? '',
        signatureProvided: given,
      };
    }
    if (this.now() > expiresAt) return { ok: false, reason: 'expired', expiresAt };
    return { ok: true, expiresAt };
  }

  private signature(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('base64');
  }
}

/** S3's string to sign for query-string authentication, plus the simulator's own expiry. */
function stringToSign(method: PresignMethod, headers: SignedHeaders, path: string, query: URLSearchParams): string {
  const amzHeaders: string[] = [];
  headers.forEach((value, name) => {
    if (name.toLowerCase().startsWith('x-amz-')) amzHeaders.push(`${name.toLowerCase()}:${value.trim()}\n`);
  });
  return [
    method,
    headers.get('content-md5') ?? '',
    headers.get('content-type') ?? '',
    query.get(EXPIRES) ?? '',
    `${amzHeaders.sort().join('')}${path}?${EXPIRES_AT}=${query.get(EXPIRES_AT) ?? ''}`,
  ].join('\n');
}
