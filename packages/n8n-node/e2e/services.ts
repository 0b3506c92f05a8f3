// Redis and PostgreSQL for the queue-mode suite: Debian's redis-server and postgresql binaries,
// each on a free loopback port with a throw-away folder, started and stopped by the suite.
// CI installs them with `apt-get install -y redis-server postgresql` (see .ci/run).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from './n8n-instance';

export interface Service {
  host: string;
  port: number;
  stop(): Promise<void>;
}

export interface Postgres extends Service {
  user: string;
  database: string;
  /** Runs SQL with psql and returns its unaligned, tuples-only output. */
  query(sql: string): string;
}

/** Whether Redis and PostgreSQL are installed here (the suite needs both). */
export function servicesMissing(): string | undefined {
  if (!which('redis-server')) return 'redis-server is not installed (apt-get install -y redis-server)';
  if (!postgresBin()) return 'PostgreSQL is not installed (apt-get install -y postgresql)';
  return undefined;
}

function which(command: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

/** Debian keeps initdb, pg_ctl and postgres out of PATH, in /usr/lib/postgresql/<major>/bin. */
function postgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base)
    ? readdirSync(base)
        .filter((name) => existsSync(join(base, name, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors[0]) return join(base, majors[0], 'bin');
  const pgCtl = which('pg_ctl');
  return pgCtl && which('initdb') && which('psql') ? dirname(realpathSync(pgCtl)) : undefined;
}

async function waitForPort(port: number, child: ChildProcess | undefined, what: string, log: () => string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}:\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${what} did not listen on ${port} within 30 s:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function startRedis(): Promise<Service> {
  const dir = mkdtempSync(join(tmpdir(), 'move-ugc-redis-'));
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  await waitForPort(port, child, 'redis-server', () => output);
  return {
    host: '127.0.0.1',
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * PostgreSQL refuses to run as root: as root, its data folder belongs to the `postgres` user that
 * Debian's package creates, and initdb, pg_ctl and psql run as that user through runuser.
 */
export async function startPostgres(database = 'n8n'): Promise<Postgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql).');
  const asRoot = process.getuid?.() === 0;
  const osUser = asRoot ? 'postgres' : undefined;
  const root = mkdtempSync(join(tmpdir(), 'move-ugc-postgres-'));
  const data = join(root, 'data');
  if (asRoot) {
    chmodSync(root, 0o755);
    execFileSync('chown', [`${osUser}:`, root]);
  }
  const as = (command: string, args: string[]) =>
    osUser
      ? (['runuser', ['-u', osUser, '--', join(bin, command), ...args]] as const)
      : ([join(bin, command), args] as const);
  const exec = (command: string, args: string[]) => {
    const [file, argv] = as(command, args);
    return execFileSync(file, [...argv], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  };
  const port = await freePort();
  // Trust on loopback: a throw-away cluster that only this suite can reach.
  exec('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  const settings = [
    `-p ${port}`,
    '-h 127.0.0.1',
    `-k ${root}`,
    // Durability does not matter here; speed on a busy machine does.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const stop = async () => {
    try {
      if (existsSync(join(data, 'postmaster.pid')))
        exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
  const psql = (db: string, sql: string) =>
    exec('psql', [
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-U',
      'postgres',
      '-d',
      db,
      '-At',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      sql,
    ]);
  try {
    exec('pg_ctl', ['-D', data, '-l', join(root, 'postgres.log'), '-o', settings, '-w', '-t', '60', 'start']);
    psql('postgres', `CREATE DATABASE ${database}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host: '127.0.0.1', port, user: 'postgres', database, query: (sql) => psql(database, sql), stop };
}
