import { createHash } from 'node:crypto';
import { chmod, realpath, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MoveValidationError } from '@move-ugc/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileBody, fileSource } from '../../src/node/index';
import { fetchTransfer } from '../../src/ports/transfer';
import { type S3Server, startS3Server } from './helpers/s3-server';
import { isRoot, patternBytes, useTempDirs } from './helpers/temp';

const tempDir = useTempDirs();

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('fileSource', () => {
  it('BI-24 rejects a missing file, naming the path', async () => {
    const path = join(await tempDir(), 'nope.mp4');
    const error = await fileSource(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MoveValidationError);
    expect((error as Error).message).toBe(`No file at ${path}; check the path and the current directory.`);
  });

  it('BI-25 rejects a directory', async () => {
    const dir = await tempDir();
    await expect(fileSource(dir)).rejects.toThrow(`${dir} is a directory; give the path of a video file instead.`);
  });

  it('BI-26 rejects an empty file', async () => {
    const path = join(await tempDir(), 'empty.mp4');
    await writeFile(path, '');
    await expect(fileSource(path)).rejects.toSatisfy(
      (e: unknown) => e instanceof MoveValidationError && e.message.includes(path) && /empty/.test(e.message),
    );
  });

  // Root reads through mode 000, so the permission check cannot be provoked when tests run as root.
  it.skipIf(isRoot)('rejects an unreadable file', async () => {
    const path = join(await tempDir(), 'secret.mp4');
    await writeFile(path, 'data');
    await chmod(path, 0o000);
    await expect(fileSource(path)).rejects.toThrow(/permission denied/);
  });

  it('BI-40 rejects a path through a file', async () => {
    const file = join(await tempDir(), 'a.mp4');
    await writeFile(file, 'data');
    const error = await fileSource(join(file, 'b.mp4')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MoveValidationError);
    expect((error as Error).message).toMatch(/b\.mp4 is not a valid path: one of its parent parts is a file/);
  });

  it('reads the head, streams the whole file, and names it after its base name', async () => {
    const bytes = patternBytes(3 * 1024 * 1024 + 17);
    const path = join(await tempDir(), 'clip.mp4');
    await writeFile(path, bytes);
    const source = await fileSource(path);
    expect(source.name).toBe('clip.mp4');
    expect(source.size).toBe(bytes.byteLength);
    expect(Buffer.from(await source.head(12))).toEqual(bytes.subarray(0, 12));
    expect((await source.head(10 * 1024 * 1024)).byteLength).toBe(bytes.byteLength);
    const body = await source.open();
    expect(body).toBeInstanceOf(FileBody);
    expect((await collect(body as FileBody)).equals(bytes)).toBe(true);
    // A second attempt gets a fresh stream; the reused-buffer reading gives the same bytes.
    expect((await collect((await source.open()) as FileBody)).equals(bytes)).toBe(true);
    const copies: Buffer[] = [];
    for await (const chunk of (body as FileBody).reusingBuffers()) copies.push(Buffer.from(chunk));
    expect(Buffer.concat(copies).equals(bytes)).toBe(true);
    expect((await fileSource(path, 'other.mov')).name).toBe('other.mov');
  });

  it('identity is path + size + mtime, the same through a symlink, and changes with the content', async () => {
    const dir = await tempDir();
    const path = join(dir, 'clip.mp4');
    await writeFile(path, 'abcdef');
    const { mtimeMs } = await stat(path);
    const source = await fileSource(path);
    expect(await source.identity()).toBe(`file:${await realpath(path)}:6:${mtimeMs}`);
    await symlink(path, join(dir, 'link.mp4'));
    expect(await (await fileSource(join(dir, 'link.mp4'))).identity()).toBe(await source.identity());

    await writeFile(path, 'abcdeg');
    await utimes(path, new Date(), new Date(Date.now() + 5000));
    expect(await (await fileSource(path)).identity()).not.toBe(await source.identity());
    // The old source refuses to upload content that is no longer what it described.
    await expect(source.open()).rejects.toThrow(/changed since/);
  });
});

describe('fileSource with fetchTransfer', () => {
  let server: S3Server;
  beforeAll(async () => {
    server = await startS3Server();
  });
  afterAll(async () => {
    await server.close();
  });

  it('is a body fetchTransfer uploads with a Content-Length', async () => {
    const bytes = patternBytes(2 * 1024 * 1024 + 5);
    const path = join(await tempDir(), 'clip.mp4');
    await writeFile(path, bytes);
    const source = await fileSource(path);
    const result = await fetchTransfer().put(server.url('fetch/clip.mp4'), await source.open(), { size: source.size });
    expect(result.status).toBe(200);
    const put = await server.putSettled('fetch/clip.mp4');
    expect(put.headers['content-length']).toBe(String(bytes.byteLength));
    expect(put.headers['transfer-encoding']).toBeUndefined();
    expect(server.objects.get('fetch/clip.mp4')?.etag).toBe(`"${createHash('md5').update(bytes).digest('hex')}"`);
  });
});
