import { connect } from 'node:net';
import { request as undiciRequest } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSimulator,
  outputChecksum,
  type RunningServer,
  type Simulator,
  sampleVideo,
  startServer,
} from '../src/index';
import { CREATE_FILE, createJob, createTake, data, FakeClock, type FileShape, getJob, gql, sha256 } from './helpers';

let sim: Simulator;
let server: RunningServer;

async function serve(options: Parameters<typeof createSimulator>[0] = {}, bandwidthBytesPerSec?: number) {
  sim = createSimulator({ seed: 7, ...options });
  server = await startServer(sim, bandwidthBytesPerSec ? { bandwidthBytesPerSec } : {});
  return { sim, server };
}

afterEach(async () => {
  await server?.close();
  await sim?.close();
});

/** Sends raw HTTP/1.1 bytes and returns the raw response text (what fetch will not let us send). */
function raw(port: number, head: string, body = '', keepOpen = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      const bytes = `${head}\r\n\r\n${body}`;
      if (keepOpen) socket.write(bytes);
      else socket.end(bytes);
    });
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('end', () => resolve(text));
    socket.on('error', (error) => (text ? resolve(text) : reject(error)));
  });
}

async function getFileUrl(id: string): Promise<URL> {
  const { getFile } = await data<{ getFile: FileShape }>(
    server.endpoint,
    'query($id: ID!) { getFile(fileId: $id) { presignedUrl } }',
    { id },
  );
  return new URL(getFile.presignedUrl ?? '');
}

async function newUploadUrl(): Promise<{ id: string; url: URL }> {
  const { createFile } = await data<{ createFile: FileShape }>(server.endpoint, CREATE_FILE, { type: 'mp4' });
  return { id: createFile.id, url: new URL(createFile.presignedUrl ?? '') };
}

describe('the HTTP server', () => {
  it('runs the whole workflow on real timers, with undici', async () => {
    await serve({ jobDurationMs: 150, outputDelayMs: 30, outputBytes: 100_000 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.endpoint).toBe(`${server.url}/graphql`);
    expect(sim.endpoint).toBe(server.endpoint);

    const takeId = await createTake(server.endpoint);
    const jobId = await createJob(server.endpoint, takeId, { outputs: ['MAIN_GLB'] });
    let job = await getJob(server.endpoint, jobId);
    const deadline = Date.now() + 5_000;
    // An empty list is not "all ready": outputs are listed once the job FINISHED.
    while ((job.outputs.length === 0 || !job.outputs.every((o) => o.file.presignedUrl)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = await getJob(server.endpoint, jobId);
    }
    expect(job.progress.state).toBe('FINISHED');
    const [glb] = job.outputs;
    expect(glb?.format).toBe('glb');
    const response = await undiciRequest(glb?.file.presignedUrl ?? '');
    expect(response.statusCode).toBe(200);
    const bytes = new Uint8Array(await response.body.arrayBuffer());
    expect(sha256(bytes)).toBe(outputChecksum(jobId, 'glb', 100_000));
  });

  it('answers 401 with AppSync’s exact body', async () => {
    await serve();
    for (const key of [null, 'nope', `Bearer ${sim.apiKeys[0]}`]) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (key) headers.authorization = key;
      const response = await fetch(server.endpoint, { method: 'POST', headers, body: '{"query":"{ client { id } }"}' });
      expect(response.status).toBe(401);
      expect(await response.text()).toBe(
        '{"errors":[{"errorType":"UnauthorizedException","message":"You are not authorized to make this call."}]}',
      );
    }
  });

  it('rejects a chunked upload with 501, as S3 does', async () => {
    await serve();
    const { id, url } = await newUploadUrl();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(sampleVideo('MP4', 64));
        controller.close();
      },
    });
    const response = await fetch(url, { method: 'PUT', body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(501);
    const text = await response.text();
    expect(text).toContain('<Code>NotImplemented</Code>');
    expect(text).toContain('<Header>Transfer-Encoding</Header>');
    expect(sim.storedBytes(id)).toBeUndefined();
  });

  it('wants a Content-Length (411) and the body it announces (400)', async () => {
    await serve({ uploadIdleTimeoutMs: 100 });
    const { id, url } = await newUploadUrl();
    const target = `${url.pathname}${url.search}`;
    const missing = await raw(server.port, `PUT ${target} HTTP/1.1\r\nHost: x\r\nConnection: close`);
    expect(missing).toMatch(/^HTTP\/1\.1 411 /);
    expect(missing).toContain('<Code>MissingContentLength</Code>');

    // A body that stops short while the connection stays open: S3's RequestTimeout.
    const stalled = await raw(
      server.port,
      `PUT ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 100`,
      'ten bytes.',
      true,
    );
    expect(stalled).toMatch(/^HTTP\/1\.1 400 /);
    expect(stalled).toContain('<Code>RequestTimeout</Code>');
    // A body cut short by the client closing: the request is not taken.
    const cut = await raw(server.port, `PUT ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 100`, 'ten bytes.');
    expect(cut).toMatch(/^HTTP\/1\.1 400 |^$/);
    expect(sim.storedBytes(id)).toBeUndefined();

    const bad = await raw(server.port, `PUT ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 1e3`);
    expect(bad).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('audits what clients sent: headers S3 or Move hold against them, none for a clean run', async () => {
    await serve();
    const clean = await newUploadUrl();
    expect((await fetch(clean.url, { method: 'PUT', body: sampleVideo('MP4', 2048) })).status).toBe(200);
    const output = await fetch(`${clean.url.origin}${clean.url.pathname}?${(await getFileUrl(clean.id)).searchParams}`);
    expect(output.status).toBe(200);
    await output.arrayBuffer();
    expect(sim.auditRequests()).toEqual([]);
    const upload = sim.requests.find((r) => r.kind === 'upload')!;
    expect(upload.headers['content-length']).toBe('2048');
    const graphql = sim.requests.find((r) => r.kind === 'graphql')!;
    expect(graphql.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(sim.requests)).not.toContain(sim.apiKeys[0]);

    // What n8n's HTTP helper used to send: refused by the signature, and named by the audit.
    const typed = await newUploadUrl();
    const refused = await fetch(typed.url, {
      method: 'PUT',
      body: sampleVideo('MP4', 64),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    await fetch(server.endpoint, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.apiKeys[0]}`, 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ getClient { id } }' }),
    });
    await fetch(`${clean.url.origin}${clean.url.pathname}?${(await getFileUrl(clean.id)).searchParams}`, {
      headers: { range: 'bytes=10-' },
    }).then((r) => r.arrayBuffer());
    const problems = sim.auditRequests();
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/PUT \/uploads\/file-\S+: sent content-type: application\/x-www-form-urlencoded$/);
    expect(problems[1]).toMatch(/POST \/graphql: Authorization is Bearer \[redacted\]; Move takes the raw key$/);
    expect(problems[2]).toMatch(/POST \/graphql: sent content-type: text\/plain$/);
    expect(problems[3]).toMatch(/GET \/uploads\/file-\S+: sent Range bytes=10- on a fresh download$/);
    expect(sim.auditRequests({ resumed: true })).toEqual([
      ...problems.slice(0, 3),
      expect.stringMatching(/GET \/uploads\/file-\S+: resumed with Range but no If-Match$/),
    ]);
  });

  it('streams an upload to disk and overwrites it on a second PUT', async () => {
    await serve();
    const { id, url } = await newUploadUrl();
    const first = await fetch(url, { method: 'PUT', body: sampleVideo('MP4', 3 * 1024 * 1024) });
    expect(first.status).toBe(200);
    expect(sim.storedBytes(id)).toBe(3 * 1024 * 1024);
    const second = sampleVideo('MP4', 1000);
    const again = await fetch(url, { method: 'PUT', body: second });
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBe(
      `"${(await import('node:crypto')).createHash('md5').update(second).digest('hex')}"`,
    );
    expect(sim.storedBytes(id)).toBe(1000);
    expect(sim.files().find((f) => f.id === id)?.md5).toBe(again.headers.get('etag')?.slice(1, -1));
  });

  it('answers GraphQL validation errors AppSync-style and malformed bodies with 400', async () => {
    await serve();
    const invalid = await gql(server.endpoint, '{ client { id nope } }');
    expect(invalid.status).toBe(200);
    expect(invalid.body.data).toBeNull();
    expect(invalid.body.errors?.[0]).toMatchObject({
      path: null,
      locations: [{ line: 1, column: 15, sourceName: null }],
    });
    expect(invalid.body.errors?.[0]?.message).toMatch(/^Validation error of type FieldUndefined: /);

    const syntax = await gql(server.endpoint, '{ client { id ');
    expect(syntax.status).toBe(200);
    expect(syntax.body.errors?.[0]?.message).toMatch(/^Invalid Syntax/);

    const response = await fetch(server.endpoint, {
      method: 'POST',
      headers: { authorization: sim.apiKeys[0] ?? '' },
      body: 'nope',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { errorType: string }[] }).errors[0]?.errorType).toBe(
      'MalformedHttpRequestException',
    );
  });

  it('throttles transfers to bandwidthBytesPerSec', async () => {
    const clock = new FakeClock();
    await serve({ now: clock.now, outputBytes: 300_000 }, 1_000_000);
    const jobId = await createJob(server.endpoint, await createTake(server.endpoint), { outputs: ['MAIN_FBX'] });
    clock.advance(60_000);
    const url = (await getJob(server.endpoint, jobId)).outputs[0]?.file.presignedUrl ?? '';
    const started = performance.now();
    expect((await (await fetch(url)).arrayBuffer()).byteLength).toBe(300_000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('serves under a base path and leaves an explicit baseUrl alone', async () => {
    sim = createSimulator({ baseUrl: 'http://127.0.0.1:1/prefix/' });
    server = await startServer(sim);
    expect(sim.baseUrl).toBe('http://127.0.0.1:1/prefix');
    expect(server.endpoint).toBe(`${server.url}/prefix/graphql`);
    expect((await gql(server.endpoint, '{ client { id } }')).status).toBe(200);
    expect((await fetch(`${server.url}/graphql`, { method: 'POST' })).status).toBe(404);
  });
});
