// Multi-camera resources (volumes, multi-camera takes and jobs), the catalogue and the client
// record, against the simulator: each one's --json document and URL redaction.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleVideo } from '@move-ugc/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Env, expectNoSecrets, json, type Result, run, startSim } from './helpers';

let t: Env;
const LENS = 'goprohero10-fhd';
const ids: Record<string, string> = {};

/** Runs and expects exit 0 and a JSON document. */
async function ok<T = Record<string, unknown>>(args: string[]): Promise<T> {
  const result = await run(args, { env: t.env, cwd: t.dir });
  expect(result.code, `move-ugc ${args.join(' ')}:\n${result.stderr}`).toBe(0);
  return json<T>(result);
}

function cli(args: string[]): Promise<Result> {
  return run(args, { env: t.env, cwd: t.dir });
}

beforeAll(async () => {
  t = await startSim();
  for (const [i, name] of ['cal1', 'cal2', 'take1', 'take2'].entries()) {
    writeFileSync(join(t.dir, `${name}.mp4`), sampleVideo('MP4', 3000 + i));
  }
});

afterAll(async () => {
  expectNoSecrets();
  await t.close();
});

describe('volumes and multi-camera takes', () => {
  it('creates a volume from uploaded calibration videos, lists and gets it', async () => {
    for (const name of ['cal1', 'cal2', 'take1', 'take2'])
      ids[name] = (await ok<{ id: string }>(['files', 'upload', `${name}.mp4`])).id;
    const volume = await ok<{ id: string; humanHeight: number; areaType: string }>([
      'volumes',
      'create',
      '--video',
      `${ids.cal1}:${LENS}`,
      '--video',
      `${ids.cal2}:${LENS}`,
      '--human-height',
      '1.75',
      '--clap',
      '1-2',
      '--area',
      'large',
    ]);
    expect(volume).toMatchObject({ id: expect.stringMatching(/^volume-/), humanHeight: 1.75, areaType: 'LARGE' });
    ids.volume = volume.id;
    expect(t.sim.volumes()[0]?.sources.map((s) => [s.deviceLabel, s.lens])).toEqual([
      ['cam-1', LENS],
      ['cam-2', LENS],
    ]);
    const list = await ok<{ items: { id: string }[] }>(['volumes', 'list']);
    expect(list.items.map((v) => v.id)).toEqual([volume.id]);
    const got = await ok<{ sources: { cameraSettings: { lens: string } }[] }>([
      'volumes',
      'get',
      volume.id,
      '--expand',
      'sources',
    ]);
    expect(got.sources.map((s) => s.cameraSettings.lens)).toEqual([LENS, LENS]);
  });

  it('creates a multi-camera take and job once the volume has finished', async () => {
    await expect.poll(() => t.sim.volumes()[0]?.state, { timeout: 10_000 }).toBe('FINISHED');
    const take = await ok<{ id: string; takeType: string }>([
      'takes',
      'create',
      '--volume',
      ids.volume!,
      '--video',
      `${ids.take1}:${LENS}`,
      '--video',
      `${ids.take2}:${LENS}`,
      '--timecode',
    ]);
    expect(take.takeType).toBe('MULTI_CAM');
    const job = await ok<{ id: string }>([
      'jobs',
      'create',
      '--take',
      take.id,
      '--actors',
      '2',
      '--rig',
      'move_ue5',
      '--model',
      'M2',
    ]);
    expect(t.sim.jobs().find((j) => j.id === job.id)).toMatchObject({
      takeType: 'MULTI_CAM',
      numberOfActors: 2,
      rig: 'move_ue5',
    });
    const video = await ok<{ id: string }>(['files', 'upload', 'take1.mp4']);
    const singleTake = await ok<{ id: string }>(['takes', 'create', '--video', video.id]);
    const single = await cli(['jobs', 'create', '--take', singleTake.id, '--actors', '2']);
    expect(single.code).toBe(2);
    expect(single.stderr).toMatch(/--actors is for multi-camera jobs; take-[\w-]+ is a single-camera take/);
    // Refused before anything was paid for.
    expect(t.sim.jobs().filter((job) => job.takeId === singleTake.id)).toEqual([]);
  });
});

describe('catalogue and client', () => {
  it('lists rigs and lenses', async () => {
    const rigs = await ok<{ items: { name: string }[] }>(['rigs', 'list']);
    expect(rigs.items.map((r) => r.name)).toContain('move_mo');
    const lenses = await ok<{ items: { lens: string }[] }>(['lenses', 'list']);
    expect(lenses.items.map((l) => l.lens)).toContain(LENS);
  });

  it('shows the client with its portal link redacted, and updates its metadata', async () => {
    const client = await ok<{ id: string; portal: string }>(['client', 'get']);
    expect(client.portal).toMatch(/\/portal\/login\?\[redacted\]$/);
    const shown = await ok<{ portal: string }>(['client', 'get', '--show-urls']);
    expect(shown.portal).toMatch(/#token=/);
    const updated = await ok<{ metadata: unknown }>(['client', 'update', '--metadata', '{"team":"anim"}']);
    expect(updated.metadata).toEqual({ team: 'anim' });
  });
});
