import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../src/inputs';
import { checkNotLfsPointer, displayPath, findVideos } from '../src/videos';

let ws: string;
const write = async (path: string, text = 'x') => {
  await mkdir(dirname(join(ws, path)), { recursive: true });
  await writeFile(join(ws, path), text);
};
const found = async (lines: string[], outputDir = join(ws, 'move-outputs')) =>
  (await findVideos(lines, ws, outputDir)).map((video) => video.display);

beforeEach(async () => {
  ws = await mkdtemp(join(tmpdir(), 'videos-'));
  for (const path of [
    'b/walk.mp4',
    'a/run.MOV',
    'a/run.mov',
    'a/.hidden.mp4',
    'a/notes.txt',
    'move-outputs/a/run/run.mp4',
  ]) {
    await write(path);
  }
});
afterEach(() => rm(ws, { recursive: true, force: true }));

describe('findVideos', () => {
  it('expands globs, sorted, without dot files or the output directory', async () => {
    expect(await found(['**/*.{mp4,mov}'])).toEqual(['a/run.mov', 'b/walk.mp4']);
  });

  it('applies ! exclusions and merges duplicates', async () => {
    expect(await found(['**/*.mp4', 'b/walk.mp4', 'a/*', '!a/*.txt', '!**/*.MOV'])).toEqual([
      'a/run.mov',
      'b/walk.mp4',
    ]);
  });

  it('keeps literal paths as given, even missing ones (opening them reports that)', async () => {
    expect(await found(['b/walk.mp4', 'missing.mp4', `${ws}/a/run.mov`])).toEqual([
      'a/run.mov',
      'b/walk.mp4',
      'missing.mp4',
    ]);
  });

  it('fails for every glob that matches nothing', async () => {
    await expect(findVideos(['clips/*.mp4', '**/*.avi', 'b/*.mp4'], ws, join(ws, 'out'))).rejects.toThrow(InputError);
    try {
      await findVideos(['clips/*.mp4', '**/*.avi'], ws, join(ws, 'out'));
    } catch (error) {
      expect((error as InputError).problems).toEqual([
        expect.stringContaining('"clips/*.mp4" matches no file'),
        expect.stringContaining('"**/*.avi" matches no file'),
      ]);
      expect((error as InputError).problems[0]).toContain('with `lfs: true`');
    }
  });
});

describe('displayPath', () => {
  it('is relative inside the workspace and absolute outside it', () => {
    expect(displayPath('/ws/a/b.mp4', '/ws')).toBe('a/b.mp4');
    expect(displayPath('/ws2/b.mp4', '/ws')).toBe('/ws2/b.mp4');
    expect(displayPath('/b.mp4', '/ws')).toBe('/b.mp4');
  });
});

describe('checkNotLfsPointer', () => {
  it('recognises a Git LFS pointer and leaves anything else to the video checks', async () => {
    await write('lfs.mp4', 'version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 10\n');
    await expect(checkNotLfsPointer({ path: join(ws, 'lfs.mp4'), display: 'lfs.mp4' })).rejects.toThrow(
      'video "lfs.mp4" is a Git LFS pointer, not the video itself',
    );
    await expect(checkNotLfsPointer({ path: join(ws, 'b/walk.mp4'), display: 'b/walk.mp4' })).resolves.toBeUndefined();
    await expect(
      checkNotLfsPointer({ path: join(ws, 'missing.mp4'), display: 'missing.mp4' }),
    ).resolves.toBeUndefined();
    await expect(checkNotLfsPointer({ path: join(ws, 'a'), display: 'a' })).resolves.toBeUndefined();
  });
});
