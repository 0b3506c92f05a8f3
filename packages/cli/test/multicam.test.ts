// `move-ugc multicam`: volume from calibration videos, take, job and outputs in one command;
// resumable; a volume made earlier can be reused; lenses are checked before anything is uploaded.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleVideo } from '@move-ugc/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Env, expectNoSecrets, expectOutputsMatch, json, type OutputDoc, run, startSim } from './helpers';

let t: Env;
const LENS = 'goprohero10-fhd';

interface MultiCamDoc {
  volumeId: string;
  takeId: string;
  jobId: string;
  state: string;
  resumed: boolean;
  outputs: OutputDoc[];
}

beforeAll(async () => {
  t = await startSim();
  for (const [i, name] of ['cal1', 'cal2', 'take1', 'take2', 'take3', 'take4'].entries()) {
    writeFileSync(join(t.dir, `${name}.mp4`), sampleVideo('MP4', 4000 + i));
  }
});

afterAll(async () => {
  expectNoSecrets();
  await t.close();
});

const ARGS = [
  'multicam',
  '--volume-video',
  `cal1.mp4:${LENS}`,
  '--volume-video',
  `cal2.mp4:${LENS}`,
  '--human-height',
  '1.8',
  '--clap',
  '1.0-2.0',
  '--take-video',
  `take1.mp4:${LENS}`,
  '--take-video',
  `take2.mp4:${LENS}`,
  '--outputs',
  'MAIN_FBX',
  '--poll-interval',
  '100ms',
  '-o',
  'mc',
];

describe('multicam', () => {
  it('calibrates, processes the take and downloads the outputs', async () => {
    const result = await run(ARGS, { env: t.env, cwd: t.dir });
    expect(result.code, result.stderr).toBe(0);
    const doc = json<MultiCamDoc>(result);
    expect(doc).toMatchObject({
      volumeId: expect.stringMatching(/^volume-/),
      takeId: expect.stringMatching(/^take-/),
      state: 'FINISHED',
    });
    expectOutputsMatch(t.sim, doc.jobId, doc.outputs);
    expect(doc.outputs[0]!.path).toBe(join(t.dir, 'mc', 'take1.fbx'));
    const [volume] = t.sim.volumes();
    expect(volume).toMatchObject({ id: doc.volumeId, humanHeight: 1.8 });
    expect(volume!.sources.map((s) => s.deviceLabel)).toEqual(['cam-1', 'cam-2']);
    expect(t.sim.takes()[0]).toMatchObject({ takeType: 'MULTI_CAM', volumeId: doc.volumeId });
    expect(result.stderr).toMatch(new RegExp(`✓ Volume ${doc.volumeId}`));
  });

  it('resumes instead of calibrating or paying again', async () => {
    const result = await run(ARGS, { env: t.env, cwd: t.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(json<MultiCamDoc>(result).resumed).toBe(true);
    expect(t.sim.volumes()).toHaveLength(1);
    expect(t.sim.jobs()).toHaveLength(1);
  });

  it('reuses a volume made earlier for a new take', async () => {
    const volumeId = t.sim.volumes()[0]!.id;
    const result = await run(
      [
        'multicam',
        '--volume-id',
        volumeId,
        '--take-video',
        `take3.mp4:${LENS}`,
        '--take-video',
        `take4.mp4:${LENS}`,
        '--take-clap',
        '0.5-1.5',
        '--poll-interval',
        '100ms',
        '-o',
        'mc2',
      ],
      { env: t.env, cwd: t.dir },
    );
    expect(result.code, result.stderr).toBe(0);
    const doc = json<MultiCamDoc>(result);
    expect(doc.volumeId).toBe(volumeId);
    expect(t.sim.volumes()).toHaveLength(1);
    expect(t.sim.jobs()).toHaveLength(2);
    expectOutputsMatch(t.sim, doc.jobId, doc.outputs);
  });

  it('refuses a lens Move does not know before uploading anything (exit 2)', async () => {
    const files = t.sim.files().length;
    const typo = `${LENS}d`;
    const args = ARGS.map((a) => (a.startsWith('cal2.mp4:') || a.startsWith('take2.mp4:') ? a.replace(LENS, typo) : a));
    const result = await run(args, { env: t.env, cwd: t.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /--volume-video 2: "goprohero10-fhdd" is not a camera lens Move knows \(did you mean goprohero10-fhd\?\)/,
    );
    expect(t.sim.files()).toHaveLength(files);
  });
});
