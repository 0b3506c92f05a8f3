// Multi-GB files must stream: a 1 GiB upload and a 1 GiB download may grow this process only by a
// bounded amount (buffers, JIT, garbage not yet collected), whatever the file size. The server runs
// in its own process so that only the client is measured.
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { directorySink, fileSource, undiciTransfer } from '../../src/node/index';
import { useTempDirs } from './helpers/temp';

const GiB = 1024 * 1024 * 1024;
const MiB = 1024 * 1024;
const tempDir = useTempDirs();

let server: ChildProcess;
let base: string;
beforeAll(async () => {
  server = fork(fileURLToPath(new URL('./helpers/bulk-server.mjs', import.meta.url)), { stdio: 'inherit' });
  const [{ port }] = (await once(server, 'message')) as [{ port: number }];
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => {
  server.kill();
});

it('streams a 1 GiB upload and a 1 GiB download with flat memory', { timeout: 60_000 }, async () => {
  const dir = await tempDir();
  const path = join(dir, 'big.mp4');
  const handle = await open(path, 'w');
  await handle.truncate(GiB); // sparse: no GiB of disk needed to read one
  await handle.close();

  const agent = undiciTransfer();
  // A first request makes V8 compile undici's HTTP parser (WebAssembly) with its optimising tier, a
  // one-off ~35 MiB RSS spike on Node 20 whatever the transfer size: keep it out of the baseline.
  await (await agent.get(`${base}/gen/16`)).cancel();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const source = await fileSource(path);
    let sent = 0;
    const put = await agent.put(`${base}/put/big.mp4?X-Amz-Signature=s`, await source.open(), {
      size: source.size,
      onProgress: (n) => {
        sent = n;
      },
    });
    expect(put.status).toBe(200);
    expect(await put.text()).toBe(String(GiB));
    expect(sent).toBe(GiB);

    const get = await agent.get(`${base}/gen/${GiB}`);
    expect(get.status).toBe(200);
    const target = { jobId: 'j', fileId: 'f', format: 'mp4', fileName: 'big-out.mp4' };
    const saved = await directorySink(join(dir, 'out')).save(target, get.body, 0, GiB);
    expect(saved.bytes).toBe(GiB);
    expect((await stat(join(dir, 'out', 'big-out.mp4'))).size).toBe(GiB);
  } finally {
    clearInterval(sampler);
    await agent.close();
  }
  const growth = (peak - baseline) / MiB;
  console.log(
    `1 GiB up + down: RSS ${Math.round(baseline / MiB)} -> peak ${Math.round(peak / MiB)} MiB (+${Math.round(growth)} MiB)`,
  );
  expect(growth).toBeLessThan(100);
});
