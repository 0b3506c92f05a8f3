// Runs the built CLI as a real process against the simulator's HTTP server, and keeps every byte
// it printed so each test file can check at the end that no secret ever left the process.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type AuditOptions,
  DEFAULT_API_KEY,
  outputChecksum,
  type RunningServer,
  type ServerOptions,
  type Simulator,
  type SimulatorOptions,
} from '@move-ugc/mock';
import { PRESIGNED_QUERY, recordOutput, registerSecret } from '@move-ugc/mock/test-utils';
import { startSimulator } from '@move-ugc/mock/vitest';
import { expect } from 'vitest';

export const CLI = resolve(import.meta.dirname, '..', 'dist', 'move-ugc.js');
/** Not the simulator's well-known default, so a leak of it in any output is caught by the scan. */
export const API_KEY = 'sk_live_cli_test_7f3a9c21d4e8';
/** A well-formed key the simulator does not know. */
export const WRONG_KEY = 'sk_live_wrong_key_0000000';
registerSecret(API_KEY, WRONG_KEY);

export interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Everything every CLI run printed in this test file, for the secrets scan. */
const transcript: { args: string[]; text: string; showsUrls: boolean }[] = [];

/** Keeps a run's output for expectNoSecrets() and for the package-wide scan (@move-ugc/mock/vitest-setup). */
function keep(args: string[], stdout: string, stderr: string): void {
  const text = `${stdout}\n${stderr}`;
  const showsUrls = args.includes('--show-urls');
  transcript.push({ args, text, showsUrls });
  // `move-ugc mock` (and its help) prints the simulator's well-known key so that people can connect to
  // it, and the keys its user gave it with --api-key (typed by them, to be used with it).
  const keysAllowed = args.includes('mock') ? [DEFAULT_API_KEY, ...keyFlags(args)] : [];
  recordOutput(`move-ugc ${args.join(' ')}`, text, { urlsAllowed: showsUrls, keysAllowed });
}

export interface Env {
  sim: Simulator;
  server: RunningServer;
  /** Environment for the CLI: endpoint, key, and temp dirs for its state and config. */
  env: NodeJS.ProcessEnv;
  /** A temp dir the test may use as the working directory. */
  dir: string;
  /**
   * Checks what every run sent (sim.auditRequests: no Content-Type on uploads and their exact
   * Content-Length, no Range unless resuming, the raw key on GraphQL), then stops the simulator.
   */
  close(): Promise<void>;
}

export async function startSim(
  options: SimulatorOptions = {},
  serverOptions: ServerOptions = {},
  audit: AuditOptions = {},
): Promise<Env> {
  const { sim, server, close } = await startSimulator(
    { apiKeys: [API_KEY], jobDurationMs: 300, outputDelayMs: 20, ...options },
    { via: 'http', server: serverOptions, audit, client: 'the CLI' },
  );
  const dir = mkdtempSync(join(tmpdir(), 'move-ugc-cli-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    MOVE_API_ENDPOINT: server.endpoint,
    MOVE_API_KEY: API_KEY,
    MOVE_UGC_STATE_DIR: join(dir, 'state'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_STATE_HOME: join(dir, 'xdg-state'),
  };
  return {
    sim,
    server,
    env,
    dir,
    async close() {
      try {
        await close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  stdin?: string | Buffer;
  /** Run this executable (an installed bin) instead of `node dist/move-ugc.js`. */
  bin?: string;
  /** Run as this user and group (the test process must be root). */
  uid?: number;
  gid?: number;
}

/** Every value of --api-key in `args`. */
function keyFlags(args: string[]): string[] {
  return args.flatMap((arg, index) =>
    arg === '--api-key' ? [args[index + 1] ?? ''] : arg.startsWith('--api-key=') ? [arg.slice(10)] : [],
  );
}

/** Starts the CLI; `done` resolves when it exits. */
export function start(
  args: string[],
  options: RunOptions = {},
): { child: ChildProcess; done: Promise<Result>; output: () => Result } {
  const [command, argv] = options.bin ? [options.bin, args] : [process.execPath, [CLI, ...args]];
  // Any key a run is given, wrong ones included, must not show up in what it prints.
  registerSecret(options.env?.MOVE_API_KEY, ...keyFlags(args));
  const child = spawn(command, argv, {
    cwd: options.cwd,
    env: options.env ?? {},
    uid: options.uid,
    gid: options.gid,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin!.end(options.stdin ?? '');
  const output = () => ({ code: child.exitCode, signal: child.signalCode, stdout, stderr });
  const done = new Promise<Result>((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      keep(args, stdout, stderr);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
  return { child, done, output };
}

export function run(args: string[], options: RunOptions = {}): Promise<Result> {
  return start(args, options).done;
}

/** The CLI on a pseudo-terminal (util-linux `script`): stdout and stderr arrive merged, as on a screen. */
export function runTty(args: string[], options: RunOptions = {}): Promise<Result> {
  return startTty(args, options).done;
}

/**
 * Starts the CLI on a pseudo-terminal; `stop()` ends it (SIGINT to its process group, as Ctrl-C
 * does) and resolves when it has exited.
 */
export function startTty(
  args: string[],
  options: RunOptions = {},
): { done: Promise<Result>; output: () => string; stop: () => Promise<Result> } {
  registerSecret(options.env?.MOVE_API_KEY, ...keyFlags(args));
  const command = [process.execPath, CLI, ...args].map(shellQuote).join(' ');
  let printed = '';
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd: options.cwd,
    env: { TERM: 'xterm-256color', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    printed += chunk;
  });
  const done = new Promise<Result>((resolvePromise, reject) => {
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      keep(args, printed, stderr);
      resolvePromise({ code, signal, stdout: printed, stderr });
    });
  });
  const stop = () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGINT');
    return done;
  };
  return { done, output: () => printed, stop };
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Resolves once `stream` (stdout or stderr, as printed so far) matches. */
export async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = read().match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${pattern}; got:\n${read()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function json<T = Record<string, unknown>>(result: Result): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(
      `stdout is not one JSON document (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`,
    );
  }
}

/**
 * No output of this file's runs held the API key, a presigned query string or the portal token
 * (runs with --show-urls may show URLs, never the key).
 */
export function expectNoSecrets(extraSecrets: string[] = []): void {
  expect(transcript.length).toBeGreaterThan(0);
  for (const { args, text, showsUrls } of transcript) {
    const where = `move-ugc ${args.join(' ')}`;
    for (const secret of [API_KEY, ...extraSecrets])
      expect(text.includes(secret), `${where} printed a secret`).toBe(false);
    if (showsUrls) continue;
    expect(text, `${where} printed a presigned URL`).not.toMatch(PRESIGNED_QUERY);
    expect(text, `${where} printed the portal token`).not.toMatch(/#token=/);
  }
}

export interface OutputDoc {
  fileName: string;
  format: string;
  bytes: number | null;
  path: string | null;
}

/** The --json document of `move-ugc run` (and of the MCP server's process_video). */
export interface RunDoc {
  jobId: string;
  takeId: string;
  state: string;
  resumed: boolean;
  reused: boolean;
  outputDir: string | null;
  outputs: OutputDoc[];
}

/** Every downloaded output holds exactly the bytes the simulator generated for it. */
export function expectOutputsMatch(sim: Simulator, jobId: string, outputs: OutputDoc[]): void {
  const job = sim.jobs().find((j) => j.id === jobId);
  expect(job, `simulator has job ${jobId}`).toBeDefined();
  expect(outputs.map((o) => o.format).sort()).toEqual(job!.outputs.map((o) => o.format).sort());
  for (const output of outputs) {
    const expected = job!.outputs.find((o) => o.format === output.format)!;
    expect(output.bytes).toBe(expected.size);
    const actual = createHash('sha256').update(readFileSync(output.path!)).digest('hex');
    expect(actual, `${output.fileName} content`).toBe(outputChecksum(jobId, output.format, expected.size));
  }
}
