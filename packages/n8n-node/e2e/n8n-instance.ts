// A throwaway n8n for the end-to-end tests: its own user folder (database, binary store, community
// nodes), our packed package installed the way n8n's community-package installer does it, and the
// CLI commands the tests drive it with. Runs on the Node 24 that n8n-install.mjs put next to n8n.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordOutput } from '@move-ugc/mock/test-utils';
// @ts-expect-error plain ESM script without types
import { ensureN8n } from './n8n-install.mjs';

const PACKAGE_DIR = new URL('..', import.meta.url).pathname;

export interface N8nInstance {
  root: string;
  /** Files the Read/Write Files from Disk node may touch (N8N_RESTRICT_FILE_ACCESS_TO). */
  files: string;
  env: NodeJS.ProcessEnv;
  /** Runs an n8n CLI command. Asynchronously: the simulator serving n8n lives in this process. */
  run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }>;
  start(port: number): Promise<RunningN8n>;
  binaryFile(id: string): Buffer;
}

export interface RunningN8n {
  url: string;
  stop(): Promise<void>;
  log(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Packs the built package and unpacks it as n8n 2's installer does: devDependencies and peerDependencies dropped. */
function installPackage(userFolder: string): void {
  const packs = mkdtempSync(join(tmpdir(), 'move-ugc-pack-'));
  execFileSync('pnpm', ['pack', '--pack-destination', packs], { cwd: PACKAGE_DIR, stdio: 'ignore' });
  const tarball = join(packs, readdirSync(packs).find((name) => name.endsWith('.tgz'))!);
  const nodes = join(userFolder, '.n8n', 'nodes');
  const target = join(nodes, 'node_modules', 'n8n-nodes-move-ugc');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  rmSync(packs, { recursive: true, force: true });
  const manifestPath = join(target, 'package.json');
  const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
    readFileSync(manifestPath, 'utf8'),
  );
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  writeFileSync(
    join(nodes, 'package.json'),
    JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [manifest.name]: manifest.version } }),
  );
}

/** `options.env`: more settings for every n8n command (the queue-mode suite's database, Redis, …). */
export async function createN8n(options: { env?: NodeJS.ProcessEnv } = {}): Promise<N8nInstance> {
  const paths = ensureN8n();
  const root = mkdtempSync(join(tmpdir(), 'move-ugc-n8n-e2e-'));
  const userFolder = join(root, 'user');
  const files = join(root, 'files');
  mkdirSync(files, { recursive: true });
  installPackage(userFolder);
  const env: NodeJS.ProcessEnv = {
    // Not vitest's NODE_ENV=test, under which n8n keeps its database in memory.
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|NODE_ENV$|TEST$)/.test(name))),
    NODE_ENV: 'production',
    PATH: `${join(paths.node, '..')}:${process.env.PATH}`,
    N8N_USER_FOLDER: userFolder,
    N8N_RESTRICT_FILE_ACCESS_TO: files,
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_RUNNERS_BROKER_PORT: String(await freePort()),
    ...options.env,
  };
  const run = (args: string[]) => runN8n(paths, args, env);
  return {
    root,
    files,
    env,
    run,
    start: (port) =>
      startN8n(
        paths,
        { ...env, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', WEBHOOK_URL: `http://127.0.0.1:${port}/` },
        port,
      ),
    binaryFile: (id) => readFileSync(join(userFolder, '.n8n', 'storage', id.replace(/^filesystem-v2:/, ''))),
  };
}

function runN8n(paths: { node: string; n8n: string }, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(paths.node, [paths.n8n, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (status) => {
      // Kept for the secrets scan of @move-ugc/mock/vitest-setup: n8n's own output must not show the key either.
      recordOutput(`n8n ${args[0]}`, `${stdout}\n${stderr}`);
      resolve({ status, stdout, stderr });
    });
  });
}

async function startN8n(
  paths: { node: string; n8n: string },
  env: NodeJS.ProcessEnv,
  port: number,
): Promise<RunningN8n> {
  const child: ChildProcess = spawn(paths.node, [paths.n8n, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`n8n start exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/healthz/readiness`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`n8n did not become ready within 120 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    url,
    log: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(kill);
          recordOutput('n8n start', output);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export interface RunResult {
  status: string;
  runData: Record<
    string,
    {
      executionStatus: string;
      error?: { message: string; description?: string };
      data?: {
        main: {
          json: Record<string, unknown>;
          binary?: Record<string, { id: string; fileName: string; mimeType: string; bytes: number }>;
        }[][];
      };
    }[]
  >;
}

/** `n8n execute --rawOutput` prints log lines, then the execution as JSON, then (on failure) more text. */
export function parseExecution(stdout: string): RunResult {
  const lines = stdout.split('\n');
  const start = lines.indexOf('{');
  const end = lines.indexOf('}', start);
  if (start === -1 || end === -1) throw new Error(`No execution JSON in n8n's output:\n${stdout.slice(-3000)}`);
  const execution = JSON.parse(lines.slice(start, end + 1).join('\n'));
  return { status: execution.status, runData: execution.data.resultData.runData };
}

/** Makes the owner account of a fresh n8n and returns the session cookie for its REST API. */
export async function setUpOwner(url: string, who: { email: string; firstName: string; lastName: string }) {
  const setup = await fetch(`${url}/rest/owner/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...who, password: 'Owner-password-123' }),
  });
  if (setup.status !== 200) throw new Error(`n8n's owner set-up answered ${setup.status}: ${await setup.text()}`);
  return setup.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
