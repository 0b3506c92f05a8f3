import { createHmac, timingSafeEqual } from 'node:crypto';

// S3 look-alike presigned URLs. The signature is an HMAC over the method, the path and every signed
// query parameter, keyed with a per-simulator secret. X-Amz-Expires (whole seconds) is informative;
// X-Mock-Expires-At (epoch ms, signed too) decides, so tests can expire URLs within milliseconds.

export type PresignMethod = 'PUT' | 'GET';

export type VerifyResult =
  | { ok: true; expiresAt: number }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'signature' }
  | { ok: false; reason: 'expired'; expiresAt: number };

const SIGNATURE = 'X-Amz-Signature';
const EXPIRES_AT = 'X-Mock-Expires-At';
const ACCESS_KEY = 'AKIAMOCKMOVEUGC00001';

function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

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
    const issued = this.now();
    const date = amzDate(issued);
    const url = new URL(`${baseUrl}${path}`);
    const query = url.searchParams;
    query.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
    query.set('X-Amz-Credential', `${ACCESS_KEY}/${date.slice(0, 8)}/us-east-1/s3/aws4_request`);
    query.set('X-Amz-Date', date);
    query.set('X-Amz-Expires', String(Math.max(1, Math.ceil(ttlMs / 1000))));
    query.set('X-Amz-SignedHeaders', 'host');
    query.set(EXPIRES_AT, String(Math.floor(issued + ttlMs)));
    query.set(SIGNATURE, this.signature(method, url.pathname, query));
    return url.toString();
  }

  verify(url: URL, method: PresignMethod): VerifyResult {
    const given = url.searchParams.get(SIGNATURE);
    const expiresAt = Number(url.searchParams.get(EXPIRES_AT));
    if (!given || !Number.isFinite(expiresAt)) return { ok: false, reason: 'missing' };
    const expected = Buffer.from(this.signature(method, url.pathname, url.searchParams), 'hex');
    const actual = Buffer.from(given, 'hex');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      return { ok: false, reason: 'signature' };
    }
    if (this.now() > expiresAt) return { ok: false, reason: 'expired', expiresAt };
    return { ok: true, expiresAt };
  }

  private signature(method: PresignMethod, path: string, query: URLSearchParams): string {
    const signed = [...query.entries()]
      .filter(([name]) => name !== SIGNATURE)
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
      .sort()
      .join('&');
    return createHmac('sha256', this.secret).update(`${method}\n${path}\n${signed}`).digest('hex');
  }
}
