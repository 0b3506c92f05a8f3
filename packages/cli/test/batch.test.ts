// `move-ugc batch`: a directory, a glob, a CSV list; outputs per video; the summary (table on a
// terminal, JSON otherwise); exit 1 when any video failed while the others still finish.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleVideo } from '@move-ugc/mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Env, expectNoSecrets, expectOutputsMatch, json, type OutputDoc, run, runTty, startSim } from './helpers';

interface BatchDoc {
  ok: number;
  failed: number;
  aborted: boolean;
  outputRoot: string;
  items: {
    video: string;
    state: string;
    jobId: string | null;
    takeId: string | null;
    outputDir: string | null;
    outputs: OutputDoc[];
    error: { type: string; message: string } | null;
  }[];
}

const envs: Env[] = [];

function writeClips(dir: string): void {
  mkdirSync(join(dir, 'clips', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'clips', 'a.mp4'), sampleVideo('MP4', 5000));
  writeFileSync(join(dir, 'clips', 'b.mov'), sampleVideo('MOV', 6000));
  writeFileSync(join(dir, 'clips', 'c.avi'), sampleVideo('AVI', 7000));
  writeFileSync(join(dir, 'clips', 'notes.txt'), 'not a video');
  writeFileSync(join(dir, 'clips', 'sub', 'd.mp4'), sampleVideo('MP4', 8000));
}

afterAll(async () => {
  expectNoSecrets();
  await Promise.all(envs.map((e) => e.close()));
});

describe('batch', () => {
  let t: Env;
  beforeAll(async () => {
    t = await startSim();
    envs.push(t);
    writeClips(t.dir);
  });

  it('processes the videos of a directory (not its subdirectories), outputs per video', async () => {
    const args = [
      'batch',
      'clips',
      '--concurrency',
      '2',
      '--outputs',
      'MAIN_FBX',
      '--poll-interval',
      '100ms',
      '-o',
      'out',
    ];
    const result = await run(args, { env: t.env, cwd: t.dir });
    expect(result.code, result.stderr).toBe(0);
    const doc = json<BatchDoc>(result);
    expect(doc).toMatchObject({ ok: 3, failed: 0, aborted: false, outputRoot: join(t.dir, 'out') });
    expect(doc.items.map((i) => [i.video, i.state, i.outputDir])).toEqual([
      ['clips/a.mp4', 'FINISHED', join(t.dir, 'out', 'a')],
      ['clips/b.mov', 'FINISHED', join(t.dir, 'out', 'b')],
      ['clips/c.avi', 'FINISHED', join(t.dir, 'out', 'c')],
    ]);
    for (const item of doc.items) {
      expect(item.error).toBeNull();
      expect(item.outputs.map((o) => o.path)).toEqual([join(item.outputDir!, `${item.video.slice(6, 7)}.fbx`)]);
      expectOutputsMatch(t.sim, item.jobId!, item.outputs);
    }
    expect(t.sim.jobs()).toHaveLength(3);
    expect(result.stderr).toMatch(/✓ clips\/a\.mp4: 1 output \(\d\/3\)/);
  });

  it('takes a glob, resumes videos already done, and prints a summary table on a terminal', async () => {
    const result = await runTty(
      ['batch', 'clips/**/*.mp4', '--outputs', 'MAIN_FBX', '--poll-interval', '100ms', '-o', 'out'],
      {
        env: t.env,
        cwd: t.dir,
      },
    );
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/VIDEO\s+STATE\s+JOB\s+OUTPUTS\s+ERROR/);
    expect(result.stdout).toMatch(/clips\/a\.mp4\s+FINISHED\s+job-\S+\s+1/);
    expect(result.stdout).toMatch(/clips\/sub\/d\.mp4\s+FINISHED\s+job-\S+\s+1/);
    expect(result.stdout).toContain('2 of 2 videos done');
    // a.mp4 with the same settings was done by the run above: only d.mp4 made a job.
    expect(t.sim.jobs()).toHaveLength(4);
  });
});

describe('batch with a failing video', () => {
  let t: Env;
  beforeAll(async () => {
    t = await startSim({ jobDurationMs: 2000 });
    envs.push(t);
    writeClips(t.dir);
    writeFileSync(
      join(t.dir, 'list.csv'),
      'video,name,outputs\nclips/a.mp4,alpha,MAIN_FBX;RENDER_VIDEO\n"clips/b.mov",beta,\n',
    );
  });

  it('finishes the others, reports the failure, and exits 1', async () => {
    const cli = run(['batch', 'list.csv', '--concurrency', '1', '--poll-interval', '100ms', '-o', 'out'], {
      env: t.env,
      cwd: t.dir,
    });
    // The first video's job fails on Move's side.
    await vi.waitFor(() => expect(t.sim.jobs()).toHaveLength(1), { timeout: 20_000, interval: 20 });
    t.sim.failJob(t.sim.jobs()[0]!.id);
    const result = await cli;
    expect(result.code).toBe(1);
    const doc = json<BatchDoc>(result);
    expect(doc).toMatchObject({ ok: 1, failed: 1, aborted: false });
    const [alpha, beta] = doc.items;
    expect(alpha).toMatchObject({ video: 'clips/a.mp4', state: 'FAILED', jobId: t.sim.jobs()[0]!.id, outputs: [] });
    expect(alpha!.error).toMatchObject({
      type: 'MoveJobFailedError',
      message: expect.stringContaining("failed on Move's side"),
    });
    expect(beta).toMatchObject({
      video: 'clips/b.mov',
      state: 'FINISHED',
      outputDir: join(t.dir, 'out', 'beta'),
      error: null,
    });
    expectOutputsMatch(t.sim, beta!.jobId!, beta!.outputs);
    expect(t.sim.jobs()[0]!.name).toBe('alpha');
    expect(
      t.sim
        .jobs()[0]!
        .outputs.map((o) => o.outputType)
        .sort(),
    ).toEqual(['MAIN_FBX', 'RENDER_VIDEO']);
    expect(result.stderr).toContain('1 of 2 videos done, 1 failed');
    expect(result.stderr).toMatch(/✗ clips\/a\.mp4: Job job-\S+ failed/);
  });
});
