// The output folder across runs: a run resumes only partial files it wrote itself, never writes
// through a link, never takes a file that is there for a partial download, never replaces an input,
// refuses other existing files (unless overwrite) and a folder it cannot write in before anything is
// paid for, keeps names within the file system's limit, and stops at once on local failures that no
// retry mends. Core holds these rules, so every face (CLI, Action) inherits them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { outputChecksum, sampleVideo } from '@move-ugc/mock';
import { afterAll, describe, expect, it } from 'vitest';
import {
  fetchTransfer,
  MoveFileSystemError,
  MoveOutputConflictError,
  memoryJournal,
  runSingleCam,
  type TransferAgent,
} from '../../src/index';
import { directorySink, fileSource } from '../../src/node/index';
import { MAX_OUTPUT_NAME_BYTES, outputFileNames, plannedFileNames } from '../../src/steps/outputs';
import { eventLog, fastSleep, useSimulator, WAIT } from '../helpers/simulator';
import { isRoot, patternBytes, useTempDirs } from './helpers/temp';

const OUTPUT_BYTES = 200_000;
const { sim, ugc } = useSimulator({ outputBytes: OUTPUT_BYTES });
const tempDir = useTempDirs();

/** A folder holding `clip.mp4`, and its `out` folder's path. */
async function workspace(name = 'clip.mp4') {
  const dir = await tempDir();
  const videoPath = join(dir, name);
  await writeFile(videoPath, sampleVideo('MP4', 4096));
  return { dir, videoPath, out: join(dir, 'out') };
}

function runInto(
  videoPath: string,
  out: string,
  extra: { overwrite?: boolean; outputs?: string[]; name?: string; fetch?: typeof fetch } = {},
) {
  const log = eventLog();
  const result = fileSource(videoPath).then((video) =>
    runSingleCam(
      { video, outputs: extra.outputs ?? ['MAIN_FBX'], name: extra.name },
      {
        ugc: ugc(extra.fetch ? { fetch: extra.fetch } : {}),
        sleep: fastSleep,
        journal: memoryJournal(),
        sink: directorySink(out, { overwrite: extra.overwrite }),
        onEvent: log.onEvent,
        ...WAIT,
      },
    ),
  );
  return { result, log };
}

async function* bytes(text: string) {
  yield Buffer.from(text);
}
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const downloads = () => sim.requests.filter((r) => r.kind === 'download');
/** Nothing that costs credit was made: no file record, take or job. */
function expectNothingPaid() {
  expect(sim.files()).toHaveLength(0);
  expect(sim.takes()).toHaveLength(0);
  expect(sim.countOperations('createSingleCamJob')).toBe(0);
}
async function expectOutput(out: string, fileName: string, format: string) {
  const job = sim.jobs()[0]!;
  const bytes = await readFile(join(out, fileName));
  expect(sha256(bytes), `${fileName} holds the job's bytes`).toBe(outputChecksum(job.id, format, OUTPUT_BYTES));
}

describe('partial files', () => {
  it('an empty .part a failed run left is taken up by the next run, not left behind', async () => {
    const { videoPath, out } = await workspace();
    const journal = memoryJournal();
    const plain = fetchTransfer();
    // Every download attempt of the first run dies before its first byte: its journalled
    // temporary file exists, empty.
    const cut: TransferAgent = {
      put: plain.put,
      get: async (url, options) => {
        const response = await plain.get(url, options);
        await response.cancel();
        return {
          ...response,
          body: (async function* () {
            yield* [];
            throw new Error('connection reset');
          })(),
        };
      },
    };
    const run = async (transfer: TransferAgent) =>
      runSingleCam(
        { video: await fileSource(videoPath), outputs: ['MAIN_FBX'] },
        { ugc: ugc(), transfer, sleep: fastSleep, journal, sink: directorySink(out), ...WAIT },
      );
    await expect(run(cut)).rejects.toThrow(/Downloading clip\.fbx failed/);
    const left = await readdir(out);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.clip\.fbx\.[0-9a-f]{8}\.part$/);

    await run(plain);
    expect(await readdir(out)).toEqual(['clip.fbx']);
    await expectOutput(out, 'clip.fbx', 'fbx');
  });

  it('BI-120 a .part this run did not write (another job, or planted) is never resumed into the output', async () => {
    const { videoPath, out } = await workspace();
    await mkdir(out);
    const planted = Buffer.alloc(1000, 0xee);
    // The old naming, and the new one with a name no journal of this run recorded.
    await writeFile(join(out, 'clip.fbx.part'), planted);
    await writeFile(join(out, '.clip.fbx.0123abcd.part'), planted);

    await runInto(videoPath, out).result;
    await expectOutput(out, 'clip.fbx', 'fbx');
    // Downloaded from byte 0, without a Range or If-Match: nothing of the planted bytes was taken.
    expect(downloads().map((r) => [r.status, r.headers.range, r.headers['if-match']])).toEqual([
      [200, undefined, undefined],
    ]);
    expect(await readFile(join(out, 'clip.fbx.part'))).toEqual(planted);
    expect(await readFile(join(out, '.clip.fbx.0123abcd.part'))).toEqual(planted);
  });

  it('BI-121 a .part that is a symlink to a file outside the folder is never written through', async () => {
    const { dir, videoPath, out } = await workspace();
    await mkdir(out);
    const victim = join(dir, 'elsewhere.bin');
    await writeFile(victim, 'precious');
    await symlink(victim, join(out, 'clip.fbx.part'));

    await runInto(videoPath, out).result;
    await expectOutput(out, 'clip.fbx', 'fbx');
    expect(await readFile(victim, 'utf8')).toBe('precious');
    expect((await lstat(join(out, 'clip.fbx.part'))).isSymbolicLink()).toBe(true);

    // Even the temporary name the journal recorded, if it became a link, is not followed: starting
    // over replaces the link itself; resuming through it fails without touching the target.
    const sink = directorySink(out);
    const target = { jobId: 'job-1', fileId: 'file-1', format: 'fbx', fileName: 'x.fbx' };
    const partial = sink.newPartial!(target);
    await symlink(victim, partial);
    expect(await sink.held({ ...target, partial }, undefined)).toBe(0);
    const resumed = await sink.save({ ...target, partial }, bytes('rest'), 8, 12).catch((e) => e);
    expect(resumed).toBeInstanceOf(MoveFileSystemError);
    expect(resumed.message).toMatch(/symbolic link is in the way/);
    await sink.save({ ...target, partial }, bytes('fresh'), 0, 5);
    expect(await readFile(join(out, 'x.fbx'), 'utf8')).toBe('fresh');
    expect(await readFile(victim, 'utf8')).toBe('precious');
  });

  it("BI-122 an output named like another output's temporary file (<name>.part) does not collide with it", async () => {
    const { videoPath, out } = await workspace();
    // Move names the GLB output `fbx` with the file type `part`: its name becomes clip.fbx.part.
    const partNamed: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const text = (await response.text()).replace(/"format":"glb"/g, '"format":"fbx"').replace(/"\.glb"/g, '"part"');
      return new Response(text, { status: response.status, headers: response.headers });
    };
    const { result } = runInto(videoPath, out, { outputs: ['MAIN_FBX', 'MAIN_GLB'], fetch: partNamed });
    const done = await result;
    expect(done.outputs.map((o) => o.fileName).sort()).toEqual(['clip.fbx', 'clip.fbx.part']);
    expect((await readdir(out)).sort()).toEqual(['clip.fbx', 'clip.fbx.part']);
    await expectOutput(out, 'clip.fbx', 'fbx');
    await expectOutput(out, 'clip.fbx.part', 'glb');
  });
});

describe('existing files in the output folder', () => {
  it.each([
    ['BI-123 a smaller', 100],
    ['BI-124 a same-size', OUTPUT_BYTES],
  ])(
    '%s final file is no partial download: refused before anything is paid, replaced from byte 0 with overwrite',
    async (_, size) => {
      const { videoPath, out } = await workspace();
      await mkdir(out);
      const mine = patternBytes(size);
      await writeFile(join(out, 'clip.fbx'), mine);

      const refused = await runInto(videoPath, out).result.catch((e) => e);
      expect(refused).toBeInstanceOf(MoveOutputConflictError);
      expect(refused.conflicts).toEqual([join(out, 'clip.fbx')]);
      expect(refused.message).toMatch(/clip\.fbx: exists, and this run did not write it/);
      expect(refused.message).toMatch(/--overwrite on the command line/);
      expectNothingPaid();
      expect(await readFile(join(out, 'clip.fbx'))).toEqual(mine);

      const { result, log } = runInto(videoPath, out, { overwrite: true });
      await result;
      await expectOutput(out, 'clip.fbx', 'fbx');
      expect(downloads().map((r) => [r.status, r.headers.range])).toEqual([[200, undefined]]);
      expect(log.types()).not.toContain('retry');
    },
  );

  it('files this run saved before are skipped on a re-run, not refused', async () => {
    const { videoPath, out } = await workspace();
    const journal = memoryJournal();
    const options = { ugc: ugc(), sleep: fastSleep, journal, sink: directorySink(out), ...WAIT };
    await runSingleCam({ video: await fileSource(videoPath), outputs: ['MAIN_FBX'] }, options);
    const log = eventLog();
    const again = await runSingleCam(
      { video: await fileSource(videoPath), outputs: ['MAIN_FBX'] },
      { ...options, sink: directorySink(out), onEvent: log.onEvent },
    );
    expect(again.resumed).toBe(true);
    expect(log.types()).toContain('download.skipped');
    expect(downloads()).toHaveLength(1);
    expect(sim.jobs()).toHaveLength(1);
  });

  it('BI-125 an output never replaces an input of the run, even with overwrite, whatever path leads to it', async () => {
    const { dir, videoPath } = await workspace('big.mp4');
    const video = await readFile(videoPath);
    // The folder itself, and a link to it (another path, the same file).
    const link = join(await tempDir(), 'linked');
    await symlink(dir, link);
    for (const out of [dir, link]) {
      const refused = await runInto(videoPath, out, { outputs: ['RENDER_VIDEO'], overwrite: true }).result.catch(
        (e) => e,
      );
      expect(refused).toBeInstanceOf(MoveOutputConflictError);
      expect(refused.message).toMatch(/big\.mp4: an input of this run, never replaced/);
      expect(refused.message).toMatch(/another folder, or give them another name/);
    }
    expectNothingPaid();
    expect(await readFile(videoPath)).toEqual(video);
  });
});

describe('names', () => {
  it('BI-126 names stay within the file system limit with a long --name and long formats, temporary suffix included', async () => {
    const { videoPath, out } = await workspace();
    const longFormat: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const text = (await response.text())
        .replace(/"format":"fbx"/g, `"format":"${'f'.repeat(300)}"`)
        .replace(/"\.fbx"/g, `"fbx${'x'.repeat(300)}"`);
      return new Response(text, { status: response.status, headers: response.headers });
    };
    // Each part alone is capped at 120 characters: together they made 362 bytes (ENAMETOOLONG).
    const name = 'é'.repeat(125); // 250 bytes
    const { result, log } = runInto(videoPath, out, { outputs: ['MAIN_FBX', 'RENDER_VIDEO'], name, fetch: longFormat });
    const done = await result;
    const names = done.outputs.map((o) => o.fileName);
    expect(names).toHaveLength(2);
    for (const fileName of names) {
      expect(Buffer.byteLength(fileName)).toBeLessThanOrEqual(MAX_OUTPUT_NAME_BYTES);
      expect(fileName).toMatch(/\.(fbxx{117}|mp4)$/);
    }
    expect((await readdir(out)).sort()).toEqual([...names].sort());
    const started = log.events.filter((e) => e.type === 'download.started');
    expect(started).toHaveLength(2);

    // The cut keeps the extension and counts UTF-8 bytes, whatever the text.
    const [cut, second] = outputFileNames(
      [
        { format: 'x'.repeat(200), file: { id: '1', type: 'fbx', presignedUrl: null } },
        { format: 'x'.repeat(200), file: { id: '2', type: 'fbx', presignedUrl: null } },
      ] as never,
      'a'.repeat(120),
    );
    expect(Buffer.byteLength(cut!.fileName)).toBe(MAX_OUTPUT_NAME_BYTES);
    expect(cut!.fileName).toMatch(/x\.fbx$/);
    expect(second!.fileName).toMatch(/x-2\.fbx$/);
    expect(Buffer.byteLength(`.${cut!.fileName}.0123abcd.part`)).toBe(255);
    expect(plannedFileNames(['MAIN_FBX', 'RENDER_OVERLAY_VIDEO'], 'clip', true)).toEqual([
      'clip.fbx',
      'clip.render_overlay_mp4.mp4',
    ]);
  });
});

/** Root may mount a tmpfs here: a small, or a read-only, disk. */
const mounted: string[] = [];
const canMount =
  isRoot &&
  (() => {
    try {
      return Boolean(mountDisk(64));
    } catch {
      return false;
    }
  })();
function mountDisk(kib: number, readOnly = false): string {
  const dir = execFileSync('mktemp', ['-d', join(tmpdir(), 'move-ugc-disk-XXXXXX')], { encoding: 'utf8' }).trim();
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k,mode=755${readOnly ? ',ro' : ''}`, 'tmpfs', dir], {
    stdio: 'ignore',
  });
  mounted.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of mounted) {
    execFileSync('umount', [dir]);
    await rm(dir, { recursive: true, force: true });
  }
});

describe('a folder that cannot take the outputs', () => {
  it('BI-127 a file where the output folder should be: a typed error naming it, before anything is paid', async () => {
    const { dir, videoPath } = await workspace();
    await writeFile(join(dir, 'taken'), 'a file');
    const refused = await runInto(videoPath, join(dir, 'taken', 'out')).result.catch((e) => e);
    expect(refused).toBeInstanceOf(MoveFileSystemError);
    expect(refused.code).toBe('ENOTDIR');
    expect(refused.path).toBe(join(dir, 'taken'));
    expect(refused.message).toMatch(/The output folder .*taken\/out cannot be made: .*taken is a file, not a folder/);
    expectNothingPaid();
  });

  it.skipIf(!canMount)(
    'BI-128 a read-only output folder: a typed error naming it, before anything is paid',
    async () => {
      const { videoPath } = await workspace();
      const disk = mountDisk(64, true);
      const refused = await runInto(videoPath, join(disk, 'out')).result.catch((e) => e);
      expect(refused).toBeInstanceOf(MoveFileSystemError);
      expect(refused.code).toBe('EROFS');
      expect(refused.message).toMatch(
        /The output folder .*\/out is on a read-only file system \(EROFS\): choose another/,
      );
      expectNothingPaid();
    },
  );

  it.skipIf(!canMount)(
    'BI-129 a disk that fills up mid-download: a typed error, not retried, no final file',
    async () => {
      const { videoPath } = await workspace();
      const disk = mountDisk(64);
      const { result, log } = runInto(videoPath, join(disk, 'out'));
      const failed = await result.catch((e) => e);
      expect(failed).toBeInstanceOf(MoveFileSystemError);
      expect(failed.code).toBe('ENOSPC');
      expect(failed.message).toMatch(
        /Cannot save the output clip\.fbx \(.*\.clip\.fbx\.[0-9a-f]{8}\.part\): the disk is full/,
      );
      expect(log.types()).not.toContain('retry');
      expect(downloads()).toHaveLength(1);
      expect((await readdir(join(disk, 'out'))).filter((name) => !name.endsWith('.part'))).toEqual([]);
      expect(basename(failed.path)).toMatch(/\.part$/);
    },
  );
});

describe('a run stopped between journalling an output and renaming it into place', () => {
  it('finishes the rename on the next run instead of fetching the output again', async () => {
    const { videoPath, out } = await workspace();
    const journal = memoryJournal();
    const options = { ugc: ugc(), sleep: fastSleep, journal, sink: directorySink(out), ...WAIT };
    const first = await runSingleCam({ video: await fileSource(videoPath), outputs: ['MAIN_FBX'] }, options);
    const [output] = first.outputs;
    const bytes = await readFile(output!.location!);

    // The state such a crash leaves: the journal says complete (with the temporary name), the bytes
    // are still under the temporary name.
    const partial = join(out, `.${output!.fileName}.0badf00d.part`);
    await rename(output!.location!, partial);
    const [record] = [...journal.records.values()];
    record!.outputs[output!.fileId]!.renamedFrom = partial;
    delete record!.finishedAt;

    const fetched = downloads().length;
    const log = eventLog();
    const again = await runSingleCam(
      { video: await fileSource(videoPath), outputs: ['MAIN_FBX'] },
      { ...options, onEvent: log.onEvent },
    );
    expect(downloads().length, 'no output fetched again').toBe(fetched);
    expect(log.types()).toContain('download.skipped');
    expect(sha256(await readFile(again.outputs[0]!.location!))).toBe(sha256(bytes));
    expect((await readdir(out)).filter((name) => name.endsWith('.part'))).toEqual([]);
    expect([...journal.records.values()][0]!.outputs[output!.fileId]!.renamedFrom).toBeUndefined();
  });
});
