// What `--out` finds, and what it may never do: resume a partial file this run did not write, write
// through a link, take a final file for a partial download, replace the input video, overflow the
// file system's name limit; and a folder that cannot take the outputs is found before anything is
// paid for. Each case is planted exactly as a user would meet it.
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleVideo } from '@move-ugc/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Env, expectNoSecrets, expectOutputsMatch, json, type RunDoc, run, startSim } from './helpers';

const OUTPUT_BYTES = 64 * 1024;
let t: Env;

beforeAll(async () => {
  t = await startSim({ outputBytes: OUTPUT_BYTES });
});

beforeEach(async () => {
  await t.sim.reset();
});

afterAll(async () => {
  expectNoSecrets();
  await t.close();
});

let folders = 0;
/** A fresh working folder holding `video` (its own content, so its own run). */
function workDir(video = 'clip.mp4'): string {
  const dir = join(t.dir, `w${++folders}`);
  mkdirSync(dir);
  writeFileSync(join(dir, video), sampleVideo('MP4', 6000 + folders));
  return dir;
}

const runIn = (dir: string, ...args: string[]) =>
  run(['run', 'clip.mp4', '--outputs', 'MAIN_FBX', '--poll-interval', '50ms', '-o', 'out', '--json', ...args], {
    env: t.env,
    cwd: dir,
  });

/** Nothing that costs credit was asked for: no file record, no take, no job. */
function expectNothingPaid(): void {
  expect(t.sim.files()).toHaveLength(0);
  expect(t.sim.takes()).toHaveLength(0);
  expect(t.sim.countOperations('createSingleCamJob')).toBe(0);
}

const downloads = () => t.sim.requests.filter((r) => r.kind === 'download');

describe('partial files in --out', () => {
  it('BI-130 a clip.fbx.part left by another job is not spliced into the new output', async () => {
    const dir = workDir();
    mkdirSync(join(dir, 'out'));
    const planted = Buffer.alloc(1000, 0xee);
    writeFileSync(join(dir, 'out', 'clip.fbx.part'), planted);

    const result = await runIn(dir);
    expect(result.code, result.stderr).toBe(0);
    const doc = json<RunDoc>(result);
    expectOutputsMatch(t.sim, doc.jobId, doc.outputs);
    expect(
      readFileSync(join(dir, 'out', 'clip.fbx'))
        .subarray(0, 1000)
        .equals(planted),
    ).toBe(false);
    expect(downloads().map((r) => [r.status, r.headers.range, r.headers['if-match']])).toEqual([
      [200, undefined, undefined],
    ]);
    expect(readFileSync(join(dir, 'out', 'clip.fbx.part'))).toEqual(planted);
  });

  it('BI-131 a clip.fbx.part that links outside --out is not written through', async () => {
    const dir = workDir();
    mkdirSync(join(dir, 'out'));
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'elsewhere', 'file'), 'not yours');
    symlinkSync(join(dir, 'elsewhere', 'file'), join(dir, 'out', 'clip.fbx.part'));

    const result = await runIn(dir);
    expect(result.code, result.stderr).toBe(0);
    const doc = json<RunDoc>(result);
    expectOutputsMatch(t.sim, doc.jobId, doc.outputs);
    expect(readFileSync(join(dir, 'elsewhere', 'file'), 'utf8')).toBe('not yours');
    expect(lstatSync(join(dir, 'out', 'clip.fbx.part')).isSymbolicLink()).toBe(true);
  });
});

describe('files already in --out', () => {
  it.each([
    ['BI-132 a smaller', 1000],
    ['BI-133 a same-size', OUTPUT_BYTES],
  ])('%s clip.fbx: refused before paying (exit 2, listed), replaced from byte 0 with --overwrite', async (_, size) => {
    const dir = workDir();
    mkdirSync(join(dir, 'out'));
    const mine = Buffer.alloc(size, 7);
    writeFileSync(join(dir, 'out', 'clip.fbx'), mine);

    const refused = await runIn(dir);
    expect(refused.code).toBe(2);
    expect(json<{ error: { type: string } }>(refused).error.type).toBe('MoveOutputConflictError');
    expect(refused.stderr).toContain(`${join(dir, 'out', 'clip.fbx')}: exists, and this run did not write it`);
    expect(refused.stderr).toMatch(/--overwrite on the command line/);
    expectNothingPaid();
    expect(readFileSync(join(dir, 'out', 'clip.fbx'))).toEqual(mine);

    const replaced = await runIn(dir, '--overwrite');
    expect(replaced.code, replaced.stderr).toBe(0);
    const doc = json<RunDoc>(replaced);
    expectOutputsMatch(t.sim, doc.jobId, doc.outputs);
    expect(replaced.stderr).not.toMatch(/Cannot resume|HTTP 416|retry/i);
    expect(downloads().map((r) => [r.status, r.headers.range])).toEqual([[200, undefined]]);

    // A re-run finds the file this run wrote: skipped, not a clash, without --overwrite.
    const again = await runIn(dir);
    expect(again.code, again.stderr).toBe(0);
    expect(downloads()).toHaveLength(1);
  });

  it('BI-134 --out . next to the video never replaces it, with or without --overwrite', async () => {
    const dir = workDir('big.mp4');
    const video = readFileSync(join(dir, 'big.mp4'));
    for (const extra of [[], ['--overwrite']]) {
      const result = await run(
        ['run', 'big.mp4', '--outputs', 'RENDER_VIDEO', '--out', '.', '--poll-interval', '50ms', ...extra],
        { env: t.env, cwd: dir },
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${join(dir, 'big.mp4')}: an input of this run, never replaced`);
      expect(result.stderr).toMatch(/Write the outputs to another folder, or give them another name/);
    }
    expectNothingPaid();
    expect(readFileSync(join(dir, 'big.mp4'))).toEqual(video);
    expect(readdirSync(dir)).toEqual(['big.mp4']);
  });
});

describe('names', () => {
  it('BI-135 a 250-byte --name gives outputs whose names fit the file system', async () => {
    const dir = workDir();
    const name = 'é'.repeat(125);
    expect(Buffer.byteLength(name)).toBe(250);
    const result = await runIn(dir, '--outputs', 'RENDER_OVERLAY_VIDEO', '--name', name);
    expect(result.code, result.stderr).toBe(0);
    const doc = json<RunDoc>(result);
    expectOutputsMatch(t.sim, doc.jobId, doc.outputs);
    for (const output of doc.outputs) expect(Buffer.byteLength(output.fileName)).toBeLessThanOrEqual(240);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(doc.outputs.map((o) => o.fileName).sort());
  });
});

describe('an --out or state folder that cannot be written (exit 1, before anything is paid)', () => {
  it('BI-136 a file where --out should be', async () => {
    const dir = workDir();
    writeFileSync(join(dir, 'taken'), 'a file');
    const result = await runIn(dir, '--out', 'taken/out');
    expect(result.code).toBe(1);
    expect(json<{ error: { type: string } }>(result).error.type).toBe('MoveFileSystemError');
    expect(result.stderr).toContain(
      `The output folder ${join(dir, 'taken', 'out')} cannot be made: ${join(dir, 'taken')} is a file, not a folder. ` +
        'Move that file away, or choose another output folder.',
    );
    expect(result.stderr).not.toMatch(/ENOTDIR:|retry/);
    expectNothingPaid();
  });

  it('BI-138 a file where the state folder should be', async () => {
    const dir = workDir();
    writeFileSync(join(dir, 'taken'), 'a file');
    const env = { ...t.env, MOVE_UGC_STATE_DIR: join(dir, 'taken', 'state') };
    const result = await run(['run', 'clip.mp4', '--outputs', 'MAIN_FBX', '-o', 'out'], { env, cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `The state folder for run journals ${join(dir, 'taken', 'state')} cannot be made: ${join(dir, 'taken')} is a file, ` +
        'not a folder. Move that file away, or set MOVE_UGC_STATE_DIR to a folder you can write to.',
    );
    expect(t.sim.requests).toHaveLength(0);
  });

  // Root writes through mode 555, so as root the CLI runs as nobody, for whom the folders are read-only.
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? { uid: 65534, gid: 65534 } : {};

  it('BI-137 a read-only --out, and a read-only state folder: said at once, never retried', async () => {
    const open = mkdtempSync(join(tmpdir(), 'move-ugc-cli-readonly-'));
    try {
      chmodSync(open, 0o755);
      writeFileSync(join(open, 'clip.mp4'), sampleVideo('MP4', 5000));
      mkdirSync(join(open, 'locked'), { mode: 0o555 });
      chmodSync(join(open, 'locked'), 0o555);
      mkdirSync(join(open, 'home'), { mode: 0o777 });
      chmodSync(join(open, 'home'), 0o777);
      const home = join(open, 'home');
      const env = {
        ...t.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, 'c'),
        XDG_STATE_HOME: join(home, 's'),
        MOVE_UGC_STATE_DIR: join(home, 'state'),
      };
      const args = ['run', 'clip.mp4', '--outputs', 'MAIN_FBX', '--poll-interval', '50ms'];

      const out = await run([...args, '--out', 'locked'], { env, cwd: open, ...user });
      expect(out.code).toBe(1);
      expect(out.stderr).toContain(
        `The output folder ${join(open, 'locked')} is not writable (permission denied, EACCES): fix its permissions, ` +
          'or choose another output folder.',
      );
      expect(out.stderr).not.toMatch(/retry/i);
      expectNothingPaid();

      const state = await run([...args, '--out', 'out'], {
        env: { ...env, MOVE_UGC_STATE_DIR: join(open, 'locked', 'state') },
        cwd: open,
        ...user,
      });
      expect(state.code).toBe(1);
      expect(state.stderr).toContain(
        `The state folder for run journals ${join(open, 'locked', 'state')} is not writable (permission denied, EACCES)`,
      );
      expectNothingPaid();
      expect(readdirSync(open).sort()).toEqual(['clip.mp4', 'home', 'locked']);
    } finally {
      rmSync(open, { recursive: true, force: true });
    }
  });
});
