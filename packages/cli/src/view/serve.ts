// Serving a capture until the user is done: the address on stdout, the browser opened when someone
// is sitting at this machine, and a stop on Ctrl-C, SIGTERM, or once the page has been closed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePositiveInt } from '../args';
import { UsageError } from '../errors';
import type { Io } from '../output/io';
import { type CaptureFile, captureDocument, type JobFacts } from './capture';
import { startViewServer } from './server';

export interface ServeOptions {
  folder: string;
  files: readonly CaptureFile[];
  source: 'job' | 'folder';
  job: JobFacts | null;
  port?: number;
  open: boolean;
  /** Adds these fields to the JSON document printed on stdout (`run --view` prints its run's). */
  json?: Record<string, unknown>;
  /** Prints the human lines before the address (`run --view` prints its outputs table). */
  before?: () => void;
}

/** `--port n`: 0 for a free one, the default. */
export function parsePort(value: string | undefined, command: string): number {
  if (value === undefined || value === '0') return 0;
  try {
    return parsePositiveInt(value, '--port', 65_535);
  } catch (error) {
    throw new UsageError((error as Error).message, command);
  }
}

/**
 * The viewer's build: beside the bundle (dist/viewer, copied there by the CLI's build), else the
 * viewer package's own dist when running from source.
 */
export function viewerDir(): string {
  const candidates = ['../viewer/', './viewer/', '../../../viewer/dist/'].map((path) =>
    fileURLToPath(new URL(path, import.meta.url)),
  );
  const found = candidates.find((dir) => existsSync(`${dir}index.html`));
  if (!found) {
    throw new Error(
      `The viewer page is missing from this installation (looked for ${candidates[0]}index.html). Reinstall @move-ugc/cli.`,
    );
  }
  return found;
}

/** Whether to open a browser: not when asked not to, in CI, over SSH, or when stdout is not a terminal. */
export function shouldOpen(io: Io, asked: boolean): boolean {
  const env = io.env;
  if (!asked || env.CI !== undefined) return false;
  if (env.SSH_CONNECTION || env.SSH_TTY || env.SSH_CLIENT) return false;
  return Boolean(io.stdout.isTTY);
}

function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser to open: the address is printed anyway.
  }
}

/** Serves the capture until Ctrl-C, SIGTERM or the page is closed; resolves then. */
export async function serveCapture(io: Io, options: ServeOptions): Promise<void> {
  const document = captureDocument({
    source: options.source,
    folder: options.folder,
    job: options.job,
    files: options.files,
  });
  const idleMs = Number(io.env.MOVE_UGC_VIEW_IDLE_MS) || 30_000;
  let server: Awaited<ReturnType<typeof startViewServer>>;
  try {
    server = await startViewServer({
      folder: options.folder,
      document,
      assetsDir: viewerDir(),
      port: options.port,
      idleMs,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `Port ${options.port} on 127.0.0.1 is already in use (another program listens there). ` +
          'Pick another with --port <n>, or leave --port out for a free one.',
      );
    }
    throw error;
  }
  if (io.json) {
    // One line: a script reads it while the server runs on.
    const printed = { ...options.json, url: server.url, folder: options.folder, jobId: options.job?.id ?? null };
    io.stdout.write(`${JSON.stringify(printed)}\n`);
  } else {
    options.before?.();
    io.stdout.write(`${server.url}\n`);
  }
  if (document.hint) io.stderr.write(`${document.hint}\n`);
  io.stderr.write(`Showing ${options.folder} at ${server.url} (stop with Ctrl-C).\n`);
  if (shouldOpen(io, options.open)) openBrowser(server.url);

  let stop!: () => void;
  const reason = await new Promise<'signal' | 'idle'>((resolve) => {
    stop = () => resolve('signal');
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    server.idle.then(() => resolve('idle'));
  });
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  if (reason === 'idle') {
    const quiet = idleMs >= 1000 ? `${Math.round(idleMs / 1000)} s` : `${idleMs} ms`;
    io.stderr.write(`The page was closed (no word from it for ${quiet}): stopped.\n`);
  }
  await server.close();
}
