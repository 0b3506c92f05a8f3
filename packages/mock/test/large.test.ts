import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSimulator,
  outputChecksum,
  type RunningServer,
  type Simulator,
  sampleVideo,
  startServer,
} from '../src/index';
import { CREATE_FILE, createJob, createTake, data, FakeClock, type FileShape, getJob } from './helpers';

// Bodies far larger than the memory budget must stream through both sides of the server.

const MiB = 1024 * 1024;
const BUDGET = 64 * MiB;
// Three to four times the budget: big enough that holding a body whole would show, small enough
// to stay quick on a loaded 2-core machine (hashing both ends costs CPU).
const LARGE_DOWNLOAD = 256 * MiB;
const LARGE_UPLOAD = 192 * MiB;

let sim: Simulator;
let server: RunningServer;
const clock = new FakeClock();

beforeAll(async () => {
  sim = createSimulator({ now: clock.now, outputBytes: LARGE_DOWNLOAD });
  server = await startServer(sim);
});

afterAll(async () => {
  await server.close();
  await sim.close();
});

/** Runs `work` while sampling RSS; returns how far RSS rose above where it started. */
async function rssGrowth(work: () => Promise<void>): Promise<number> {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, process.memoryUsage().rss) - before;
}

describe('large bodies', () => {
  it('streams a 256 MiB download without holding it', { timeout: 120_000 }, async () => {
    const jobId = await createJob(server.endpoint, await createTake(server.endpoint), { outputs: ['RENDER_VIDEO'] });
    clock.advance(60_000);
    const url = (await getJob(server.endpoint, jobId)).outputs[0]?.file.presignedUrl ?? '';
    // Warm up (buffers, JIT, the GC's external-memory budget) so the measure is what the size adds.
    const warmUp = await request(url, { headers: { range: `bytes=0-${32 * MiB - 1}` } });
    for await (const _ of warmUp.body);
    const hash = createHash('sha256');
    let size = 0;
    const growth = await rssGrowth(async () => {
      const response = await request(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-length']).toBe(String(LARGE_DOWNLOAD));
      for await (const chunk of response.body) {
        size += (chunk as Buffer).byteLength;
        hash.update(chunk as Buffer);
      }
    });
    expect(size).toBe(LARGE_DOWNLOAD);
    expect(hash.digest('hex')).toBe(outputChecksum(jobId, 'mp4', LARGE_DOWNLOAD));
    expect(growth).toBeLessThan(BUDGET);
  });

  it('streams a 192 MiB upload to disk without holding it', { timeout: 120_000 }, async () => {
    const { createFile } = await data<{ createFile: FileShape }>(server.endpoint, CREATE_FILE, { type: 'mp4' });
    const total = LARGE_UPLOAD;
    const chunk = Buffer.alloc(MiB, 7);
    const head = sampleVideo('MP4', 32);
    const md5 = createHash('md5');
    let status = 0;
    const growth = await rssGrowth(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = httpRequest(createFile.presignedUrl ?? '', {
            method: 'PUT',
            headers: { 'content-length': String(total) },
          });
          req.on('response', (res) => {
            status = res.statusCode ?? 0;
            res.resume();
            res.on('end', resolve);
          });
          req.on('error', reject);
          let sent = 0;
          const pump = () => {
            while (sent < total) {
              const part = sent === 0 ? Buffer.concat([head, chunk.subarray(head.length)]) : chunk;
              md5.update(part);
              sent += part.byteLength;
              if (!req.write(part)) {
                req.once('drain', pump);
                return;
              }
            }
            req.end();
          };
          pump();
        }),
    );
    expect(status).toBe(200);
    expect(sim.storedBytes(createFile.id)).toBe(total);
    expect(sim.files().find((f) => f.id === createFile.id)?.md5).toBe(md5.digest('hex'));
    expect(growth).toBeLessThan(BUDGET);
  });
});
