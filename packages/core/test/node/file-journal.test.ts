import { spawnSync } from 'node:child_process';
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { MoveValidationError } from '@move-ugc/sdk';
import { describe, expect, it } from 'vitest';
import { defaultJournalDir, fileJournal, MoveJournalError } from '../../src/node/index';
import type { RunRecord } from '../../src/ports/journal';
import { useTempDirs } from './helpers/temp';

const tempDir = useTempDirs();
const KEY = 'a3f1c9d2e4b5a6c7d8e9f00112233445566778899aabbccddeeff00112233445';

function record(jobId?: string): RunRecord {
  return {
    version: 1,
    intent: KEY,
    createdAt: '2025-01-01T00:00:00.000Z',
    uploads: { video: { fileId: 'file-1', identity: 'file:/x:1:2', uploaded: true } },
    takeId: 'take-1',
    jobId,
    outputs: {},
  };
}

describe('fileJournal', () => {
  it('writes one JSON file per key and reads it back', async () => {
    const dir = join(await tempDir(), 'state', 'runs');
    const journal = fileJournal(dir);
    expect(await journal.read(KEY)).toBeUndefined();
    await journal.write(KEY, record('job-1'));
    expect(await journal.read(KEY)).toEqual(record('job-1'));
    expect(await readdir(dir)).toEqual([`${KEY}.json`]);
    expect(JSON.parse(await readFile(join(dir, `${KEY}.json`), 'utf8')).jobId).toBe('job-1');
    await journal.write(KEY, record('job-2'));
    expect((await journal.read(KEY))?.jobId).toBe('job-2');
  });

  it('replaces the file atomically: concurrent writes leave one whole record and no temp files', async () => {
    const dir = await tempDir();
    const journal = fileJournal(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => journal.write(KEY, record(`job-${i}`))));
    expect((await journal.read(KEY))?.jobId).toMatch(/^job-\d+$/);
    expect(await readdir(dir)).toEqual([`${KEY}.json`]);
  });

  it('ignores a temp file left by a crash mid-write', async () => {
    const dir = await tempDir();
    const journal = fileJournal(dir);
    await journal.write(KEY, record('job-1'));
    await writeFile(join(dir, `${KEY}.json.tmp-123-abcd`), '{"version":1,"upl');
    expect((await journal.read(KEY))?.jobId).toBe('job-1');
  });

  it('a corrupt file is an error naming the file and how to start over', async () => {
    const dir = await tempDir();
    const file = join(dir, `${KEY}.json`);
    await writeFile(file, '{"version":1,"upl');
    const error = await fileJournal(dir)
      .read(KEY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MoveJournalError);
    expect((error as MoveJournalError).path).toBe(file);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/corrupt.*Delete/);

    await writeFile(file, '[1,2]');
    await expect(fileJournal(dir).read(KEY)).rejects.toThrow(/not a run record/);
    await writeFile(file, JSON.stringify({ ...record(), version: 2 }));
    await expect(fileJournal(dir).read(KEY)).rejects.toThrow(/version 2/);
  });

  it('remove() deletes the record, and is fine when there is none', async () => {
    const journal = fileJournal(await tempDir());
    await journal.write(KEY, record());
    await journal.remove?.(KEY);
    expect(await journal.read(KEY)).toBeUndefined();
    await journal.remove?.(KEY);
  });

  it('refuses keys that are not plain file names', async () => {
    const dir = await tempDir();
    const journal = fileJournal(dir);
    for (const key of ['../escape', 'a/b', '', '.', 'x'.repeat(129), 'a b', 'a.json']) {
      await expect(journal.write(key, record()), key).rejects.toBeInstanceOf(MoveValidationError);
      await expect(journal.read(key), key).rejects.toBeInstanceOf(MoveValidationError);
    }
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('defaultJournalDir', () => {
  it('follows XDG_STATE_HOME, then the platform convention', () => {
    expect(defaultJournalDir({ XDG_STATE_HOME: '/xdg/state' }, 'linux', '/home/u')).toBe('/xdg/state/move-ugc/runs');
    // A relative XDG value is invalid by the spec and ignored.
    expect(defaultJournalDir({ XDG_STATE_HOME: 'rel' }, 'linux', '/home/u')).toBe('/home/u/.local/state/move-ugc/runs');
    expect(defaultJournalDir({}, 'linux', '/home/u')).toBe('/home/u/.local/state/move-ugc/runs');
    expect(defaultJournalDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/move-ugc/runs');
    expect(defaultJournalDir({ LOCALAPPDATA: '/c/AppData/Local' }, 'win32', '/c')).toBe(
      '/c/AppData/Local/move-ugc/runs',
    );
    expect(defaultJournalDir({}, 'win32', '/c/Users/u')).toBe('/c/Users/u/AppData/Local/move-ugc/runs');
  });

  it('defaults to the current environment', () => {
    expect(defaultJournalDir()).toMatch(/move-ugc[\\/]runs$/);
  });
});

describe('fileJournal locks', () => {
  const lockOf = async () => {
    const dir = await tempDir();
    const journal = fileJournal(dir);
    return { journal, path: join(dir, `${KEY}.json.lock`) };
  };
  const holder = (fields: Record<string, unknown>) =>
    JSON.stringify({ pid: process.pid, host: hostname(), since: '2025-01-01T00:00:00.000Z', ...fields });

  it('are held by one run at a time, say by whom, and are gone once released', async () => {
    const { journal, path } = await lockOf();
    const first = await journal.lock!(KEY);
    expect(first.acquired).toBe(true);
    const second = await journal.lock!(KEY);
    expect(second).toEqual({
      acquired: false,
      holder: expect.stringContaining(`process ${process.pid} on ${hostname()}`),
    });
    expect(JSON.parse(await readFile(path, 'utf8')).pid).toBe(process.pid);
    if (first.acquired) await first.release();
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);
    expect((await journal.lock!(KEY)).acquired).toBe(true);
  });

  it('are taken over when their process is gone, or its pid now belongs to a later process', async () => {
    const { journal, path } = await lockOf();
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    await writeFile(path, holder({ pid: Number(child.stdout) }));
    expect((await journal.lock!(KEY)).acquired).toBe(true);

    const other = await lockOf();
    // This very pid, but with another start time: the process that took the lock has ended.
    await writeFile(other.path, holder({ start: '1' }));
    expect((await other.journal.lock!(KEY)).acquired).toBe(true);
    expect(JSON.parse(await readFile(other.path, 'utf8')).start).not.toBe('1');
  });

  it('from another host are kept for a day, then taken over', async () => {
    const { journal, path } = await lockOf();
    await writeFile(path, holder({ pid: 1, host: 'build-box-7' }));
    expect(await journal.lock!(KEY)).toEqual({ acquired: false, holder: expect.stringContaining('build-box-7') });
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(path, twoDaysAgo, twoDaysAgo);
    expect((await journal.lock!(KEY)).acquired).toBe(true);
  });

  it('release only the lock they took, not one that replaced it', async () => {
    const { journal, path } = await lockOf();
    const mine = await journal.lock!(KEY);
    await writeFile(path, holder({ since: 'someone else' }));
    if (mine.acquired) await mine.release();
    expect(JSON.parse(await readFile(path, 'utf8')).since).toBe('someone else');
  });
});
