// Ctrl-C (SIGINT) in the middle of an upload and of a download: exit 130, a resume hint, nothing
// half-written under a final name; the same command again finishes with one job and exact outputs.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleVideo } from '@move-ugc/mock';
import { afterAll, describe, expect, it } from 'vitest';
import {
  API_KEY,
  type Env,
  expectNoSecrets,
  expectOutputsMatch,
  json,
  type OutputDoc,
  run,
  start,
  startSim,
  waitFor,
} from './helpers';

const MiB = 1024 * 1024;
const envs: Env[] = [];

afterAll(async () => {
  expectNoSecrets();
  await Promise.all(envs.map((e) => e.close()));
});

async function throttledSim(outputBytes: number): Promise<Env> {
  // A slow link (both ways), so there is time to press Ctrl-C mid-transfer.
  // These runs are stopped mid-download on purpose: the re-runs resume with Range and If-Match.
  const env = await startSim({ outputBytes }, { bandwidthBytesPerSec: 1.5 * MiB }, { resumed: true });
  envs.push(env);
  return env;
}

describe('Ctrl-C', () => {
  it('mid-upload: exits 130 with the command to resume, which then finishes with one job', async () => {
    const t = await throttledSim(64 * 1024);
    writeFileSync(join(t.dir, 'big.mp4'), sampleVideo('MP4', 4 * MiB));
    // The key on the command line must not come back in the resume hint.
    const { MOVE_API_KEY: _key, ...env } = t.env;
    const args = [
      'run',
      'big.mp4',
      '--api-key',
      API_KEY,
      '--outputs',
      'MAIN_FBX',
      '--poll-interval',
      '100ms',
      '-o',
      'out',
    ];
    const cli = start(args, { env, cwd: t.dir });
    // Core reports upload progress per 4 MiB read, so wait for the start and let bytes flow a while.
    await waitFor(() => cli.output().stderr, /↑ big\.mp4/);
    await new Promise((r) => setTimeout(r, 500));
    expect(cli.output().stderr).not.toContain('Uploaded big.mp4');
    cli.child.kill('SIGINT');
    const stopped = await cli.done;

    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('Stopping…');
    expect(stopped.stderr).toContain('Interrupted. Finished steps are kept; run the same command again to resume:');
    expect(stopped.stderr).toContain(
      '  move-ugc run big.mp4 --api-key <key> --outputs MAIN_FBX --poll-interval 100ms -o out',
    );
    expect(json<{ error: { exitCode: number } }>(stopped).error.exitCode).toBe(130);
    expect(t.sim.jobs()).toHaveLength(0);

    const resumed = await run(args, { env, cwd: t.dir });
    expect(resumed.code, resumed.stderr).toBe(0);
    const doc = json<{ jobId: string; outputs: OutputDoc[] }>(resumed);
    expect(t.sim.jobs()).toHaveLength(1);
    expectOutputsMatch(t.sim, doc.jobId, doc.outputs);
  });

  it('mid-download: keeps the partial file, resumes it with a Range request, and never makes a second job', async () => {
    const t = await throttledSim(3 * MiB);
    writeFileSync(join(t.dir, 'small.mp4'), sampleVideo('MP4', 32 * 1024));
    const args = ['run', 'small.mp4', '--outputs', 'MAIN_FBX', '--poll-interval', '100ms', '-o', 'out'];
    const cli = start(args, { env: t.env, cwd: t.dir });
    await waitFor(() => cli.output().stderr, /small\.fbx 25%/);
    cli.child.kill('SIGINT');
    const stopped = await cli.done;

    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('  move-ugc run small.mp4 --outputs MAIN_FBX --poll-interval 100ms -o out');
    const left = readdirSync(join(t.dir, 'out'));
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.small\.fbx\.[0-9a-f]{8}\.part$/);
    expect(existsSync(join(t.dir, 'out', 'small.fbx'))).toBe(false);

    const resumed = await run(args, { env: t.env, cwd: t.dir });
    expect(resumed.code, resumed.stderr).toBe(0);
    const doc = json<{ jobId: string; resumed: boolean; outputs: OutputDoc[] }>(resumed);
    expect(doc.resumed).toBe(true);
    expect(t.sim.jobs()).toHaveLength(1);
    expect(t.sim.requests.some((r) => r.kind === 'download' && r.status === 206)).toBe(true);
    expect(readdirSync(join(t.dir, 'out'))).toEqual(['small.fbx']);
    expectOutputsMatch(t.sim, doc.jobId, doc.outputs);
  });

  it('mid-download of `jobs download`: exits 130, and the same command resumes', async () => {
    const t = await throttledSim(3 * MiB);
    writeFileSync(join(t.dir, 'clip.mp4'), sampleVideo('MP4', 8 * 1024));
    const created = await run(['run', 'clip.mp4', '--outputs', 'MAIN_FBX', '--no-wait'], { env: t.env, cwd: t.dir });
    const { jobId } = json<{ jobId: string }>(created);
    const args = ['jobs', 'download', jobId, '--poll-interval', '100ms', '-o', 'dl'];
    const cli = start(args, { env: t.env, cwd: t.dir });
    await waitFor(() => cli.output().stderr, /\.fbx 25%/);
    cli.child.kill('SIGINT');
    const stopped = await cli.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain(`  move-ugc jobs download ${jobId} --poll-interval 100ms -o dl`);

    const resumed = await run(args, { env: t.env, cwd: t.dir });
    expect(resumed.code, resumed.stderr).toBe(0);
    expectOutputsMatch(t.sim, jobId, json<{ outputs: OutputDoc[] }>(resumed).outputs);
  });
});
