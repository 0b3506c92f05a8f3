import { describe, expect, it } from 'vitest';
import { expectedOutputBytes, sampleVideo } from '../src/index';
import {
  CREATE_FILE,
  createJob,
  createTake,
  data,
  FakeClock,
  type FileShape,
  getJob,
  put,
  useMswSimulator,
} from './helpers';

const simulator = useMswSimulator();

async function newFile(endpoint: string): Promise<FileShape & { url: URL }> {
  const { createFile } = await data<{ createFile: FileShape }>(endpoint, CREATE_FILE, { type: 'mp4' });
  return { ...createFile, url: new URL(createFile.presignedUrl ?? '') };
}

/** A finished job's first output URL, with a 3000-byte body. */
async function outputUrl(clock: FakeClock, endpoint: string) {
  const jobId = await createJob(endpoint, await createTake(endpoint), { outputs: ['MAIN_FBX'] });
  clock.advance(60_000);
  const job = await getJob(endpoint, jobId);
  return { jobId, url: job.outputs[0]?.file.presignedUrl ?? '' };
}

describe('presigned URLs', () => {
  it('refuse a tampered signature, path or expiry with 403 SignatureDoesNotMatch', async () => {
    const sim = simulator();
    const file = await newFile(sim.endpoint);
    const tampered = [
      (u: URL) => u.searchParams.set('Signature', Buffer.alloc(32).toString('base64')),
      (u: URL) => u.searchParams.set('X-Mock-Expires-At', String(Date.now() + 1e9)),
      (u: URL) => u.searchParams.set('Expires', String(Math.ceil(Date.now() / 1000) + 1e6)),
      (u: URL) => {
        u.pathname = u.pathname.replace(file.id, 'file-00000000-0000-4000-8000-000000000000');
      },
    ];
    for (const change of tampered) {
      const url = new URL(file.url);
      change(url);
      const response = await put(url.toString(), sampleVideo());
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    }
    const unsigned = await put(`${file.url.origin}${file.url.pathname}`, sampleVideo());
    expect(unsigned.status).toBe(403);
    expect(sim.storedBytes(file.id)).toBeUndefined();
  });

  it('refuse a Content-Type, Content-MD5 or x-amz-* header they were not signed with, as S3 does', async () => {
    const sim = simulator();
    const file = await newFile(sim.endpoint);
    expect([...file.url.searchParams.keys()].sort()).toEqual([
      'AWSAccessKeyId',
      'Expires',
      'Signature',
      'X-Mock-Expires-At',
    ]);
    const unsigned: Record<string, string>[] = [
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'video/mp4' },
      { 'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==' },
      { 'x-amz-meta-origin': 'n8n' },
    ];
    for (const headers of unsigned) {
      const response = await put(file.url.toString(), sampleVideo(), headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      const text = await response.text();
      expect(text).toContain('<Code>SignatureDoesNotMatch</Code>');
      // Like S3, the answer shows what the server signed, the header sent among it.
      const signed = /<StringToSign>([^<]*)<\/StringToSign>/.exec(text)?.[1] ?? '';
      expect(signed).toMatch(/^PUT\n/);
      expect(signed).toContain(Object.values(headers)[0]!);
      expect(text).toContain(`<SignatureProvided>${file.url.searchParams.get('Signature')}</SignatureProvided>`);
    }
    expect(sim.storedBytes(file.id)).toBeUndefined();
    // Without them, the same URL takes the upload.
    expect((await put(file.url.toString(), sampleVideo())).status).toBe(200);
    expect(sim.storedBytes(file.id)).toBe(64);
  });

  it('expire after urlTtlMs, to the millisecond', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now, urlTtlMs: 50 });
    const file = await newFile(sim.endpoint);
    // Expires is S3's whole epoch seconds; X-Mock-Expires-At decides to the millisecond.
    const expiresAt = Number(file.url.searchParams.get('X-Mock-Expires-At'));
    expect(expiresAt).toBe(clock.ms + 50);
    expect(file.url.searchParams.get('Expires')).toBe(String(Math.ceil(expiresAt / 1000)));
    clock.advance(51);
    const response = await put(file.url.toString(), sampleVideo());
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(text).toContain('<Code>AccessDenied</Code>');
    expect(text).toContain('<Message>Request has expired</Message>');
    // getFile hands out a fresh one.
    const { getFile } = await data<{ getFile: FileShape }>(
      sim.endpoint,
      'query($id: ID!) { getFile(fileId: $id) { presignedUrl } }',
      { id: file.id },
    );
    expect((await put(getFile.presignedUrl ?? '', sampleVideo())).status).toBe(200);
  });
});

describe('uploads', () => {
  it('reject a body that does not match its Content-Length', async () => {
    const sim = simulator();
    const file = await newFile(sim.endpoint);
    const short = await put(file.url.toString(), new Uint8Array(10), { 'content-length': '100' });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('<Code>IncompleteBody</Code>');
    const long = await put(file.url.toString(), new Uint8Array(200), { 'content-length': '100' });
    expect(long.status).toBe(400);
    expect(sim.storedBytes(file.id)).toBeUndefined();
    const ok = await put(file.url.toString(), sampleVideo('MP4', 100), { 'content-length': '100' });
    expect(ok.status).toBe(200);
    expect(sim.storedBytes(file.id)).toBe(100);
  });

  it('reject an explicit chunked transfer encoding with 501', async () => {
    const sim = simulator();
    const file = await newFile(sim.endpoint);
    const response = await put(file.url.toString(), new Uint8Array(10), { 'transfer-encoding': 'chunked' });
    expect(response.status).toBe(501);
  });

  it('are only for source files', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now });
    const { url } = await outputUrl(clock, sim.endpoint);
    // An output's GET URL signed for GET does not allow a PUT.
    expect((await put(url, new Uint8Array(1))).status).toBe(405);
  });
});

describe('downloads', () => {
  it('serve byte ranges (206), refuse unsatisfiable ones (416) and answer HEAD', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now, outputBytes: 3000 });
    const { jobId, url } = await outputUrl(clock, sim.endpoint);
    const all = expectedOutputBytes(jobId, 'fbx', 3000);

    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=1000-', 1000, 2999],
      ['bytes=-17', 2983, 2999],
      ['bytes=2990-5000', 2990, 2999],
      ['bytes=5-5', 5, 5],
      ['bytes=17-31', 17, 31],
    ];
    for (const [range, start, end] of cases) {
      const response = await fetch(url, { headers: { range } });
      expect(response.status).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/3000`);
      expect(response.headers.get('content-length')).toBe(String(end - start + 1));
      expect(Buffer.from(await response.arrayBuffer()).equals(all.subarray(start, end + 1))).toBe(true);
    }

    const unsatisfiable = await fetch(url, { headers: { range: 'bytes=3000-' } });
    expect(unsatisfiable.status).toBe(416);
    expect(unsatisfiable.headers.get('content-range')).toBe('bytes */3000');
    expect(await unsatisfiable.text()).toContain('<Code>InvalidRange</Code>');

    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('3000');
    expect(head.headers.get('etag')).toMatch(/^".+"$/);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('honour If-Match (412 on a changed ETag)', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now });
    const { url } = await outputUrl(clock, sim.endpoint);
    const etag = (await fetch(url, { method: 'HEAD' })).headers.get('etag') ?? '';
    expect((await fetch(url, { headers: { 'if-match': etag, range: 'bytes=0-9' } })).status).toBe(206);
    expect((await fetch(url, { headers: { 'if-match': '*' } })).status).toBe(200);
    const mismatch = await fetch(url, { headers: { 'if-match': '"something-else"' } });
    expect(mismatch.status).toBe(412);
    expect(await mismatch.text()).toContain('<Code>PreconditionFailed</Code>');
  });

  it('expire like uploads and refuse tampering', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now, urlTtlMs: 1_000 });
    const { url } = await outputUrl(clock, sim.endpoint);
    const forged = new URL(url);
    forged.searchParams.set('Signature', Buffer.alloc(32, 0xab).toString('base64'));
    expect((await fetch(forged)).status).toBe(403);
    clock.advance(1_001);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
  });

  it('404 for paths that are no output', async () => {
    const sim = simulator();
    expect((await fetch(`${sim.baseUrl}/outputs/job-x`)).status).toBe(404);
  });
});
