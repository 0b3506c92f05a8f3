// End to end, one video: the built bundle run as the runner runs it, against the simulator over HTTP.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_API_KEY, sampleVideo } from '@move-ugc/mock';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { failureOf, runAction, Workspace } from './harness';
import { expectNoSecrets, expectOutputsDownloaded, type RunningSimulator, startSimulator } from './simulator';

const bundle = inject('bundlePath');

describe('a single video', () => {
  let server: RunningSimulator;
  let workspace: Workspace;
  const inputs = () => ({
    'api-key': DEFAULT_API_KEY,
    video: 'captures/walk.mp4',
    outputs: 'MAIN_FBX, RENDER_VIDEO',
    endpoint: server.endpoint,
    'poll-interval-seconds': '1',
  });

  beforeEach(async () => {
    server = await startSimulator();
    workspace = await Workspace.create();
    await workspace.write('captures/walk.mp4', sampleVideo('MP4', 200_000));
  });
  afterEach(async () => {
    await server.close();
    await workspace.remove();
  });

  it('uploads, waits, downloads every output byte for byte, and reports it in outputs and the summary', async () => {
    // Large enough for the upload's progress (reported per 4 MiB read) to pass each quarter.
    await workspace.write('captures/walk.mp4', sampleVideo('MP4', 16 * 1024 * 1024));
    await workspace.write('captures/walk.move', 'move-one sidecar');
    const run = await runAction(bundle, workspace, { ...inputs(), 'move-file': 'captures/walk.move' });

    expect(run.code, run.stdout).toBe(0);
    const [job] = server.sim.jobs();
    expect(server.sim.jobs()).toHaveLength(1);
    expect(run.outputs['job-id']).toBe(job!.id);
    expect(run.outputs['take-id']).toBe(job!.takeId);
    expect(server.sim.takes()[0]!.sources.map((source) => source.format)).toEqual(['MP4', 'MOVE']);
    expect(run.outputs.state).toBe('FINISHED');
    expect(run.outputs['output-dir']).toBe(`${workspace.dir}/move-outputs`);
    const files = JSON.parse(run.outputs.files!) as { path: string; format: string; bytes: number }[];
    expect(files.map((file) => file.path).sort()).toEqual([
      `${workspace.dir}/move-outputs/walk.fbx`,
      `${workspace.dir}/move-outputs/walk.mp4`,
    ]);
    await expectOutputsDownloaded(files, job!.id);
    // Both uploads reached S3 with their exact lengths and no Content-Type.
    const puts = server.sim.requests.filter((r) => r.kind === 'upload');
    expect(puts.map((r) => [r.status, r.headers['content-length'], r.headers['content-type']])).toEqual([
      [200, String(16 * 1024 * 1024), undefined],
      [200, String('move-one sidecar'.length), undefined],
    ]);
    const jobs = JSON.parse(run.outputs.jobs!);
    expect(jobs).toMatchObject([{ video: 'captures/walk.mp4', jobId: job!.id, state: 'FINISHED', files }]);

    expect(run.summary).toContain('FINISHED');
    expect(run.summary).toContain(`\`${job!.id}\``);
    expect(run.summary).toMatch(/\| Duration \| \d+s \|/);
    expect(run.summary).toContain('| `move-outputs/walk.fbx` | fbx | 4.0 KiB |');

    // One group per phase, in order, and calm progress lines.
    const groups = run.stdout.split('\n').filter((line) => line.startsWith('::group::'));
    expect(groups).toEqual([
      '::group::Check inputs',
      '::group::Upload',
      '::group::Motion capture job',
      '::group::Download outputs',
    ]);
    const progress = run.stdout.split('\n').filter((line) => /^ {2}video \d+% \(/.test(line));
    expect(progress.map((line) => line.slice(0, line.indexOf('%') + 1))).toEqual([
      '  video 25%',
      '  video 50%',
      '  video 75%',
    ]);
    expectNoSecrets(run, DEFAULT_API_KEY);
  });

  it('reuses the job on a re-run elsewhere: same content, no second job, no second upload', async () => {
    const first = await runAction(bundle, workspace, inputs());
    expect(first.code, first.stdout).toBe(0);
    const uploads = server.sim.countOperations('createFile');

    // A re-run starts on a fresh runner: new checkout (new mtimes), new RUNNER_TEMP, no journal.
    const again = await Workspace.create();
    try {
      await again.write('captures/walk.mp4', sampleVideo('MP4', 200_000));
      const second = await runAction(bundle, again, inputs());

      expect(second.code, second.stdout).toBe(0);
      expect(server.sim.jobs()).toHaveLength(1);
      expect(server.sim.countOperations('createFile')).toBe(uploads);
      expect(second.outputs['job-id']).toBe(first.outputs['job-id']);
      expect(second.stdout).toContain('reused: an earlier run made it with the same idempotency key');
      expect(second.summary).toContain('reused');
      await expectOutputsDownloaded(JSON.parse(second.outputs.files!), second.outputs['job-id']!);
    } finally {
      await again.remove();
    }
  });

  it('fails the step with the job id and what to do when the job fails', async () => {
    const run = await runAction(bundle, workspace, { ...inputs(), metadata: '{"mockFail": "no person in view"}' });

    expect(run.code).toBe(1);
    const [job] = server.sim.jobs();
    expect(run.outputs['job-id']).toBe(job!.id);
    expect(run.outputs.state).toBe('FAILED');
    expect(run.outputs.files).toBe('[]');
    const failure = failureOf(run)!;
    expect(failure).toContain(`Job ${job!.id} failed`);
    expect(failure).toContain('Re-running this workflow pays for a new job');
    expect(run.summary).toContain('❌ FAILED');
    expectNoSecrets(run, DEFAULT_API_KEY);
  });

  it('BI-83 rejects a wrong API key before uploading anything, without printing it', async () => {
    const wrongKey = 'wrong_key_0123456789';
    const run = await runAction(bundle, workspace, { ...inputs(), 'api-key': wrongKey });

    expect(run.code).toBe(1);
    expect(failureOf(run)).toContain('Move rejected the API key');
    expect(server.sim.countOperations('createFile')).toBe(0);
    expect(run.outputs.state).toBe('NOT_CREATED');
    expect(existsSync(join(workspace.dir, 'move-outputs'))).toBe(false);
    expectNoSecrets(run, wrongKey, { urlsSeen: false });
  });

  it('BI-77 BI-78 BI-79 BI-80 BI-81 checks every input before sending anything, and lists all problems at once', async () => {
    const run = await runAction(bundle, workspace, {
      ...inputs(),
      video: '',
      outputs: 'MAIN_FBK',
      'clip-window': '9-2',
      metadata: '{not json',
      wait: 'yes',
      concurrency: '0',
    });

    expect(run.code).toBe(1);
    const failure = failureOf(run)!;
    expect(failure).toContain('6 inputs need fixing');
    expect(failure).toContain('video is empty: give the path of a video, or a glob');
    expect(failure).toContain('did you mean MAIN_FBX?');
    expect(failure).toContain('clip-window: startTime (9) must be before endTime (2)');
    expect(failure).toContain('metadata is not valid JSON');
    expect(failure).toContain('wait must be true or false (got "yes")');
    expect(failure).toContain('concurrency must be a whole number from 1 to 16');
    expect(failure).toContain('no credit was spent');
    expect(server.sim.requests).toHaveLength(0);
    expect(existsSync(join(workspace.dir, 'move-outputs'))).toBe(false);
  });

  it('BI-139 refuses a file in output-dir it did not write before paying, and replaces it with overwrite', async () => {
    const mine = await workspace.write('move-outputs/walk.fbx', 'my own walk.fbx');
    const refused = await runAction(bundle, workspace, inputs());

    expect(refused.code).toBe(1);
    expect(failureOf(refused)).toContain(`${mine}: exists, and this run did not write it`);
    expect(failureOf(refused)).toContain('`overwrite: true` in the Action');
    expect(refused.outputs.state).toBe('NOT_CREATED');
    expect(server.sim.countOperations('createFile')).toBe(0);
    expect(server.sim.jobs()).toHaveLength(0);
    expect(await readFile(mine, 'utf8')).toBe('my own walk.fbx');

    const replaced = await runAction(bundle, workspace, { ...inputs(), overwrite: 'true' });
    expect(replaced.code, replaced.stdout).toBe(0);
    const files = JSON.parse(replaced.outputs.files!) as { path: string; format: string; bytes: number }[];
    expect(files.map((file) => file.path)).toContain(mine);
    await expectOutputsDownloaded(files, server.sim.jobs()[0]!.id);
    expectNoSecrets(replaced, DEFAULT_API_KEY);
  });

  it('BI-84 says so when the video is a Git LFS pointer rather than the video', async () => {
    await workspace.write(
      'captures/walk.mp4',
      'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a2146\nsize 73400320\n',
    );
    const run = await runAction(bundle, workspace, inputs());

    expect(run.code).toBe(1);
    expect(failureOf(run)).toContain('is a Git LFS pointer');
    expect(failureOf(run)).toContain('lfs: true');
    expect(server.sim.requests).toHaveLength(0);
  });

  it('with wait: false, ends once the job exists and a later run with wait picks it up', async () => {
    const started = await runAction(bundle, workspace, { ...inputs(), wait: 'false' });

    expect(started.code, started.stdout).toBe(0);
    expect(server.sim.jobs()).toHaveLength(1);
    expect(started.outputs['job-id']).toBe(server.sim.jobs()[0]!.id);
    expect(['NOT_STARTED', 'RUNNING', 'FINISHED']).toContain(started.outputs.state);
    expect(started.outputs.files).toBe('[]');
    expect(started.summary).toContain('Not waited for');

    const finished = await runAction(bundle, workspace, inputs());
    expect(finished.code, finished.stdout).toBe(0);
    expect(server.sim.jobs()).toHaveLength(1);
    expect(finished.outputs['job-id']).toBe(started.outputs['job-id']);
    await expectOutputsDownloaded(JSON.parse(finished.outputs.files!), finished.outputs['job-id']!);
  });
});
