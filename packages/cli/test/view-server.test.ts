// The server of `move-ugc view`, without a browser: only its own Host, only under its token, only
// the files job.json lists (streamed, with Range), the headers that keep the page to itself, and
// the stop once the page has gone quiet. In-process against a placeholder page; the CLI as a
// process for its usage errors and its stop.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectedOutputBytes } from '@move-ugc/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureDocument, scanFolder } from '../src/view/capture';
import { CONTENT_SECURITY_POLICY, startViewServer, type ViewServer } from '../src/view/server';
import { type Env, expectNoSecrets, run, start, startSim, waitFor } from './helpers';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP request (fetch would not send our own Host header, nor a path it did not normalise). */
function get(
  server: ViewServer,
  path: string,
  options: { host?: string; range?: string; method?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        setHost: false,
        headers: {
          Host: options.host ?? `127.0.0.1:${server.port}`,
          ...(options.range ? { Range: options.range } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The path of `rest` under the server's token. */
const under = (server: ViewServer, rest: string) => `${new URL(server.url).pathname}${rest}`;

let t: Env;
let root: string;
let assets: string;
const GLB = expectedOutputBytes('job-view-server', 'glb', 0);
const MP4 = expectedOutputBytes('job-view-server', 'mp4', 0);
const servers: ViewServer[] = [];

/** A folder holding `files`, served with the placeholder page. */
async function serve(name: string, files: Record<string, Buffer>, idleMs?: number): Promise<ViewServer> {
  const folder = join(root, name);
  mkdirSync(folder);
  for (const [file, bytes] of Object.entries(files)) writeFileSync(join(folder, file), bytes);
  const document = captureDocument({ source: 'folder', folder, job: null, files: scanFolder(folder) });
  const server = await startViewServer({ folder, document, assetsDir: assets, idleMs });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  t = await startSim();
  root = mkdtempSync(join(tmpdir(), 'move-ugc-view-'));
  assets = join(root, 'page');
  mkdirSync(join(assets, 'assets'), { recursive: true });
  writeFileSync(
    join(assets, 'index.html'),
    '<!doctype html><title>placeholder</title><script src="./assets/a.js"></script>',
  );
  writeFileSync(join(assets, 'assets', 'a.js'), 'console.log(1);\n');
  writeFileSync(join(root, 'secret.txt'), 'outside the folder\n');
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(root, { recursive: true, force: true });
  expectNoSecrets();
  await t.close();
});

describe('view server', () => {
  it('serves the page, its assets and job.json under the token, with the headers that keep it to itself', async () => {
    const server = await serve('both', { 'clip.glb': GLB, 'clip.mp4': MP4, 'clip.render_overlay_mp4.mp4': MP4 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{24}\/$/);
    const page = await get(server, under(server, ''));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await get(server, under(server, 'assets/a.js'))).headers['content-type']).toMatch(/^text\/javascript/);
    // Without the trailing slash, to the page (its urls are relative).
    const bare = await get(server, under(server, '').slice(0, -1));
    expect(bare.status).toBe(308);

    const doc = await get(server, under(server, 'job.json'));
    expect(doc.headers['cache-control']).toBe('no-store');
    expect(doc.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(doc.body.toString())).toEqual({
      source: 'folder',
      folder: join(root, 'both'),
      job: null,
      outputs: [
        { fileName: 'clip.glb', format: 'glb', bytes: GLB.length, url: 'files/clip.glb' },
        { fileName: 'clip.mp4', format: 'mp4', bytes: MP4.length, url: 'files/clip.mp4' },
        {
          fileName: 'clip.render_overlay_mp4.mp4',
          format: 'render_overlay_mp4',
          bytes: MP4.length,
          url: 'files/clip.render_overlay_mp4.mp4',
        },
      ],
      animation: { fileName: 'clip.glb', kind: 'glb', url: 'files/clip.glb' },
      video: { fileName: 'clip.mp4', url: 'files/clip.mp4' },
      hint: null,
    });

    const glb = await get(server, under(server, 'files/clip.glb'));
    expect(glb.status).toBe(200);
    expect(glb.headers['content-type']).toBe('model/gltf-binary');
    expect(glb.headers['accept-ranges']).toBe('bytes');
    expect(glb.body.equals(GLB)).toBe(true);
    expect((await get(server, under(server, 'files/clip.mp4'), { method: 'HEAD' })).headers).toMatchObject({
      'content-type': 'video/mp4',
      'content-length': String(MP4.length),
    });
  });

  it('answers a Range with 206 and exactly those bytes; BI-166 416 for a range past the end', async () => {
    const server = await serve('range', { 'clip.mp4': MP4 });
    const part = await get(server, under(server, 'files/clip.mp4'), { range: 'bytes=100-1123' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1123/${MP4.length}`);
    expect(part.body.equals(MP4.subarray(100, 1124))).toBe(true);
    const tail = await get(server, under(server, 'files/clip.mp4'), { range: 'bytes=-10' });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(MP4.subarray(MP4.length - 10))).toBe(true);
    const open = await get(server, under(server, 'files/clip.mp4'), { range: `bytes=${MP4.length - 5}-` });
    expect(open.body.equals(MP4.subarray(MP4.length - 5))).toBe(true);
    const past = await get(server, under(server, 'files/clip.mp4'), { range: `bytes=${MP4.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${MP4.length}`);
  });

  it('describes a folder with only an FBX (the animation) and BI-167 one with neither GLB nor FBX (a hint)', async () => {
    const fbx = await serve('fbx', { 'walk.fbx': Buffer.from('Kaydara FBX Binary  \0'), 'walk.usdz': Buffer.alloc(9) });
    const fbxDoc = JSON.parse((await get(fbx, under(fbx, 'job.json'))).body.toString());
    expect(fbxDoc).toMatchObject({
      outputs: [{ fileName: 'walk.fbx', format: 'fbx', bytes: 21, url: 'files/walk.fbx' }],
      animation: { fileName: 'walk.fbx', kind: 'fbx', url: 'files/walk.fbx' },
      video: null,
      hint: null,
    });
    expect((await get(fbx, under(fbx, 'files/walk.fbx'))).headers['content-type']).toBe('application/octet-stream');

    const none = await serve('none', { 'walk.mp4': MP4, 'notes.txt': Buffer.from('x') });
    const noneDoc = JSON.parse((await get(none, under(none, 'job.json'))).body.toString());
    expect(noneDoc).toMatchObject({ animation: null, video: { fileName: 'walk.mp4', url: 'files/walk.mp4' } });
    expect(noneDoc.hint).toContain('No GLB or FBX file in');
    expect(noneDoc.hint).toContain('--outputs MAIN_GLB,RENDER_VIDEO');
    // A file the document does not list is not served.
    expect((await get(none, under(none, 'files/notes.txt'))).status).toBe(404);
  });

  it('BI-168 refuses a Host header other than its own (DNS rebinding)', async () => {
    const server = await serve('host', { 'clip.glb': GLB });
    for (const host of [`evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1', 'localhost']) {
      const answer = await get(server, under(server, 'job.json'), { host });
      expect(answer.status, host).toBe(421);
      expect(answer.body.toString()).not.toContain('clip');
    }
    expect((await get(server, under(server, 'job.json'), { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('BI-169 answers a wrong token with a plain 404, as for any unknown path', async () => {
    const server = await serve('token', { 'clip.glb': GLB });
    const token = new URL(server.url).pathname.slice(1, -1);
    const other = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const wrong = [`/${other}/job.json`, '/job.json', '/', `/${token.toUpperCase()}/`, '/favicon.ico'];
    const unknown = await get(server, under(server, 'nothing-here'));
    for (const path of wrong) {
      const answer = await get(server, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.equals(unknown.body)).toBe(true);
    }
    // Only POST keeps the page alive; anything else there is a 404 too.
    expect((await get(server, under(server, 'alive'), { method: 'POST' })).status).toBe(204);
    expect((await get(server, under(server, 'alive'))).status).toBe(404);
    expect((await get(server, `/${token}x/alive`, { method: 'POST' })).status).toBe(404);
  });

  it('BI-170 reaches no file outside the folder, however the path is spelled', async () => {
    const server = await serve('inside', { 'clip.glb': GLB });
    for (const path of [
      'files/..%2F..%2Fetc%2Fpasswd',
      'files/..%2Fsecret.txt',
      'files/../../secret.txt',
      'files/%2e%2e/secret.txt',
      'files/%2Fetc%2Fpasswd',
      'files/%E0%A4%A',
      'assets/../../secret.txt',
      '../secret.txt',
      'files/clip.glb%00.txt',
    ]) {
      const answer = await get(server, under(server, path));
      expect(answer.status, path).toBe(404);
      expect(answer.body.toString()).not.toMatch(/outside the folder|root:/);
    }
  });

  it('resolves `idle` once the page has pinged and then gone quiet', async () => {
    const server = await serve('idle', { 'clip.glb': GLB }, 300);
    let idle = false;
    server.idle.then(() => {
      idle = true;
    });
    // Not before a first ping: the browser may take its time to start.
    await new Promise((r) => setTimeout(r, 500));
    expect(idle).toBe(false);
    for (let i = 0; i < 4; i++) {
      expect((await get(server, under(server, 'alive'), { method: 'POST' })).status).toBe(204);
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(idle).toBe(false);
    await new Promise((r) => setTimeout(r, 400));
    expect(idle).toBe(true);
  });
});

describe('move-ugc view <folder>', () => {
  it('prints the address, serves the folder, and stops once the page stopped pinging', async () => {
    const folder = join(t.dir, 'shown');
    mkdirSync(folder);
    writeFileSync(join(folder, 'walk.glb'), GLB);
    const view = start(['view', folder, '--no-open', '--json'], {
      env: { ...t.env, MOVE_UGC_VIEW_IDLE_MS: '400' },
    });
    const [line] = await waitFor(() => view.output().stdout, /^\{.*\}\n/);
    const printed = JSON.parse(line) as { url: string; folder: string; jobId: string | null };
    expect(printed).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{24}\/$/),
      folder,
      jobId: null,
    });
    const doc = (await (await fetch(`${printed.url}job.json`)).json()) as { animation: { fileName: string } };
    expect(doc.animation.fileName).toBe('walk.glb');
    expect((await fetch(`${printed.url}alive`, { method: 'POST' })).status).toBe(204);
    const result = await view.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('The page was closed (no word from it for 400 ms): stopped.');
  });

  it('stops on SIGTERM, and listens on the --port given', async () => {
    const port = await freePort();
    const view = start(['view', t.dir, '--no-open', '--port', String(port)], { env: t.env });
    const [line] = await waitFor(() => view.output().stdout, /^\{.*\}\n/);
    expect(new URL((JSON.parse(line) as { url: string }).url).port).toBe(String(port));
    view.child.kill('SIGTERM');
    expect((await view.done).code).toBe(0);
  });

  it.each([
    [
      'BI-171 a path that is neither a folder nor a job id',
      ['view', './nowhere'],
      /There is no folder .*nowhere; give an output folder or a job id/,
    ],
    [
      'BI-172 a file instead of its folder',
      ['view', 'clip.glb'],
      /clip\.glb is a file: give the folder it is in \(move-ugc view \.\), or a job id/,
    ],
    [
      'BI-173 --out with a folder',
      ['view', '.', '--out', 'x'],
      /--out is where a job's outputs are downloaded; a folder is shown as it is/,
    ],
    [
      'BI-174 a port out of range',
      ['view', '.', '--port', '70000'],
      /--port takes a whole number from 1 to 65535 \(got "70000"\)/,
    ],
    [
      'BI-175 a take id',
      ['view', 'take-2be2463e-ffa3-419b-beb4-ea0f99c79512'],
      /take-2be2463e\S* is a take id; view needs a job id/,
    ],
    ['BI-176 no argument', ['view'], /Give a job id or an output folder: move-ugc view <job-id \| folder>/],
    [
      'BI-177 run --view with --no-wait',
      ['run', 'clip.mp4', '--view', '--no-wait'],
      /--view shows the outputs, so it waits for them: leave out --no-wait/,
    ],
  ])('%s: exit 2, nothing sent', async (_name, args, message) => {
    writeFileSync(join(t.dir, 'clip.glb'), GLB);
    writeFileSync(join(t.dir, 'clip.mp4'), MP4);
    const before = t.sim.requests.length;
    const result = await run(args, { env: t.env, cwd: t.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(t.sim.requests.length).toBe(before);
  });

  it('BI-178 a --port already taken: exit 1, naming it', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => taken.once('listening', r));
    const port = (taken.address() as { port: number }).port;
    try {
      const result = await run(['view', t.dir, '--no-open', '--port', String(port)], { env: t.env });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use (another program listens there).`);
      expect(result.stderr).not.toContain('EADDRINUSE');
    } finally {
      taken.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
