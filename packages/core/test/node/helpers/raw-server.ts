// A hostile HTTP/1.1 server for the socket GET: each request's head is handed to the test, which
// answers with whatever bytes it likes (a chunked body, a cut connection, a stall), over plain TCP
// or over TLS with a throw-away certificate. It counts the requests it saw.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';

export interface RawServer {
  /** `http://127.0.0.1:<port>` or `https://<host>:<port>`. */
  origin: string;
  /** Request heads received, in order. */
  requests: string[];
  close(): Promise<void>;
}

export type Answer = (socket: Socket, head: string) => void;

export async function startRawServer(
  answer: Answer,
  options: { tls?: TlsOptions; host?: string } = {},
): Promise<RawServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const onConnection = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      requests.push(head.slice(0, end));
      answer(socket, head.slice(0, end));
    };
    socket.on('data', onData);
  };
  const server: Server = options.tls
    ? createTlsServer(options.tls, onConnection).on('tlsClientError', () => {})
    : createNetServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `${options.tls ? 'https' : 'http'}://${options.host ?? '127.0.0.1'}:${port}`,
    requests,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A response head with these headers, e.g. `head(200, { 'content-length': 5 })`. */
export function head(status: number, headers: Record<string, string | number> = {}): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${status} X\r\n${lines.map((l) => `${l}\r\n`).join('')}\r\n`;
}

export const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

/**
 * A throw-away self-signed certificate for `altNames` (e.g. `DNS:localhost`), made by the openssl
 * binary: tests trust it by handing it to the client, never by turning verification off.
 */
export async function selfSignedCertificate(altNames = 'DNS:localhost'): Promise<{ key: Buffer; cert: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), 'move-ugc-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      // biome-ignore format: one openssl command line
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
        '-subj', '/CN=move-ugc test', '-addext', `subjectAltName=${altNames}`, '-keyout', key, '-out', cert],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
