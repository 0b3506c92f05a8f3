// `jobs create` and `volumes create` pay at most once: a lost answer is found again through the
// client token, and the same command run again returns what it made (unless --fresh).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleVideo } from '@move-ugc/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Env, json, run, startSim } from './helpers';

let t: Env;
const LENS = 'goprohero10-fhd';

async function ok<T = Record<string, unknown>>(args: string[]): Promise<T & { stderr: string }> {
  const result = await run(args, { env: t.env, cwd: t.dir });
  expect(result.code, `move-ugc ${args.join(' ')}:\n${result.stderr}`).toBe(0);
  return { ...json<T>(result), stderr: result.stderr };
}

beforeAll(async () => {
  t = await startSim();
  for (const [i, name] of ['clip', 'cal1', 'cal2'].entries()) {
    writeFileSync(join(t.dir, `${name}.mp4`), sampleVideo('MP4', 4000 + i));
  }
});

afterAll(async () => {
  await t.close();
});

describe('jobs create', () => {
  it('a lost answer to createSingleCamJob ends with one job, and running the command again returns it', async () => {
    const file = await ok<{ id: string }>(['files', 'upload', 'clip.mp4']);
    const take = await ok<{ id: string }>(['takes', 'create', '--video', file.id]);
    t.sim.setFaults({ schedule: [{ kind: 'drop-response', operation: 'createSingleCamJob' }] });
    const args = ['jobs', 'create', '--take', take.id, '--outputs', 'MAIN_FBX'];
    const first = await ok<{ id: string; resumed: boolean }>(args);
    expect(t.sim.pendingFaults()).toEqual([]);
    expect(t.sim.jobs().map((job) => job.id)).toEqual([first.id]);

    const again = await ok<{ id: string; resumed: boolean; reused: boolean }>(args);
    expect(again).toMatchObject({ id: first.id, resumed: true, reused: false });
    expect(t.sim.countOperations('createSingleCamJob')).toBe(1);

    const human = await run(['jobs', 'create', '--take', take.id, '--outputs', 'MAIN_FBX'], {
      env: { ...t.env, NO_COLOR: '1' },
      cwd: t.dir,
    });
    expect(human.stderr).toContain(`${first.id} was made by an earlier run of this command`);

    const fresh = await ok<{ id: string }>([...args, '--fresh']);
    expect(fresh.id).not.toBe(first.id);
    expect(t.sim.jobs()).toHaveLength(2);
  });

  it('an idempotency key reuses the job whatever else is journalled', async () => {
    const file = await ok<{ id: string }>(['files', 'upload', 'clip.mp4']);
    const take = await ok<{ id: string }>(['takes', 'create', '--video', file.id]);
    const first = await ok<{ id: string }>(['jobs', 'create', '--take', take.id, '--idempotency-key', 'nightly-7']);
    const other = await ok<{ id: string; reused: boolean }>([
      'jobs',
      'create',
      '--take',
      take.id,
      '--idempotency-key',
      'nightly-7',
      '--name',
      'another label',
    ]);
    expect(other).toMatchObject({ id: first.id, reused: true });
  });
});

describe('volumes create', () => {
  it('a lost answer ends with one volume, and the same command returns it', async () => {
    const ids = [];
    for (const name of ['cal1', 'cal2']) ids.push((await ok<{ id: string }>(['files', 'upload', `${name}.mp4`])).id);
    const before = t.sim.volumes().length;
    t.sim.setFaults({ schedule: [{ kind: 'drop-response', operation: 'createVolumeWithHuman' }] });
    const args = ['volumes', 'create', ...ids.flatMap((id) => ['--video', `${id}:${LENS}`]), '--human-height', '1.8'];
    const first = await ok<{ id: string }>([...args, '--timecode']);
    const again = await ok<{ id: string; resumed: boolean }>([...args, '--timecode']);
    expect(again).toMatchObject({ id: first.id, resumed: true });
    expect(t.sim.volumes()).toHaveLength(before + 1);
  });

  it('one camera is refused in its own terms before anything is sent', async () => {
    const file = await ok<{ id: string }>(['files', 'upload', 'cal1.mp4']);
    const result = await run(
      ['volumes', 'create', '--video', `${file.id}:${LENS}`, '--human-height', '1.8', '--timecode'],
      { env: t.env, cwd: t.dir },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/give 2 or more --video flags, one per camera \(got 1\)/);
  });
});
