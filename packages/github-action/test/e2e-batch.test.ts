// End to end, several videos from a glob: a batch with its own output folder per video.
import { DEFAULT_API_KEY, sampleVideo } from '@move-ugc/mock';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { failureOf, runAction, startAction, stopActions, Workspace } from './harness';
import { expectNoSecrets, expectOutputsDownloaded, type RunningSimulator, startSimulator } from './simulator';

const bundle = inject('bundlePath');

interface JobEntry {
  video: string;
  jobId: string | null;
  state: string;
  outputDir: string;
  files: { path: string; format: string; bytes: number }[];
  error?: string;
}

describe('a batch from a glob', () => {
  let server: RunningSimulator;
  let workspace: Workspace;

  beforeEach(async () => {
    // Slow enough to fail one job by hand while it runs.
    server = await startSimulator({ jobDurationMs: 2500 });
    workspace = await Workspace.create();
    await workspace.write('videos/hero/walk.mp4', sampleVideo('MP4', 3000));
    await workspace.write('videos/villain/walk.mp4', sampleVideo('MP4', 4000));
    await workspace.write('videos/run.mov', sampleVideo('MOV', 5000));
    await workspace.write('videos/drafts/take1.mp4', sampleVideo('MP4', 6000));
    // A previous run's preview video: never picked up as an input.
    await workspace.write('move-outputs/videos/run/run.mp4', sampleVideo('MP4', 7000));
  });
  afterEach(async () => {
    await stopActions();
    await server.close();
    await workspace.remove();
  });

  it('runs each match as its own job, mirrors the layout under output-dir, and reports one failure precisely', async () => {
    const action = await startAction(bundle, workspace, {
      'api-key': DEFAULT_API_KEY,
      video: '**/*.{mp4,mov}\n!videos/drafts/**',
      outputs: 'MAIN_FBX, MAIN_GLB',
      concurrency: '2',
      endpoint: server.endpoint,
      'poll-interval-seconds': '1',
    });
    const [, failing] = (await action.waitFor(/\[videos\/villain\/walk\.mp4\] Job (job-\S+) created/))!;
    server.sim.failJob(failing!, 'the actor left the frame');
    const run = await action.done;

    expect(run.code).toBe(1);
    expect(server.sim.jobs()).toHaveLength(3);
    const jobs = JSON.parse(run.outputs.jobs!) as JobEntry[];
    expect(jobs.map((job) => [job.video, job.state])).toEqual([
      ['videos/hero/walk.mp4', 'FINISHED'],
      ['videos/run.mov', 'FINISHED'],
      ['videos/villain/walk.mp4', 'FAILED'],
    ]);
    expect(jobs.map((job) => job.outputDir)).toEqual([
      `${workspace.dir}/move-outputs/videos/hero/walk`,
      `${workspace.dir}/move-outputs/videos/run`,
      `${workspace.dir}/move-outputs/videos/villain/walk`,
    ]);
    for (const job of jobs.slice(0, 2)) {
      expect(job.files.map((file) => file.format).sort()).toEqual(['fbx', 'glb']);
      await expectOutputsDownloaded(job.files, job.jobId!);
    }
    expect(jobs[2]!.jobId).toBe(failing);
    expect(jobs[2]!.error).toContain(`Job ${failing} failed`);

    // A batch has no single job: the aggregate state is the one that needs attention.
    expect(run.outputs['job-id']).toBe('');
    expect(run.outputs.state).toBe('FAILED');
    expect(JSON.parse(run.outputs.files!)).toHaveLength(4);
    const failure = failureOf(run)!;
    expect(failure).toMatch(/^1 of 3 videos did not finish:\n- videos\/villain\/walk\.mp4: Job job-\S+ failed/);

    expect(run.summary).toContain('3 videos, 1 failed, 2 finished');
    expect(run.summary).toMatch(/\| `videos\/hero\/walk\.mp4` \| `job-\S+` \| ✅ FINISHED \| \d+s \| 2 \|/);
    // The simulator's GLB is a real glTF of some 50 KiB, whatever its outputBytes.
    expect(run.summary).toMatch(/\| `videos\/run\.mov` \| `move-outputs\/videos\/run\/run\.glb` \| glb \| \d+ KiB \|/);
    expect(run.summary).toContain('#### What needs attention');
    // Lines of a batch name their video.
    expect(run.stdout).toMatch(/^\[videos\/run\.mov\] Uploading run\.mov/m);
    expectNoSecrets(run, DEFAULT_API_KEY);
  });

  it('BI-87 refuses two videos with the same content, which would be one job', async () => {
    await workspace.write('videos/copy/walk.mp4', sampleVideo('MP4', 3000));
    const run = await runAction(bundle, workspace, {
      'api-key': DEFAULT_API_KEY,
      video: 'videos/**/walk.mp4',
      endpoint: server.endpoint,
    });

    expect(run.code).toBe(1);
    expect(failureOf(run)).toContain(
      'videos/copy/walk.mp4 and videos/hero/walk.mp4 have the same content, so they would be one job',
    );
    expect(server.sim.requests).toHaveLength(0);
  });

  it('BI-85 BI-86 refuses a glob that matches nothing, and a .move sidecar with several videos', async () => {
    const base = { 'api-key': DEFAULT_API_KEY, endpoint: server.endpoint };
    const sidecar = await runAction(bundle, workspace, {
      ...base,
      video: 'videos/*/walk.mp4',
      'move-file': 'walk.move',
    });
    expect(sidecar.code).toBe(1);
    expect(failureOf(sidecar)).toContain('move-file pairs a .move sidecar with one video, but video matched 2 files');

    const nothing = await runAction(bundle, workspace, { ...base, video: 'clips/*.mp4' });
    expect(nothing.code).toBe(1);
    expect(failureOf(nothing)).toContain('"clips/*.mp4" matches no file');
    expect(server.sim.requests).toHaveLength(0);
  });
});
