import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MoveValidationError } from '@move-ugc/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MoveTransferError } from '../../src/errors';
import { directorySink, undiciTransfer } from '../../src/node/index';
import type { OutputSink, OutputTarget } from '../../src/ports/sinks';
import { type S3Server, startS3Server } from './helpers/s3-server';
import { patternBytes, useTempDirs } from './helpers/temp';

const MiB = 1024 * 1024;
const tempDir = useTempDirs();
const target = (fileName: string): OutputTarget => ({ jobId: 'job-1', fileId: 'file-1', format: 'fbx', fileName });
/** The target with a temporary file of the sink's making, as the workflow journals it. */
const withPartial = (sink: OutputSink, t: OutputTarget): OutputTarget => ({ ...t, partial: sink.newPartial!(t) });

/** Yields `bytes` in pieces; with `failAfter`, throws once that many bytes went out (a cut connection). */
async function* pieces(bytes: Uint8Array, options: { size?: number; failAfter?: number } = {}) {
  const size = options.size ?? 64 * 1024;
  for (let at = 0; at < bytes.byteLength; at += size) {
    if (options.failAfter !== undefined && at >= options.failAfter) throw new Error('socket hang up');
    yield bytes.subarray(at, at + size);
  }
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('directorySink', () => {
  it('writes a temporary .<name>.<random>.part, then renames it to <name> and reports the location', async () => {
    const dir = join(await tempDir(), 'nested', 'out');
    const bytes = patternBytes(3 * MiB + 5);
    const progress: number[] = [];
    const sink = directorySink(dir, { onProgress: (_t, held) => progress.push(held) });
    const t = withPartial(sink, target('dance.fbx'));
    expect(basename(t.partial!)).toMatch(/^\.dance\.fbx\.[0-9a-f]{8}\.part$/);
    const saved = await sink.save(t, pieces(bytes), 0, bytes.byteLength);
    expect(saved).toEqual({ bytes: bytes.byteLength, location: join(dir, 'dance.fbx') });
    expect((await readFile(join(dir, 'dance.fbx'))).equals(bytes)).toBe(true);
    expect(await readdir(dir)).toEqual(['dance.fbx']);
    expect(progress.at(-1)).toBe(bytes.byteLength);
    expect(await sink.held({ ...t, partial: undefined, saved: saved.location }, bytes.byteLength)).toBe(
      bytes.byteLength,
    );
  });

  // Durable: 70 MiB, so the background fdatasync (every 64 MiB) runs too.
  it.each([
    ['', 6 * MiB + 333, false],
    [' (durable: fsynced as it goes)', 70 * MiB + 333, true],
  ])(
    'resumes after a cut%s: the partial file keeps what arrived, the final name appears only when complete',
    async (_label, size, durable) => {
      const dir = await tempDir();
      const bytes = patternBytes(size);
      const sink = directorySink(dir, { durable });
      const t = withPartial(sink, target('take.mp4'));

      await expect(sink.save(t, pieces(bytes, { failAfter: 3 * MiB }), 0, bytes.byteLength)).rejects.toThrow(/hang up/);
      expect(await exists(join(dir, 'take.mp4'))).toBe(false);
      // Every byte that arrived before the cut is kept, none is lost in a write buffer.
      const held = await sink.held(t, bytes.byteLength);
      expect(held).toBe(3 * MiB);
      expect((await readFile(t.partial!)).equals(bytes.subarray(0, held))).toBe(true);

      // A second cut while resuming still leaves no final file.
      const second = bytes.subarray(held);
      await expect(sink.save(t, pieces(second, { failAfter: MiB }), held, bytes.byteLength)).rejects.toThrow();
      expect(await exists(join(dir, 'take.mp4'))).toBe(false);
      const held2 = await sink.held(t, bytes.byteLength);
      expect(held2).toBe(held + MiB);

      const saved = await sink.save(t, pieces(bytes.subarray(held2)), held2, bytes.byteLength);
      expect(saved.bytes).toBe(bytes.byteLength);
      expect((await readFile(join(dir, 'take.mp4'))).equals(bytes)).toBe(true);
      expect(await readdir(dir)).toEqual(['take.mp4']);
    },
  );

  it('truncates a partial file longer than the offset before appending', async () => {
    const dir = await tempDir();
    const sink = directorySink(dir);
    const t = withPartial(sink, target('a.fbx'));
    const bytes = patternBytes(100_000);
    await writeFile(t.partial!, Buffer.concat([bytes.subarray(0, 60_000), Buffer.alloc(500, 9)]));
    const saved = await sink.save(t, pieces(bytes.subarray(60_000)), 60_000, 100_000);
    expect(saved.bytes).toBe(100_000);
    expect((await readFile(join(dir, 'a.fbx'))).equals(bytes)).toBe(true);
  });

  it('refuses to resume from a partial file that is missing or shorter than the offset', async () => {
    const dir = await tempDir();
    const sink = directorySink(dir);
    await expect(sink.save(target('gone.fbx'), pieces(patternBytes(10)), 100, 110)).rejects.toBeInstanceOf(
      MoveTransferError,
    );
    const short = withPartial(sink, target('short.fbx'));
    await writeFile(short.partial!, patternBytes(50));
    await expect(sink.save(short, pieces(patternBytes(10)), 100, 110)).rejects.toThrow(/holds only 50/);
  });

  it('a size mismatch is an error and leaves no final file', async () => {
    const dir = await tempDir();
    const sink = directorySink(dir);
    const bytes = patternBytes(200_000);
    const few = withPartial(sink, target('few.fbx'));
    // Too few bytes: kept as the partial file for a resumed attempt.
    await expect(sink.save(few, pieces(bytes), 0, 300_000)).rejects.toThrow(/200000 bytes instead of 300000/);
    expect(await exists(join(dir, 'few.fbx'))).toBe(false);
    expect(await sink.held(few, 300_000)).toBe(200_000);
    // Too many: can never become right, so the partial file goes too.
    await expect(sink.save(target('many.fbx'), pieces(bytes), 0, 100_000)).rejects.toBeInstanceOf(MoveTransferError);
    expect(await readdir(dir)).toEqual([basename(few.partial!)]);
  });

  it('held(): the complete output where this run saved it, else the partial file it names, else 0', async () => {
    const dir = await tempDir();
    const sink = directorySink(dir);
    const t = withPartial(sink, target('x.fbx'));
    expect(await sink.held(t, 10)).toBe(0);
    expect(await sink.held(t, undefined)).toBe(0);
    expect(await sink.held(target('missing-dir.fbx'), undefined)).toBe(0);
    await writeFile(t.partial!, patternBytes(4));
    expect(await sink.held(t, 10)).toBe(4);
    expect(await sink.held(t, 3)).toBe(0); // longer than the output: another version
    expect(await sink.held(target('x.fbx'), 10)).toBe(0); // a partial file nobody named
    await writeFile(join(dir, 'x.fbx'), patternBytes(10));
    const saved = { ...target('x.fbx'), saved: join(dir, 'x.fbx') };
    expect(await sink.held(saved, 10)).toBe(10);
    expect(await sink.held(saved, undefined)).toBe(10);
    expect(await sink.held(saved, 12)).toBe(0); // of another size: not this output
    expect(await sink.held({ ...saved, saved: join(dir, 'elsewhere', 'x.fbx') }, 10)).toBe(0);
    expect(await directorySink(join(dir, 'not-yet')).held(t, 10)).toBe(0);
  });

  it('refuses names that could leave the directory', async () => {
    const dir = await tempDir();
    const sink = directorySink(dir);
    for (const name of ['../evil.fbx', 'a/b.fbx', '..', '.', '', 'a\\b.fbx', '/etc/passwd', 'x\0.fbx', 'up..fbx']) {
      await expect(sink.save(target(name), pieces(patternBytes(4)), 0, 4), name).rejects.toBeInstanceOf(
        MoveValidationError,
      );
      await expect(sink.held(target(name), 4), name).rejects.toThrow(/must not/);
    }
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('directorySink with undiciTransfer', () => {
  let server: S3Server;
  beforeAll(async () => {
    server = await startS3Server();
  });
  afterAll(async () => {
    await server.close();
  });

  it('downloads, is cut, and resumes with Range + If-Match to a byte-identical file', async () => {
    const bytes = patternBytes(8 * MiB + 1);
    const { etag } = await server.seed('out/dance.fbx', bytes);
    const agent = undiciTransfer();
    const dir = join(await tempDir(), 'outputs');
    const sink = directorySink(dir);
    const t = withPartial(sink, target('dance.fbx'));

    // First attempt: the reader stops after ~2 MiB, as when the connection drops.
    const first = await agent.get(server.url('out/dance.fbx'));
    const cut = (async function* () {
      let seen = 0;
      for await (const chunk of first.body) {
        yield chunk;
        seen += chunk.byteLength;
        if (seen >= 2 * MiB) throw new Error('ECONNRESET');
      }
    })();
    await expect(sink.save(t, cut, 0, bytes.byteLength)).rejects.toThrow('ECONNRESET');
    await first.cancel();
    expect(await exists(join(dir, 'dance.fbx'))).toBe(false);

    const offset = await sink.held(t, undefined);
    expect(offset).toBeGreaterThan(0);
    const rest = await agent.get(server.url('out/dance.fbx'), { offset, ifMatch: etag });
    expect(rest.status).toBe(206);
    const saved = await sink.save(t, rest.body, offset, bytes.byteLength);
    expect(saved).toEqual({ bytes: bytes.byteLength, location: join(dir, 'dance.fbx') });
    expect((await readFile(join(dir, 'dance.fbx'))).equals(bytes)).toBe(true);
    await agent.close();
  });

  it('writes into an existing directory alongside other files', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'keep'));
    await writeFile(join(dir, 'keep', 'x'), 'x');
    const bytes = patternBytes(1000);
    await directorySink(dir).save(target('o.bvh'), pieces(bytes), 0, undefined);
    expect((await readdir(dir)).sort()).toEqual(['keep', 'o.bvh']);
  });
});
