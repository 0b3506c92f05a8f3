// A guard for test suites: everything a test file prints (process.stdout, process.stderr, console)
// and everything its tests capture from child processes (CLI runs, Action runs) is kept, and at the
// end of the file it is searched for API keys and presigned query strings. Requests legitimately
// carry the key; output never should.
import { DEFAULT_API_KEY } from './options';

/**
 * What makes a URL a credential: S3's query parameters (signature versions 2 and 4) and the
 * simulator's own expiry, and the signature echoed in S3's SignatureDoesNotMatch body.
 */
export const PRESIGNED_QUERY =
  /X-Amz-(?:Signature|Credential)=|X-Mock-Expires-At=|[?&](?:Signature|AWSAccessKeyId)=|<SignatureProvided>/i;

interface Captured {
  label: string;
  text: string;
  options: LeakOptions;
}

export interface LeakOptions {
  /** The run was asked to show URLs (e.g. `--show-urls`): presigned URLs are expected, keys are not. */
  urlsAllowed?: boolean;
  /** Keys this output may show: the simulator's banner prints its own well-known key, by design. */
  keysAllowed?: string[];
  /** Keys to look for besides the registered ones. */
  extraSecrets?: string[];
}

const secrets = new Set<string>([DEFAULT_API_KEY]);
let captured: Captured[] = [];
let watching = false;

/** Adds keys (test keys, deliberately wrong keys) that must never appear in any output. */
export function registerSecret(...values: (string | undefined)[]): void {
  for (const value of values) if (value && value.trim().length >= 8) secrets.add(value);
}

/** Keeps what a child process printed (or any other text shown to a user) for the end-of-file scan. */
export function recordOutput(label: string, text: string, options: LeakOptions = {}): void {
  if (text) captured.push({ label, text, options });
}

/** Secrets and presigned query strings found in `text`, as short descriptions that quote neither. */
export function findLeaks(text: string, options: LeakOptions = {}): string[] {
  const found: string[] = [];
  const keys = [...secrets, ...(options.extraSecrets ?? [])];
  for (const secret of keys.filter((key) => !options.keysAllowed?.includes(key))) {
    const at = text.indexOf(secret);
    if (at !== -1) found.push(`an API key (${secret.slice(0, 4)}…) after "${before(text, at, keys)}"`);
  }
  const url = options.urlsAllowed ? null : PRESIGNED_QUERY.exec(text);
  if (url) found.push(`a presigned query string (${url[0]}…) after "${before(text, url.index, keys)}"`);
  return found;
}

/** The text just before a leak, to find it by, with every known secret blanked out. */
function before(text: string, at: number, keys: string[]): string {
  let context = text.slice(Math.max(0, at - 48), at);
  for (const secret of keys) context = context.replaceAll(secret, '[key]');
  return context.replace(/\s+/g, ' ');
}

/** Everything captured since the last scan, checked and then forgotten: one message per leak. */
export function scanRecordedOutput(): string[] {
  const problems = captured.flatMap(({ label, text, options }) =>
    findLeaks(text, options).map((leak) => `${label} printed ${leak}`),
  );
  captured = [];
  return problems;
}

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

/** Starts keeping what this process prints; idempotent, so a setup file may call it once per test file. */
export function watchProcessOutput(): void {
  if (watching) return;
  watching = true;
  const proc = (globalThis as { process?: { stdout: { write: Write }; stderr: { write: Write } } }).process;
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = proc?.[name];
    if (!stream) continue;
    const write = stream.write.bind(stream);
    stream.write = (chunk: unknown, ...rest: unknown[]) => {
      recordOutput(
        `process.${name}`,
        typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk as Uint8Array),
      );
      return write(chunk, ...rest);
    };
  }
  // Test runners replace console with their own, which does not go through process.stdout.
  const target = console as unknown as Record<string, (...args: unknown[]) => void>;
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    const original = target[method]!.bind(console);
    target[method] = (...args: unknown[]) => {
      recordOutput(`console.${method}`, args.map(show).join(' '));
      original(...args);
    };
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.stack ?? value.message} ${show({ ...value })}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Watches this test file's output and fails the file, in its `afterAll`, when anything printed or
 * recorded holds a key or a presigned query string. Pass vitest's (or any runner's) `afterAll`.
 */
export function guardTestOutput(afterAll: (fn: () => void) => void): void {
  watchProcessOutput();
  afterAll(() => {
    const problems = scanRecordedOutput();
    if (problems.length > 0) {
      throw new Error(`Secrets in test output (${problems.length}):\n- ${problems.join('\n- ')}`);
    }
  });
}
