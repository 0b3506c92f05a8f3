// n8n in queue mode for the end-to-end tests: one main, `n8n worker` processes and an `n8n webhook`
// process, all on the same PostgreSQL and Redis, with one encryption key and one user folder (the
// community package is installed there once; on several machines each needs it). Binary data goes
// to the database, the mode n8n 2.41 picks for queue mode by itself: every process reads it there.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { recordOutput } from '@move-ugc/mock/test-utils';
// @ts-expect-error plain ESM script without types
import { ensureN8n } from './n8n-install.mjs';
import { createN8n, freePort, type N8nInstance } from './n8n-instance';
import type { Postgres, Service } from './services';

export interface N8nProcess {
  name: string;
  pid: number;
  url: string;
  log(): string;
  /** Peak resident memory so far (VmHWM), in KiB; undefined once the process is gone. */
  peakRssKb(): number | undefined;
  alive(): boolean;
  kill(signal: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

export interface QueueSettings {
  /** Jobs each worker runs at once (`n8n worker --concurrency`). */
  concurrency: number;
  /** How many workers (default 2). */
  workers?: number;
  /** More environment for every process. */
  env?: NodeJS.ProcessEnv;
}

/** The environment every process of the cluster shares: what a user sets on each of theirs. */
export function queueEnv(redis: Service, postgres: Postgres, webhookUrl: string): NodeJS.ProcessEnv {
  return {
    EXECUTIONS_MODE: 'queue',
    QUEUE_BULL_REDIS_HOST: redis.host,
    QUEUE_BULL_REDIS_PORT: String(redis.port),
    DB_TYPE: 'postgresdb',
    DB_POSTGRESDB_HOST: postgres.host,
    DB_POSTGRESDB_PORT: String(postgres.port),
    DB_POSTGRESDB_DATABASE: postgres.database,
    DB_POSTGRESDB_USER: postgres.user,
    DB_POSTGRESDB_PASSWORD: 'trust-auth-ignores-it',
    // One key for all: each process decrypts the credential the main saved.
    N8N_ENCRYPTION_KEY: 'move-ugc-queue-e2e-encryption-key-0001',
    // n8n 2.41's default in queue mode, spelled out: filesystem is per machine, s3 needs a licence.
    N8N_DEFAULT_BINARY_DATA_MODE: 'database',
    // Manual runs from the editor go to the workers too.
    OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
    // Production webhooks (the Move UGC Trigger's URL) point at the webhook process.
    WEBHOOK_URL: webhookUrl,
    N8N_LOG_LEVEL: 'info',
    N8N_LOG_OUTPUT: 'console',
    EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
  };
}

export interface QueueCluster {
  n8n: N8nInstance;
  main: N8nProcess;
  webhook: N8nProcess;
  workers: N8nProcess[];
  stop(): Promise<void>;
}

/** Makes the instance (user folder, package, shared env); the caller imports workflows, then calls `startCluster`. */
export async function createQueueN8n(
  redis: Service,
  postgres: Postgres,
  env: NodeJS.ProcessEnv = {},
): Promise<{ n8n: N8nInstance; webhookPort: number }> {
  const webhookPort = await freePort();
  const n8n = await createN8n({
    env: { ...queueEnv(redis, postgres, `http://127.0.0.1:${webhookPort}/`), ...env },
  });
  return { n8n, webhookPort };
}

export async function startCluster(
  n8n: N8nInstance,
  webhookPort: number,
  settings: QueueSettings,
): Promise<QueueCluster> {
  const started: N8nProcess[] = [];
  try {
    // The main first: it migrates the database and activates the published workflows.
    const main = await startProcess(n8n, 'main', ['start'], { N8N_PORT: String(await freePort()) }, 'N8N_PORT');
    started.push(main);
    const workers = Array.from({ length: settings.workers ?? 2 }, async (_, index) => {
      const port = String(await freePort());
      return startProcess(
        n8n,
        `worker-${index + 1}`,
        ['worker', `--concurrency=${settings.concurrency}`],
        { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: port, N8N_PORT: port },
        'QUEUE_HEALTH_CHECK_PORT',
      );
    });
    const webhook = startProcess(n8n, 'webhook', ['webhook'], { N8N_PORT: String(webhookPort) }, 'N8N_PORT');
    const all = await Promise.allSettled([webhook, ...workers]);
    for (const result of all) if (result.status === 'fulfilled') started.push(result.value);
    const failed = all.find((result) => result.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    const [webhookProcess, ...workerProcesses] = all.map(
      (result) => (result as PromiseFulfilledResult<N8nProcess>).value,
    );
    return {
      n8n,
      main,
      webhook: webhookProcess!,
      workers: workerProcesses,
      // Workers and webhook first, so none is left waiting on a main that is gone.
      stop: async () => {
        await Promise.all([webhookProcess!, ...workerProcesses].map((p) => p.stop()));
        await main.stop();
      },
    };
  } catch (error) {
    await Promise.all(started.map((p) => p.stop()));
    throw error;
  }
}

async function startProcess(
  n8n: N8nInstance,
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  portVariable: string,
): Promise<N8nProcess> {
  const paths = ensureN8n();
  const child: ChildProcess = spawn(paths.node, [paths.n8n, ...args], {
    // Each process has a task broker of its own.
    env: { ...n8n.env, ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${env[portVariable]}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let recorded = false;
  const record = () => {
    if (recorded) return;
    recorded = true;
    // For the secrets scan of @move-ugc/mock/vitest-setup: no process may print the key.
    recordOutput(`n8n ${name}`, output);
  };
  const process_: N8nProcess = {
    name,
    pid: child.pid!,
    url,
    log: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    peakRssKb: () => {
      try {
        const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return match ? Number(match[1]) : undefined;
      } catch {
        return undefined;
      }
    },
    kill: async (signal) => {
      if (!process_.alive()) return;
      child.kill(signal);
      await exited;
      record();
    },
    stop: async () => {
      if (process_.alive()) {
        const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.kill('SIGTERM');
        await exited;
        clearTimeout(kill);
      }
      record();
    },
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (!process_.alive()) throw new Error(`n8n ${name} exited with ${child.exitCode}:\n${output.slice(-4000)}`);
    const ready = await fetch(`${url}/healthz/readiness`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return process_;
    if (Date.now() > deadline) {
      await process_.stop();
      throw new Error(`n8n ${name} did not become ready within 180 s:\n${output.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The executions each worker started, from its log ("Worker started execution 12 (job 3)"). */
export function executionsStartedBy(worker: N8nProcess): string[] {
  return [...worker.log().matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]!);
}
