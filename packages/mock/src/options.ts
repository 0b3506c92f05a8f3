import type { FaultPlan } from './faults';

export const DEFAULT_API_KEY = 'mock_move_ugc_key_0001';
/**
 * Move's own SDK, @move-ugc/sdk and so every face refuse keys shorter than this before sending a
 * request; the simulator refuses them at start, so that every key it accepts can be used.
 */
export const MIN_API_KEY_LENGTH = 12;
export const DEFAULT_BASE_URL = 'https://mock.move-ugc.test';

export interface SimulatorOptions {
  /** API keys, one client each (default `[DEFAULT_API_KEY]`). */
  apiKeys?: string[];
  /** Origin (optionally with a path) for the GraphQL endpoint and presigned URLs. */
  baseUrl?: string;
  /** Time from job creation to FINISHED/FAILED (default 200 ms). */
  jobDurationMs?: number;
  /** Same for volumes (default: jobDurationMs). */
  volumeDurationMs?: number;
  /** Time after FINISHED until output URLs appear (default 50 ms). */
  outputDelayMs?: number;
  /**
   * When a job's (or volume's) `outputs` list its files: `'finished'` (default) lists none until the
   * run FINISHED, as Move's docs describe outputs being made after processing; `'created'` lists
   * them from creation with `file.presignedUrl: null`. Either way the URLs come `outputDelayMs` later.
   */
  outputsListed?: 'finished' | 'created';
  /** Presigned URL lifetime (default 1 hour). */
  urlTtlMs?: number;
  /**
   * Size of each opaque output, and of RENDER_VIDEO when larger than its clip; MAIN_GLB keeps its
   * own (default 4 KiB).
   */
  outputBytes?: number;
  /** The clock; state is computed from it on every read (default Date.now). */
  now?: () => number;
  /** Where uploaded bytes go (default a temp dir, removed by close()). */
  storageDir?: string;
  faults?: FaultPlan;
  /** Seeds ids and fault draws so a run replays (default random; see `sim.seed`). */
  seed?: number;
  /** An upload whose body stops arriving for this long gets S3's 400 RequestTimeout (default 20 000 ms). */
  uploadIdleTimeoutMs?: number;
  /** How often pending webhook events are looked for while endpoints exist (default 25 ms). */
  webhookIntervalMs?: number;
  /** Waits between webhook delivery attempts (default [100, 1000, 5000]: four attempts). */
  webhookRetryDelaysMs?: number[];
  /** Per-attempt timeout of a webhook delivery (default 5000 ms). */
  webhookTimeoutMs?: number;
  /** The fetch used to deliver webhooks (default globalThis.fetch). */
  fetch?: typeof fetch;
  /** `sim.requests` keeps at most this many of the latest requests (default 10 000); counts cover all. */
  requestLogLimit?: number;
}

export interface ResolvedOptions {
  apiKeys: string[];
  baseUrl: string;
  baseUrlExplicit: boolean;
  jobDurationMs: number;
  volumeDurationMs: number;
  outputDelayMs: number;
  outputsListed: 'finished' | 'created';
  urlTtlMs: number;
  outputBytes: number;
  now: () => number;
  storageDir: string | undefined;
  faults: FaultPlan;
  uploadIdleTimeoutMs: number;
  webhookIntervalMs: number;
  webhookRetryDelaysMs: number[];
  webhookTimeoutMs: number;
  fetch: typeof fetch;
  requestLogLimit: number;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a number >= 0 (got ${value}).`);
  return value;
}

function oneOf<T extends string>(name: string, value: T | undefined, allowed: readonly [T, ...T[]]): T {
  if (value === undefined) return allowed[0];
  if (!allowed.includes(value)) throw new RangeError(`${name} must be one of ${allowed.join(', ')} (got ${value}).`);
  return value;
}

export function trimBaseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** Why the simulator cannot accept this API key, or undefined when it can; never quotes the key. */
export function apiKeyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string' || !key || /\s/.test(key)) return 'API keys must be non-empty and without whitespace.';
  if (key.length < MIN_API_KEY_LENGTH) {
    return (
      `an API key of ${key.length} characters is shorter than any Move key, and the SDK and the CLI refuse ` +
      `it before sending anything: give one of at least ${MIN_API_KEY_LENGTH} characters.`
    );
  }
  return undefined;
}

export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  const apiKeys = options.apiKeys ?? [DEFAULT_API_KEY];
  if (apiKeys.length === 0) throw new RangeError('apiKeys needs at least one key.');
  for (const key of apiKeys) {
    const problem = apiKeyProblem(key);
    if (problem) throw new RangeError(problem.charAt(0).toUpperCase() + problem.slice(1));
  }
  const jobDurationMs = nonNegative('jobDurationMs', options.jobDurationMs, 200);
  return {
    apiKeys,
    baseUrl: trimBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL),
    baseUrlExplicit: options.baseUrl !== undefined,
    jobDurationMs,
    volumeDurationMs: nonNegative('volumeDurationMs', options.volumeDurationMs, jobDurationMs),
    outputDelayMs: nonNegative('outputDelayMs', options.outputDelayMs, 50),
    outputsListed: oneOf('outputsListed', options.outputsListed, ['finished', 'created'] as const),
    urlTtlMs: nonNegative('urlTtlMs', options.urlTtlMs, 3_600_000),
    outputBytes: Math.floor(nonNegative('outputBytes', options.outputBytes, 4096)),
    now: options.now ?? Date.now,
    storageDir: options.storageDir,
    faults: options.faults ?? {},
    uploadIdleTimeoutMs: nonNegative('uploadIdleTimeoutMs', options.uploadIdleTimeoutMs, 20_000),
    webhookIntervalMs: nonNegative('webhookIntervalMs', options.webhookIntervalMs, 25),
    webhookRetryDelaysMs: options.webhookRetryDelaysMs ?? [100, 1000, 5000],
    webhookTimeoutMs: nonNegative('webhookTimeoutMs', options.webhookTimeoutMs, 5000),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    requestLogLimit: Math.floor(nonNegative('requestLogLimit', options.requestLogLimit, 10_000)),
  };
}
