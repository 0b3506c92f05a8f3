import { sha256Hex } from './core/digest';
import { MoveValidationError } from './core/errors';
import type { Logger } from './core/logger';
import { defaultSleep, type Fetch, type Sleep } from './core/runtime';
import { Transport } from './core/transport';
import { checkApiKey, checkEndpoint } from './core/validate';
import { CameraSettingsResource, RigsResource } from './resources/catalog';
import { ClientResource } from './resources/client';
import { FilesResource } from './resources/files';
import { JobsResource } from './resources/jobs';
import { TakesResource } from './resources/takes';
import { VolumesResource } from './resources/volumes';
import { WebhooksResource } from './resources/webhooks';

export const DEFAULT_ENDPOINT = 'https://api.move.ai/ugc/graphql';

export interface MoveUgcOptions {
  /** Your Move API key, as issued (no `Bearer ` prefix). */
  apiKey: string;
  /** GraphQL endpoint; defaults to Move's production API. */
  endpoint?: string;
  /** A fetch implementation (n8n's helpers, a proxying fetch, a test double); defaults to the global one. */
  fetch?: Fetch;
  /** How to wait between retries; defaults to the platform's timer. */
  sleep?: Sleep;
  /** Retries after the first attempt of a call (default 2). */
  maxRetries?: number;
  /** Time limit of one attempt in ms (default 60 000). */
  timeoutMs?: number;
  /** Receives redacted debug entries: operation, attempt, timing, outcome. */
  logger?: Logger;
}

/**
 * The Move UGC API, one resource per noun.
 *
 * ```ts
 * const ugc = new MoveUgc({ apiKey: process.env.MOVE_API_KEY! });
 * const job = await ugc.jobs.retrieve('job-…', { expand: ['outputs'] });
 * ```
 */
export class MoveUgc {
  readonly client: ClientResource;
  readonly files: FilesResource;
  readonly takes: TakesResource;
  readonly jobs: JobsResource;
  readonly volumes: VolumesResource;
  readonly rigs: RigsResource;
  readonly cameraSettings: CameraSettingsResource;
  readonly webhooks: WebhooksResource;
  readonly endpoint: string;
  readonly #apiKey: string;
  #fingerprint: Promise<string> | undefined;

  constructor(options: MoveUgcOptions) {
    if (!options || typeof options !== 'object') {
      checkApiKey(undefined);
    }
    const transport = new Transport({
      apiKey: checkApiKey(options.apiKey),
      endpoint: checkEndpoint(options.endpoint ?? DEFAULT_ENDPOINT),
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      sleep: options.sleep ?? defaultSleep(),
      maxRetries: nonNegative(options.maxRetries, 2, 'maxRetries'),
      timeoutMs: nonNegative(options.timeoutMs, 60_000, 'timeoutMs'),
      logger: options.logger,
    });
    this.endpoint = transport.endpoint;
    this.#apiKey = options.apiKey;
    this.client = new ClientResource(transport);
    this.files = new FilesResource(transport);
    this.takes = new TakesResource(transport);
    this.jobs = new JobsResource(transport);
    this.volumes = new VolumesResource(transport);
    this.rigs = new RigsResource(transport);
    this.cameraSettings = new CameraSettingsResource(transport);
    this.webhooks = new WebhooksResource(transport);
  }

  /**
   * Names the account this client acts for (its endpoint and API key) without holding the key: a
   * SHA-256 digest, 32 hex digits. Work recorded under one fingerprint (a resume journal, say) is
   * not to be continued under another, where its ids do not exist.
   */
  accountFingerprint(): Promise<string> {
    this.#fingerprint ??= sha256Hex(
      new TextEncoder().encode(`move-ugc account\n${this.endpoint}\n${this.#apiKey}`),
    ).then((hex) => hex.slice(0, 32));
    return this.#fingerprint;
  }

  /** The key is deliberately absent from logs and inspection. */
  toJSON(): { endpoint: string } {
    return { endpoint: this.endpoint };
  }
}

function nonNegative(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new MoveValidationError(`${field} must be a number of 0 or more.`, field);
  }
  return value;
}
