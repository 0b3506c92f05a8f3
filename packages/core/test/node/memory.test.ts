// Multi-GB files must stream: a 1 GiB upload and download may not grow this process by more than
// a bounded amount (buffers and not-yet-collected garbage), whatever the file size.
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { directorySink, fileSource, undiciTransfer } from '../../src/node/index';
import { type S3Server, startS3Server } from './helpers/s3-server';
import { useTempDirs } from './helpers/temp';

const GiB = 1024 * 1024 * 1024;
const MiB = 1024 * 1024;
const tempDir = useTempDirs();

let server: S3Server;
beforeAll(async () => {
  server = await startS3Server();
});
afterAll(async () => {
  await server.close();
});

it('streams a 1 GiB upload and a 1 GiB download with flat memory', { timeout: 60_000 }, async () => {
  const dir = await tempDir();
  const path = join(dir, 'big.mp4');
  const handle = await open(path, 'w');
  await handle.truncate(GiB); // sparse: no GiB of disk needed
  await handle.close();

  const agent = undiciTransfer();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const source = await fileSource(path);
    let sent = 0;
    const put = await agent.put(server.url('discard/big.mp4'), await source.open(), {
      size: source.size,
      onProgress: (n) => {
        sent = n;
      },
    });
    expect(put.status).toBe(200);
    expect(sent).toBe(GiB);
    expect((await server.putSettled('discard/big.mp4')).received).toBe(GiB);

    const get = await agent.get(server.url(`gen/${GiB}`));
    expect(get.status).toBe(200);
    const saved = await directorySink(join(dir, 'out')).save(
      { jobId: 'j', fileId: 'f', format: 'mp4', fileName: 'big-out.mp4' },
      get.body,
      0,
      GiB,
    );
    expect(saved.bytes).toBe(GiB);
    expect((await stat(join(dir, 'out', 'big-out.mp4'))).size).toBe(GiB);
  } finally {
    clearInterval(sampler);
    await agent.close();
  }
  const growth = (peak - baseline) / MiB;
  console.log(
    `1 GiB up + down: RSS ${Math.round(baseline / MiB)} MiB -> peak ${Math.round(peak / MiB)} MiB (+${Math.round(growth)} MiB)`,
  );
  expect(growth).toBeLessThan(100);
});
