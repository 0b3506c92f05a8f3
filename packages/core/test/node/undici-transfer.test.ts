import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { open, readdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileSource, type UndiciTransferAgent, undiciTransfer } from '../../src/node/index';
import { GEN_BYTE, type S3Server, startS3Server } from './helpers/s3-server';
import { patternBytes, useTempDirs } from './helpers/temp';

const MiB = 1024 * 1024;
const tempDir = useTempDirs();
const md5 = (bytes: Uint8Array) => `"${createHash('md5').update(bytes).digest('hex')}"`;

let server: S3Server;
let agent: UndiciTransferAgent;
beforeAll(async () => {
  server = await startS3Server();
  agent = undiciTransfer();
});
afterAll(async () => {
  await agent.close();
  await server.close();
});

/** Open file descriptors of this process (Linux), to see that a file was closed. */
const openFds = async () => (await readdir('/proc/self/fd')).length;

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function fileOf(bytes: Uint8Array, name = 'clip.mp4') {
  const path = join(await tempDir(), name);
  await writeFile(path, bytes);
  return fileSource(path);
}

describe('undiciTransfer PUT', () => {
  it('streams a file with Content-Length, no chunking and no Content-Type, reporting progress to the end', async () => {
    const bytes = patternBytes(9 * MiB + 123);
    const source = await fileOf(bytes);
    const progress: number[] = [];
    const result = await agent.put(server.url('put/file'), await source.open(), {
      size: source.size,
      onProgress: (sent) => progress.push(sent),
    });
    expect(result.status).toBe(200);
    expect(result.headers.get('ETag')).toBe(md5(bytes));
    const put = await server.putSettled('put/file');
    expect(put.headers['content-length']).toBe(String(bytes.byteLength));
    expect(put.headers['transfer-encoding']).toBeUndefined();
    expect(put.headers['content-type']).toBeUndefined();
    expect(server.objects.get('put/file')?.etag).toBe(md5(bytes));
    expect(progress.at(-1)).toBe(bytes.byteLength);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // Coarse progress: about one call per MiB, not one per small chunk.
    expect(progress.length).toBeLessThanOrEqual(bytes.byteLength / MiB + 2);
  });

  it('sends every byte of a file intact through a congested socket (reused read buffers)', async () => {
    // Many chunks of distinct content, so a buffer refilled too early would show in the digest.
    const bytes = patternBytes(42 * MiB + 4097, 7);
    const source = await fileOf(bytes);
    const progress: number[] = [];
    const result = await agent.put(server.url('slow/file'), await source.open(), {
      size: source.size,
      onProgress: (sent) => progress.push(sent),
    });
    expect(result.status).toBe(200);
    expect(server.objects.get('slow/file')?.etag).toBe(md5(bytes));
    expect(progress.at(-1)).toBe(bytes.byteLength);
  });

  it('fails, rather than sends a short body, when the file shrinks under the upload', async () => {
    const path = join(await tempDir(), 'shrinking.mp4');
    await writeFile(path, patternBytes(10 * MiB));
    const source = await fileSource(path);
    const body = await source.open();
    await truncate(path, 5 * MiB);
    await expect(agent.put(server.url('put/shrinking'), body, { size: source.size })).rejects.toThrow(/became shorter/);
    expect(server.objects.has('put/shrinking')).toBe(false);
  });

  it('sends bytes, Blobs, web streams and async iterables alike', async () => {
    const bytes = patternBytes(300_000);
    async function* pieces() {
      for (let i = 0; i < bytes.byteLength; i += 1000) yield bytes.subarray(i, i + 1000);
    }
    const bodies = {
      bytes: () => bytes,
      blob: () => new Blob([bytes]),
      web: () => new Blob([bytes]).stream(),
      iterable: () => pieces(),
    };
    for (const [kind, body] of Object.entries(bodies)) {
      const progress: number[] = [];
      const result = await agent.put(server.url(`put/${kind}`), body(), {
        size: bytes.byteLength,
        onProgress: (n) => progress.push(n),
      });
      expect(result.status, kind).toBe(200);
      expect(server.objects.get(`put/${kind}`)?.etag, kind).toBe(md5(bytes));
      expect(progress.at(-1), kind).toBe(bytes.byteLength);
      expect((await server.putSettled(`put/${kind}`)).headers['transfer-encoding'], kind).toBeUndefined();
    }
  });

  it('returns an error status with the response text, for the workflow to judge', async () => {
    server.failNextPut('put/denied', 403, '<Error><Code>AccessDenied</Code></Error>');
    const result = await agent.put(server.url('put/denied'), patternBytes(10), { size: 10 });
    expect(result.status).toBe(403);
    expect(await result.text()).toContain('AccessDenied');
  });

  it('fails a body shorter than the announced size instead of sending a wrong length', async () => {
    await expect(
      agent.put(server.url('put/short'), new Blob([patternBytes(100)]).stream(), { size: 200 }),
    ).rejects.toThrow();
    expect(server.objects.has('put/short')).toBe(false);
  });

  it('aborts mid-upload: rejects with the abort reason and the server sees an incomplete body', async () => {
    const size = 256 * MiB;
    // A generated body that never ends early on its own (so only the abort can stop it).
    const block = Buffer.alloc(MiB, 7);
    async function* slow() {
      for (let sent = 0; sent < size; sent += MiB) {
        yield block;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
    const controller = new AbortController();
    let lastProgress = 0;
    const upload = agent.put(server.url('put/aborted'), slow(), {
      size,
      signal: controller.signal,
      onProgress: (sent) => {
        lastProgress = sent;
        if (sent >= 8 * MiB) controller.abort();
      },
    });
    const error = await upload.catch((e: unknown) => e);
    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe('AbortError');
    const put = await server.putSettled('put/aborted');
    expect(put.incomplete).toBe(true);
    expect(put.received).toBeLessThan(size);
    expect(lastProgress).toBeLessThan(size);
    expect(server.objects.has('put/aborted')).toBe(false);
  });

  it.skipIf(!existsSync('/proc/self/fd'))('aborting a file upload closes the file', async () => {
    const path = join(await tempDir(), 'big.mp4');
    const handle = await open(path, 'w');
    await handle.truncate(256 * MiB);
    await handle.close();
    const source = await fileSource(path);
    const fds = await openFds();
    const controller = new AbortController();
    const upload = agent.put(server.url('put/file-aborted'), await source.open(), {
      size: source.size,
      signal: controller.signal,
      onProgress: (sent) => {
        if (sent >= 8 * MiB) controller.abort();
      },
    });
    await expect(upload).rejects.toSatisfy((e: unknown) => (e as Error).name === 'AbortError');
    expect((await server.putSettled('put/file-aborted')).incomplete).toBe(true);
    await vi.waitFor(async () => expect(await openFds()).toBeLessThanOrEqual(fds));
  });

  it('rejects at once on an already aborted signal', async () => {
    const signal = AbortSignal.abort();
    await expect(agent.put(server.url('put/never'), patternBytes(5), { size: 5, signal })).rejects.toBe(signal.reason);
    const stream = Readable.from([patternBytes(10)]);
    await expect(agent.put(server.url('put/never'), stream, { size: 10, signal })).rejects.toBe(signal.reason);
    expect(stream.destroyed).toBe(true);
    await expect(agent.get(server.url('get/never'), { signal })).rejects.toBe(signal.reason);
  });

  it('keeps presigned query strings out of connection errors, and closes the file', async () => {
    const closed = undiciTransfer();
    const url = 'http://127.0.0.1:9/put/x?X-Amz-Credential=AKIA123&X-Amz-Signature=secret-signature';
    const error = (await closed.put(url, patternBytes(5), { size: 5 }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(`${error.message} ${String(error.stack)}`).not.toMatch(/secret-signature|AKIA123/);

    const path = join(await tempDir(), 'clip.mp4');
    await writeFile(path, patternBytes(1000));
    const source = await fileSource(path);
    for (const onProgress of [undefined, () => {}]) {
      const fds = await openFds();
      await expect(closed.put(url, await source.open(), { size: source.size, onProgress })).rejects.toThrow();
      const stream = createReadStream(path);
      await expect(closed.put(url, stream, { size: source.size, onProgress })).rejects.toThrow();
      expect(stream.destroyed).toBe(true);
      await vi.waitFor(async () => expect(await openFds()).toBeLessThanOrEqual(fds));
    }
    await closed.close();
  });
});

describe('undiciTransfer GET', () => {
  const bytes = patternBytes(5 * MiB + 9);
  let etag: string;
  beforeAll(async () => {
    etag = (await server.seed('get/object', bytes)).etag;
  });

  it('streams the whole object with status and headers', async () => {
    const result = await agent.get(server.url('get/object'));
    expect(result.status).toBe(200);
    expect(result.headers.get('content-length')).toBe(String(bytes.byteLength));
    expect(result.headers.get('etag')).toBe(etag);
    expect((await collect(result.body)).equals(bytes)).toBe(true);
  });

  it('resumes from an offset (Range) pinned to the version (If-Match)', async () => {
    const offset = 3 * MiB + 1;
    const result = await agent.get(server.url('get/object'), { offset, ifMatch: etag });
    expect(result.status).toBe(206);
    expect(result.headers.get('content-range')).toBe(`bytes ${offset}-${bytes.byteLength - 1}/${bytes.byteLength}`);
    expect((await collect(result.body)).equals(bytes.subarray(offset))).toBe(true);
  });

  it('passes 412 for another version and 416 for an offset past the end', async () => {
    const changed = await agent.get(server.url('get/object'), { offset: 10, ifMatch: '"other"' });
    expect(changed.status).toBe(412);
    await changed.cancel();
    const past = await agent.get(server.url('get/object'), { offset: bytes.byteLength });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.byteLength}`);
    await past.cancel();
  });

  it('cancel() lets go of an unread body, and the agent goes on working', async () => {
    const big = await agent.get(server.url(`gen/${64 * MiB}`));
    expect(big.status).toBe(200);
    await big.cancel();
    const next = await agent.get(server.url('gen/1000'));
    expect((await collect(next.body)).equals(Buffer.alloc(1000, GEN_BYTE))).toBe(true);
  });

  it('aborting mid-body fails the iteration with the abort reason', async () => {
    const controller = new AbortController();
    const result = await agent.get(server.url(`gen/${256 * MiB}`), { signal: controller.signal });
    let received = 0;
    const reading = (async () => {
      for await (const chunk of result.body) {
        received += chunk.byteLength;
        if (received >= 4 * MiB) controller.abort();
      }
    })();
    const error = await reading.catch((e: unknown) => e);
    expect(error).toBe(controller.signal.reason);
    expect(received).toBeLessThan(256 * MiB);
  });
});
