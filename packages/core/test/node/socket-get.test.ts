// The socket GET behind undiciTransfer (socket-get.ts): a plain answer is read off the socket and
// lent to the directory sink; every other answer goes back to undici, so behaviour never gets worse.
// Against the strict S3 stand-in, a hostile raw server and throw-away TLS certificates; loopback only.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createSecureServer } from 'node:http2';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLendingBody, type LendingBody } from '../../src/index';
import { directorySink, type UndiciTransferAgent, undiciTransfer } from '../../src/node/index';
import { BLOCK, socketGet } from '../../src/node/socket-get';
import type { OutputTarget } from '../../src/ports/sinks';
import { hasOpenssl, head, selfSignedCertificate, startRawServer } from './helpers/raw-server';
import { type S3Server, startS3Server } from './helpers/s3-server';
import { patternBytes, useTempDirs } from './helpers/temp';

const MiB = 1024 * 1024;
const tempDir = useTempDirs();
const target = (fileName: string): OutputTarget => ({ jobId: 'job-1', fileId: 'file-1', format: 'bin', fileName });
const md5 = (bytes: Uint8Array) => `"${createHash('md5').update(bytes).digest('hex')}"`;
/** No proxy settings: the developer's own environment must not change the path under test. */
const noProxy = {};

let s3: S3Server;
let agent: UndiciTransferAgent;
const object = patternBytes(5 * MiB + 9, 3);
beforeAll(async () => {
  s3 = await startS3Server();
  await s3.seed('get/object', object);
  agent = undiciTransfer({ env: noProxy });
});
afterAll(async () => {
  await agent.close();
  await s3.close();
});

/** Every lent chunk, copied (they are only lent), with the sizes they came in. */
async function lendAll(body: AsyncIterable<Uint8Array>, write?: (chunk: Uint8Array) => void) {
  expect(isLendingBody(body), 'read off the socket').toBe(true);
  const chunks: Buffer[] = [];
  await (body as LendingBody).lend((chunk) => {
    write?.(chunk);
    chunks.push(Buffer.from(chunk));
  });
  return { bytes: Buffer.concat(chunks), sizes: chunks.map((c) => c.byteLength) };
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('plain answers are read off the socket', () => {
  it('a 200 with a length is lent in blocks of at most 256 KiB, straight into the directory sink', async () => {
    const result = await agent.get(s3.url('get/object'));
    expect(result.status).toBe(200);
    expect(result.headers.get('ETag')).toBe(md5(object));
    expect(result.headers.get('content-length')).toBe(String(object.byteLength));
    const sizes: number[] = [];
    const inner = result.body as LendingBody;
    const counted: LendingBody = {
      [Symbol.asyncIterator]: () => inner[Symbol.asyncIterator](),
      lend: (write) =>
        inner.lend((chunk) => {
          sizes.push(chunk.byteLength);
          write(chunk);
        }),
    };
    const dir = await tempDir();
    const saved = await directorySink(dir).save(target('object.bin'), counted, 0, object.byteLength);
    expect(saved.bytes).toBe(object.byteLength);
    expect((await readFile(join(dir, 'object.bin'))).equals(object)).toBe(true);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(BLOCK);
    // Blocks, not socket reads: TLS would hand over 16 KiB at a time, TCP 64 KiB or so.
    expect(sizes.length).toBeLessThan((2 * object.byteLength) / BLOCK + 2);
  });

  it('an abort mid-body keeps every lent byte in the partial file, and a 206 (Range, If-Match) completes it', async () => {
    const dir = await tempDir();
    const controller = new AbortController();
    const stop = new Error('stop here');
    const sink = directorySink(dir, {
      onProgress: (_t, held) => {
        if (held >= 2 * MiB) controller.abort(stop);
      },
    });
    const t = { ...target('object.bin'), partial: sink.newPartial!(target('object.bin')) };
    const first = await agent.get(s3.url('get/object'), { signal: controller.signal });
    expect(isLendingBody(first.body)).toBe(true);
    await expect(sink.save(t, first.body, 0, object.byteLength)).rejects.toBe(stop);
    const held = await sink.held(t, object.byteLength);
    expect(held).toBeGreaterThanOrEqual(2 * MiB);
    expect(held).toBeLessThan(object.byteLength);
    expect((await readFile(t.partial)).equals(object.subarray(0, held))).toBe(true);

    const rest = await agent.get(s3.url('get/object'), { offset: held, ifMatch: md5(object) });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes ${held}-${object.byteLength - 1}/${object.byteLength}`);
    expect(isLendingBody(rest.body)).toBe(true);
    await sink.save(t, rest.body, held, object.byteLength);
    expect((await readFile(join(dir, 'object.bin'))).equals(object)).toBe(true);
  });

  it('iterated instead of lent, it yields chunks the consumer may keep, the socket paused while it lags', async () => {
    const result = await agent.get(s3.url('get/object'));
    const chunks: Uint8Array[] = [];
    for await (const chunk of result.body) {
      chunks.push(chunk); // kept as they are: a reused buffer would show in the bytes below
      if (chunks.length % 4 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(Buffer.concat(chunks).equals(object)).toBe(true);
  });

  it('takes no byte past the Content-Length, and closes the connection on cancel()', async () => {
    const raw = await startRawServer((socket) => socket.end(`${head(200, { 'content-length': 5 })}helloEXTRA`));
    const answer = await agent.get(`${raw.origin}/x`);
    expect((await lendAll(answer.body)).bytes.toString()).toBe('hello');

    let closed: Promise<unknown> | undefined;
    const held = await startRawServer((socket) => {
      closed = new Promise((resolve) => socket.once('close', resolve));
      socket.write(`${head(200, { 'content-length': 100 * MiB })}${'a'.repeat(1000)}`);
    });
    const unread = await agent.get(`${held.origin}/x`);
    await unread.cancel();
    await closed;
    await Promise.all([raw.close(), held.close()]);
  });
});

describe('everything else goes back to undici', () => {
  const ACCESS_DENIED = '<Error><Code>AccessDenied</Code></Error>';
  const answers: [string, string, (status: number, body: Buffer, headers: (name: string) => string | null) => void][] =
    [
      [
        'an S3 XML error',
        `${head(403, { 'content-type': 'application/xml', 'content-length': ACCESS_DENIED.length })}${ACCESS_DENIED}`,
        (status, body) => {
          expect(status).toBe(403);
          expect(body.toString()).toContain('AccessDenied');
        },
      ],
      [
        'chunked encoding',
        `${head(200, { 'transfer-encoding': 'chunked' })}5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n`,
        (status, body) => {
          expect(status).toBe(200);
          expect(body.toString()).toBe('hello world');
        },
      ],
      [
        'a redirect',
        head(302, { location: 'http://elsewhere.test/x', 'content-length': 0 }),
        (status, _body, headers) => {
          expect(status).toBe(302);
          expect(headers('location')).toBe('http://elsewhere.test/x');
        },
      ],
      [
        'a body without a length (read to the close)',
        `${head(200)}hello`,
        (status, body) => {
          expect(status).toBe(200);
          expect(body.toString()).toBe('hello');
        },
      ],
    ];
  it.each(answers)('%s: asked again through undici, with the same Range and If-Match', async (_, bytes, check) => {
    const raw = await startRawServer((socket) => socket.end(bytes));
    const result = await agent.get(`${raw.origin}/x?X-Amz-Signature=s`, { offset: 10, ifMatch: '"v1"' });
    expect(isLendingBody(result.body)).toBe(false);
    check(result.status, await collect(result.body), (name) => result.headers.get(name));
    expect(raw.requests).toHaveLength(2);
    for (const request of raw.requests) {
      expect(request).toMatch(/^GET \/x\?X-Amz-Signature=s HTTP\/1\.1\r\n/);
      expect(request).toMatch(/\r\nrange: bytes=10-(\r\n|$)/i);
      expect(request).toMatch(/\r\nif-match: "v1"(\r\n|$)/i);
    }
    await raw.close();
  });

  it('a proxy in the environment, a dispatcher of the caller, or socketGets: false keep every GET on undici', async () => {
    const dispatcher = new Agent();
    const agents = [
      undiciTransfer({ env: { HTTP_PROXY: 'http://proxy.test:3128' } }),
      undiciTransfer({ env: { all_proxy: 'http://proxy.test:3128' } }),
      undiciTransfer({ dispatcher }),
      undiciTransfer({ env: noProxy, socketGets: false }),
    ];
    for (const other of agents) {
      const result = await other.get(s3.url('get/object'));
      expect(isLendingBody(result.body)).toBe(false);
      expect((await collect(result.body)).equals(object)).toBe(true);
      await other.close();
    }
    // A proxy for the other scheme leaves this one alone.
    const httpsOnly = undiciTransfer({ env: { HTTPS_PROXY: 'http://proxy.test:3128' } });
    const direct = await httpsOnly.get(s3.url('get/object'));
    expect(isLendingBody(direct.body)).toBe(true);
    await direct.cancel();
    await Promise.all([httpsOnly.close(), dispatcher.close()]);
  });

  it('a refused connection fails as undici fails it, keeping the presigned query out of the message', async () => {
    const url = 'http://127.0.0.1:9/x?X-Amz-Credential=AKIA123&X-Amz-Signature=secret-signature';
    const error = (await agent.get(url).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(`${error.message} ${String(error.stack)}`).not.toMatch(/secret-signature|AKIA123/);
  });
});

describe('failures on the socket path', () => {
  it('a connection cut short of Content-Length fails the save; the partial file keeps every byte that came', async () => {
    const bytes = patternBytes(3 * MiB + 1234, 9);
    const raw = await startRawServer((socket) => {
      socket.write(head(200, { 'content-length': 4 * MiB }));
      socket.write(bytes, () => socket.destroy());
    });
    const dir = await tempDir();
    const sink = directorySink(dir);
    const t = { ...target('cut.bin'), partial: sink.newPartial!(target('cut.bin')) };
    const result = await agent.get(`${raw.origin}/x`);
    await expect(sink.save(t, result.body, 0, 4 * MiB)).rejects.toThrow(
      `The connection closed after ${bytes.byteLength} of ${4 * MiB} body bytes.`,
    );
    expect((await readFile(t.partial)).equals(bytes)).toBe(true);
    await raw.close();
  });

  it('a failing write (a full disk) ends the download with that error and closes the connection', async () => {
    let closed: Promise<unknown> | undefined;
    const raw = await startRawServer((socket) => {
      closed = new Promise((resolve) => socket.once('close', resolve));
      socket.write(`${head(200, { 'content-length': 64 * MiB })}${'a'.repeat(BLOCK)}`);
    });
    const full = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const result = await agent.get(`${raw.origin}/x`);
    await expect(
      (result.body as LendingBody).lend(() => {
        throw full;
      }),
    ).rejects.toBe(full);
    await closed;
    await raw.close();
  });

  it('a server that stops sending times out, before the head and within the body', async () => {
    const timeouts = { connect: 1000, idle: 200 };
    const silent = await startRawServer(() => {});
    await expect(socketGet(new URL(`${silent.origin}/x`), { timeouts })).rejects.toThrow(/No data from .* for 0.2 s/);
    const stalled = await startRawServer((socket) => socket.write(`${head(200, { 'content-length': 100 })}abc`));
    const result = await socketGet(new URL(`${stalled.origin}/x`), { timeouts });
    await expect(lendAll(result!.body)).rejects.toThrow(/No data from .* for 0.2 s/);
    await Promise.all([silent.close(), stalled.close()]);
  });

  it('an abort before the answer rejects with the abort reason, without asking undici', async () => {
    const silent = await startRawServer(() => {});
    const controller = new AbortController();
    const pending = agent.get(`${silent.origin}/x`, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(new Error('interrupted'));
    await expect(pending).rejects.toBe(controller.signal.reason);
    expect(silent.requests).toHaveLength(1);
    await silent.close();
  });

  it('keeps the event loop responsive while writing (longest block measured)', { timeout: 60_000 }, async () => {
    const size = 256 * MiB;
    const dir = await tempDir();
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const result = await agent.get(s3.url(`gen/${size}`));
    expect(isLendingBody(result.body)).toBe(true);
    await directorySink(dir).save(target('big.bin'), result.body, 0, size);
    delay.disable();
    expect((await stat(join(dir, 'big.bin'))).size).toBe(size);
    const longest = delay.max / 1e6;
    console.log(`256 MiB to the directory sink: longest event-loop block ${longest.toFixed(1)} ms`);
    // Writing the whole body in one go would block for most of a second; a block is well under 1 ms.
    expect(longest).toBeLessThan(150);
  });

  it('takes in at most a few MiB per turn of the event loop, however many downloads run at once', async () => {
    const size = 48 * MiB;
    let thisTurn = 0;
    let most = 0;
    let turns = 0;
    const tick = () => {
      most = Math.max(most, thisTurn);
      thisTurn = 0;
      turns++;
      if (!done) setImmediate(tick);
    };
    let done = false;
    setImmediate(tick);
    const results = await Promise.all(Array.from({ length: 6 }, () => agent.get(s3.url(`gen/${size}`))));
    await Promise.all(
      results.map((result) =>
        (result.body as LendingBody).lend((chunk) => {
          thisTurn += chunk.byteLength;
        }),
      ),
    );
    done = true;
    tick();
    // The budget (4 MiB, shared by all downloads), plus one read of each download as it ran out, plus
    // a block gathered from small reads in an earlier turn.
    expect(most).toBeLessThanOrEqual(4 * MiB + 7 * BLOCK);
    expect(turns).toBeGreaterThan((6 * size) / (8 * MiB));
  });
});

describe.skipIf(!hasOpenssl)('over TLS', () => {
  let tls: { key: Buffer; cert: Buffer };
  let server: HttpsServer;
  let port: number;
  const bytes = patternBytes(3 * MiB + 77, 5);
  beforeAll(async () => {
    tls = await selfSignedCertificate('DNS:localhost');
    server = createHttpsServer(tls, (_req, res) => {
      res.writeHead(200, { 'content-length': bytes.byteLength, etag: md5(bytes) }).end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('lends an HTTPS body intact, the certificate checked against the CA it was given (SNI, host name)', async () => {
    const result = await socketGet(new URL(`https://localhost:${port}/x`), { tls: { ca: tls.cert } });
    expect(result?.status).toBe(200);
    const { bytes: received, sizes } = await lendAll(result!.body);
    expect(received.equals(bytes)).toBe(true);
    // TLS hands over one 16 KiB record per read; they are gathered into blocks.
    expect(Math.max(...sizes)).toBe(BLOCK);
  });

  it('stands aside for a certificate it cannot trust, a host name it does not name, an HTTP/2-only host', async () => {
    expect(await socketGet(new URL(`https://localhost:${port}/x`))).toBeUndefined();
    expect(await socketGet(new URL(`https://127.0.0.1:${port}/x`), { tls: { ca: tls.cert } })).toBeUndefined();
    const h2 = createSecureServer({ ...tls, allowHTTP1: false }, (_req, res) => res.end('h2'));
    await new Promise<void>((resolve) => h2.listen(0, '127.0.0.1', resolve));
    const h2Port = (h2.address() as AddressInfo).port;
    expect(await socketGet(new URL(`https://localhost:${h2Port}/x`), { tls: { ca: tls.cert } })).toBeUndefined();
    h2.close();
    // Undici then decides, with verification on as ever: the untrusted certificate is refused.
    await expect(agent.get(`https://localhost:${port}/x`)).rejects.toThrow();
  });

  it('trusts NODE_EXTRA_CA_CERTS as Node does by default (a child process through the whole agent)', async () => {
    const dir = await tempDir();
    const ca = join(dir, 'ca.pem');
    await writeFile(ca, tls.cert);
    const script = [
      `import { undiciTransfer } from ${JSON.stringify(new URL('../../src/node/index.ts', import.meta.url).pathname)};`,
      `import { isLendingBody } from ${JSON.stringify(new URL('../../src/ports/transfer.ts', import.meta.url).pathname)};`,
      'const agent = undiciTransfer({ env: {} });',
      `const result = await agent.get('https://localhost:${port}/x');`,
      'let length = 0;',
      'await result.body.lend((chunk) => { length += chunk.byteLength; });',
      'console.log(JSON.stringify({ lent: isLendingBody(result.body), length }));',
    ].join('\n');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: ca },
      },
    );
    expect(JSON.parse(stdout)).toEqual({ lent: true, length: bytes.byteLength });
  });
});
