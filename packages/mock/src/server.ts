import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyChunks, type SimRequest, type SimResponse } from './http';
import type { Simulator } from './simulator';
import { throttle } from './throttle';

// The HTTP face: a real node:http server on the same core, streaming both ways (uploads are read
// from the socket as they arrive, downloads are written with backpressure), so multi-GiB bodies work.

export interface ServerOptions {
  /** Port to listen on (default 0: a free one). */
  port?: number;
  /** Interface to bind (default '127.0.0.1'). */
  host?: string;
  /** Caps upload reading and download writing per request, to model a link (e.g. 100e6 for 100 MB/s). */
  bandwidthBytesPerSec?: number;
}

export interface RunningServer {
  /** The server's origin, e.g. http://127.0.0.1:4010. */
  url: string;
  /** `${url}/graphql`. */
  endpoint: string;
  port: number;
  /** Stops listening, ends open connections (and stalled requests). Does not close the simulator. */
  close(): Promise<void>;
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/** Drops the connection abruptly (RST where the platform can), as a network failure would. */
function reset(res: ServerResponse): void {
  const socket = res.socket;
  if (socket && 'resetAndDestroy' in socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket?.destroy();
}

function writable(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function send(res: ServerResponse, response: SimResponse, bandwidth: number | undefined): Promise<void> {
  if (response.abort === 'before') {
    reset(res);
    return;
  }
  res.writeHead(response.status, response.headers);
  if (response.body !== undefined && res.req.method !== 'HEAD') {
    for await (const chunk of throttle(bodyChunks(response.body), bandwidth)) {
      if (res.destroyed) break;
      if (!res.write(chunk)) await writable(res);
    }
  }
  if (response.abort === 'after-body') {
    // Let what was written reach the client, then cut the connection short of Content-Length.
    await new Promise<void>((resolve) => res.write('', () => resolve()));
    res.socket?.destroy();
    return;
  }
  res.end();
}

async function serve(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
  options: ServerOptions,
  closing: AbortSignal,
): Promise<void> {
  const gone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  const method = req.method ?? 'GET';
  let response: SimResponse;
  try {
    const request: SimRequest = {
      method,
      url: new URL(req.url ?? '/', sim.baseUrl),
      headers: toHeaders(req),
      body: method === 'GET' || method === 'HEAD' ? null : throttle(req, options.bandwidthBytesPerSec),
      signal: AbortSignal.any([gone.signal, closing]),
    };
    response = await sim.handle(request);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    response = { status: 500, headers: { 'content-type': 'text/plain' }, body: `move-ugc-mock: ${message}` };
  }
  try {
    await send(res, response, options.bandwidthBytesPerSec);
  } catch {
    reset(res);
  }
}

/** Serves `sim` over HTTP. Without an explicit `baseUrl`, the simulator adopts this server's origin. */
export async function startServer(sim: Simulator, options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const closing = new AbortController();
  // No request timeout: a multi-GiB upload on a throttled link takes minutes.
  const server = createServer({ requestTimeout: 0 }, (req, res) => {
    void serve(sim, req, res, options, closing.signal);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  sim.adoptOrigin(url);
  return {
    url,
    endpoint: `${url}${new URL(sim.baseUrl).pathname.replace(/\/$/, '')}/graphql`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
