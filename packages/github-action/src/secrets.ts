// Everything secret the run sees is masked in the runner's log (core.setSecret) before it could
// reach a line: the API key, and every presigned URL. Presigned URLs are not in core's events;
// they arrive in API responses (upload URLs from createFile, download URLs on a job's outputs), so
// the API client's fetch is wrapped to find them there.
import type { Fetch } from '@move-ugc/sdk';
import { redact, stripControlChars } from '@move-ugc/sdk';

/** Fields of Move's responses that hold credentials: presigned URLs, the portal login link, webhook secrets. */
const SECRET_FIELDS = new Set(['presignedUrl', 'portal', 'secret']);

/** A URL with a query string: S3 puts its signature there. */
const URL_WITH_QUERY = /^https?:\/\/[^\s?#]+\?\S+$/i;

export class SecretMask {
  readonly #register: (secret: string) => void;
  readonly #secrets = new Set<string>();

  constructor(register: (secret: string) => void) {
    this.#register = register;
  }

  get secrets(): string[] {
    return [...this.#secrets];
  }

  add(secret: string | null | undefined): void {
    if (!secret || secret.length < 4 || this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    this.#register(secret);
  }

  /** Masks every secret-looking string in a parsed response or a result. */
  scan(value: unknown, field = '', seen = new WeakSet<object>()): void {
    if (typeof value === 'string') {
      if (SECRET_FIELDS.has(field) || URL_WITH_QUERY.test(value)) this.add(value);
    } else if (value && typeof value === 'object' && !seen.has(value)) {
      seen.add(value);
      for (const [key, item] of Object.entries(value)) this.scan(item, Array.isArray(value) ? field : key, seen);
    }
  }

  /** A fetch that scans each JSON response before the client sees it. */
  wrap(fetch: Fetch): Fetch {
    return async (input, init) => {
      const response = await fetch(input, init);
      try {
        this.scan(JSON.parse(await response.clone().text()));
      } catch {
        // Not JSON (an HTML error page): the client reports it without the body.
      }
      return response;
    };
  }

  /**
   * Defence in depth for our own lines: known secrets and any URL's query string removed, and the
   * escape sequences text from Move may carry (a line break stays: messages have several lines).
   */
  scrub(text: string): string {
    return stripControlChars(redact(text, this.secrets), { keepLineBreaks: true });
  }
}
