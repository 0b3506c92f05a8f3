import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SNIFF_BYTES } from './sniff';

// Uploaded bytes go to disk as they arrive (never whole in memory), into a temp file that replaces
// the file's previous content only once the whole body arrived intact.

export type StoreResult =
  | { ok: true; size: number; md5: string; head: Uint8Array; path: string }
  | { ok: false; reason: 'too-long' | 'too-short' | 'aborted' | 'idle'; received: number };

/** Thrown by a body that stopped arriving (see idleTimeout in transfers.ts). */
export class IdleBodyError extends Error {
  override name = 'IdleBodyError';
}

export class Storage {
  private dir: string | undefined;
  private readonly owned: boolean;
  private temps = 0;
  private readonly written = new Set<string>();

  constructor(dir?: string) {
    this.dir = dir;
    this.owned = dir === undefined;
  }

  private async ensureDir(): Promise<string> {
    if (this.dir === undefined) this.dir = await mkdtemp(join(tmpdir(), 'move-ugc-mock-'));
    else await mkdir(this.dir, { recursive: true });
    return this.dir;
  }

  /** Streams `body` into the stored content of `fileId`. `expected` is the declared Content-Length. */
  async write(fileId: string, body: AsyncIterable<Uint8Array>, expected: number | undefined): Promise<StoreResult> {
    const dir = await this.ensureDir();
    this.temps += 1;
    const temp = join(dir, `${fileId}.${process.pid}.${this.temps}.part`);
    const out = createWriteStream(temp);
    const md5 = createHash('md5');
    const head = Buffer.alloc(SNIFF_BYTES);
    let size = 0;
    let failure: 'too-long' | 'aborted' | 'idle' | undefined;
    try {
      for await (const chunk of body) {
        if (size < SNIFF_BYTES) head.set(chunk.subarray(0, SNIFF_BYTES - size), size);
        size += chunk.byteLength;
        if (expected !== undefined && size > expected) {
          failure = 'too-long';
          break;
        }
        md5.update(chunk);
        if (!out.write(chunk)) await once(out, 'drain');
      }
    } catch (error) {
      failure = error instanceof IdleBodyError ? 'idle' : 'aborted';
    }
    if (!failure && expected !== undefined && size < expected) {
      await discard(out, temp);
      return { ok: false, reason: 'too-short', received: size };
    }
    if (failure) {
      await discard(out, temp);
      return { ok: false, reason: failure, received: size };
    }
    out.end();
    await once(out, 'finish');
    const path = join(dir, fileId);
    await rename(temp, path);
    this.written.add(path);
    return { ok: true, size, md5: md5.digest('hex'), head: head.subarray(0, Math.min(size, SNIFF_BYTES)), path };
  }

  /** Removes every stored file, and the directory when the simulator made it. */
  async clear(): Promise<void> {
    const paths = [...this.written];
    this.written.clear();
    await Promise.all(paths.map((path) => rm(path, { force: true })));
    if (this.owned && this.dir !== undefined) {
      await rm(this.dir, { recursive: true, force: true });
      this.dir = undefined;
    }
  }
}

async function discard(out: ReturnType<typeof createWriteStream>, temp: string): Promise<void> {
  out.destroy();
  await once(out, 'close').catch(() => undefined);
  await unlink(temp).catch(() => undefined);
}
