// The local server of `move-ugc view`: the viewer page, its job.json and the capture's files, on
// 127.0.0.1 only, under an unguessable path token. Files are streamed with Range support (a video
// seeks); only the files job.json lists are reachable, and only through their exact names.
import { randomBytes } from 'node:crypto';
import { createReadStream, readdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, sep } from 'node:path';
import type { CaptureDocument } from './capture';

export interface ViewServerOptions {
  /** The folder the capture's files are in. */
  folder: string;
  document: CaptureDocument;
  /** The viewer's build: index.html and assets/. */
  assetsDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** How long after its last ping the page counts as closed (default 30 s). */
  idleMs?: number;
}

export interface ViewServer {
  url: string;
  port: number;
  /** Resolves once the page has pinged and then stopped pinging for `idleMs`. */
  idle: Promise<void>;
  close(): Promise<void>;
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.glb': 'model/gltf-binary',
  '.mp4': 'video/mp4',
  '.fbx': 'application/octet-stream',
};

export function contentType(fileName: string): string {
  return TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/** Every file of the viewer's build, by its path relative to it with `/` separators (no hidden files). */
function listAssets(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) found.set(relative(dir, full).split(sep).join('/'), full);
    }
  };
  walk(dir);
  return found;
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` against `size`: the range, 'unsatisfiable', or undefined (serve it whole). */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges, or another unit: the whole file, as RFC 9110 allows.
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export async function startViewServer(options: ViewServerOptions): Promise<ViewServer> {
  const token = randomBytes(18).toString('base64url');
  const assets = listAssets(options.assetsDir);
  const files = new Map(options.document.outputs.map((o) => [o.fileName, join(options.folder, o.fileName)]));
  const documentText = `${JSON.stringify(options.document, null, 2)}\n`;
  const idleMs = options.idleMs ?? 30_000;
  let port = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  let onIdle!: () => void;
  const idle = new Promise<void>((resolve) => {
    onIdle = resolve;
  });

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error\n');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res);
    // DNS rebinding: a page of another site whose name now points here still says its own name.
    const host = req.headers.host;
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      send(res, 421, 'text/plain; charset=utf-8', 'Misdirected request\n');
      return;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    const prefix = `/${token}`;
    if (path === prefix && isRead(req)) {
      res.writeHead(308, { Location: `${prefix}/` }).end();
      return;
    }
    if (!path.startsWith(`${prefix}/`)) return notFound(res);
    const rest = path.slice(prefix.length + 1);
    if (rest === 'alive' && req.method === 'POST') {
      req.resume();
      ping();
      res.writeHead(204).end();
      return;
    }
    if (!isRead(req)) return notFound(res);
    if (rest === 'job.json') {
      res.setHeader('Cache-Control', 'no-store');
      send(res, 200, 'application/json; charset=utf-8', documentText, req.method === 'HEAD');
      return;
    }
    if (rest.startsWith('files/')) {
      let name: string;
      try {
        name = decodeURIComponent(rest.slice('files/'.length));
      } catch {
        return notFound(res);
      }
      const file = files.get(name);
      if (!file) return notFound(res);
      return serveFile(req, res, file, contentType(name));
    }
    const asset = assets.get(rest === '' ? 'index.html' : rest);
    if (!asset) return notFound(res);
    if (rest === '' || rest === 'index.html') res.setHeader('Cache-Control', 'no-store');
    return serveFile(req, res, asset, contentType(asset));
  }

  function ping(): void {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(onIdle, idleMs);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/${token}/`,
    port,
    idle,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(idleTimer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function isRead(req: IncomingMessage): boolean {
  return req.method === 'GET' || req.method === 'HEAD';
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

function send(res: ServerResponse, status: number, type: string, body: string, headOnly = false): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': bytes.length });
  res.end(headOnly ? undefined : bytes);
}

/** The same answer for a wrong token, a wrong path and a file not listed: nothing to tell them apart. */
function notFound(res: ServerResponse): void {
  send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
}

/** Streams a file (never read whole), or the part a Range header asks for. */
async function serveFile(req: IncomingMessage, res: ServerResponse, path: string, type: string): Promise<void> {
  const stats = await stat(path).catch(() => undefined);
  if (!stats?.isFile()) return notFound(res);
  const size = stats.size;
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Type', type);
  res.setHeader('Last-Modified', stats.mtime.toUTCString());
  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${size}`);
    send(res, 416, 'text/plain; charset=utf-8', 'Range not satisfiable\n');
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  res.writeHead(range ? 206 : 200, { 'Content-Length': size === 0 ? 0 : end - start + 1 });
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  const stream = createReadStream(path, { start, end });
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}
