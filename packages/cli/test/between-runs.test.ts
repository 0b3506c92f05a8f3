// What a second run finds: a journal from another endpoint or account, a journal naming a job Move
// no longer has, a key stored for another endpoint, and a second process on the same video.
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleVideo } from '@move-ugc/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Env,
  expectNoSecrets,
  expectOutputsMatch,
  json,
  type RunDoc,
  run,
  start,
  startSim,
  waitFor,
} from './helpers';

let t: Env;
let other: Env;

beforeAll(async () => {
  t = await startSim();
  other = await startSim();
  writeFileSync(join(t.dir, 'clip.mp4'), sampleVideo('MP4', 5000));
});

afterAll(async () => {
  expectNoSecrets();
  await t.close();
  await other.close();
});

const runClip = (env: NodeJS.ProcessEnv, out = 'anim', ...extra: string[]) =>
  run(['run', 'clip.mp4', '--outputs', 'MAIN_FBX', '--poll-interval', '50ms', '-o', out, '--json', ...extra], {
    env,
    cwd: t.dir,
  });

describe('a run after a switch of endpoint', () => {
  it('BI-150 starts anew on the other endpoint instead of resuming a job that is not there', async () => {
    const first = await runClip(t.env);
    expect(first.code, first.stderr).toBe(0);
    // The same command, the same state directory, another endpoint (as after `npm run demo`).
    // (Into another folder: what an existing output folder does is tested on its own.)
    const switched = await runClip({ ...t.env, MOVE_API_ENDPOINT: other.server.endpoint }, 'anim-other');
    expect(switched.code, switched.stderr).toBe(0);
    const doc = json<RunDoc>(switched);
    expect(doc.resumed).toBe(false);
    expect(switched.stderr).not.toMatch(/resumed/);
    expect(other.sim.jobs().map((job) => job.id)).toEqual([doc.jobId]);
    expect(t.sim.jobs()).toHaveLength(1);
  });

  it('BI-151 names the journal and --fresh when it names a job Move does not have, and --fresh starts anew', async () => {
    // The journal of the first run, pointed at a job that is gone.
    const before = t.sim.jobs().length;
    for (const name of readdirSync(t.env.MOVE_UGC_STATE_DIR!, { recursive: true }) as string[]) {
      if (!name.endsWith('.json')) continue;
      const path = join(t.env.MOVE_UGC_STATE_DIR!, name);
      const record = JSON.parse(readFileSync(path, 'utf8'));
      if (record.jobId && t.sim.jobs().some((job) => job.id === record.jobId)) {
        record.jobId = 'job-00000000-0000-4000-8000-000000000000';
        writeFileSync(path, JSON.stringify(record));
      }
    }
    const stale = await runClip(t.env);
    expect(stale.code).toBe(1);
    const error = json<{ error: { type: string; message: string } }>(stale).error;
    expect(error.type).toBe('MoveStaleJournalError');
    expect(error.message).toContain(t.env.MOVE_UGC_STATE_DIR!);
    expect(error.message).toContain(new URL(t.server.endpoint).host);
    expect(error.message).toMatch(/--fresh/);
    expect(t.sim.jobs()).toHaveLength(before);

    // Into another folder: the first run's outputs stay as they are.
    const fresh = await runClip(t.env, 'anim-fresh', '--fresh');
    expect(fresh.code, fresh.stderr).toBe(0);
    const doc = json<RunDoc>(fresh);
    expect(t.sim.jobs()).toHaveLength(before + 1);
    expectOutputsMatch(t.sim, doc.jobId, doc.outputs);
  });
});

describe('a key and its endpoint', () => {
  it('BI-152 a key from the environment never goes to the endpoint stored with another key', async () => {
    const { MOVE_API_KEY: key, MOVE_API_ENDPOINT: _endpoint, ...env } = t.env;
    const login = await run(['login', '--endpoint', t.server.endpoint], { env, cwd: t.dir, stdin: `${key}\n` });
    expect(login.code, login.stderr).toBe(0);
    // The stored key and endpoint travel together.
    const stored = await run(['client', 'get', '--json'], { env, cwd: t.dir });
    expect(stored.code, stored.stderr).toBe(0);

    const seen = t.sim.requests.length;
    const otherKey = 'sk_live_env_key_for_move_9d2c';
    const fromEnv = await run(['client', 'get'], { env: { ...env, MOVE_API_KEY: otherKey }, cwd: t.dir });
    expect(fromEnv.code).not.toBe(0);
    // It went to Move's production API (unreachable here), not to the simulator stored by login.
    expect(fromEnv.stderr).toContain('api.move.ai');
    expect(t.sim.requests.length).toBe(seen);
    expect(fromEnv.stderr).not.toContain(otherKey);
  });

  it('BI-153 refuses a stored key that other users may read', async () => {
    const { MOVE_API_KEY: _key, MOVE_API_ENDPOINT: _endpoint, ...env } = t.env;
    const config = join(t.env.XDG_CONFIG_HOME!, 'move-ugc', 'config.json');
    chmodSync(config, 0o644);
    const result = await run(['client', 'get'], { env, cwd: t.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`chmod 600 ${config}`);
    expect(result.stderr).toMatch(/other users may read it \(mode 644\)/);
    chmodSync(config, 0o600);
    expect((await run(['logout'], { env, cwd: t.dir })).code).toBe(0);
  });

  it('BI-154 names the host that refused the key', async () => {
    const result = await run(['client', 'get'], {
      env: { ...t.env, MOVE_API_KEY: 'sk_live_refused_key_00000' },
      cwd: t.dir,
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`from ${new URL(t.server.endpoint).host}`);
  });
});

describe('two runs of the same video at once', () => {
  it('BI-155 make one job, both succeed, and the folder holds only its outputs (10 times)', async () => {
    let waited = 0;
    for (let round = 0; round < 10; round++) {
      const name = `twice-${round}.mp4`;
      writeFileSync(join(t.dir, name), sampleVideo('MP4', 6000 + round));
      const args = [
        'run',
        name,
        '--outputs',
        'MAIN_FBX,RENDER_VIDEO',
        '--poll-interval',
        '50ms',
        '-o',
        `twice-${round}`,
      ];
      const before = t.sim.jobs().length;
      const [a, b] = await Promise.all([
        run([...args, '--json'], { env: t.env, cwd: t.dir }),
        run([...args, '--json'], { env: t.env, cwd: t.dir }),
      ]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      expect(t.sim.jobs()).toHaveLength(before + 1);
      const [docA, docB] = [json<RunDoc>(a), json<RunDoc>(b)];
      expect(docB.jobId).toBe(docA.jobId);
      expectOutputsMatch(t.sim, docA.jobId, docA.outputs);
      expect(readdirSync(join(t.dir, `twice-${round}`)).sort()).toEqual([`twice-${round}.fbx`, `twice-${round}.mp4`]);
      if (/The same run is already in progress \(process \d+ on /.test(`${a.stderr}${b.stderr}`)) waited++;
    }
    // Mostly one waits for the other and says so (unless the first was done before the second began).
    expect(waited).toBeGreaterThan(0);
  });

  it('BI-156 with --fail-if-running, the second exits 1 at once, naming the first', async () => {
    const slow = await startSim({ jobDurationMs: 60_000 });
    try {
      const env = { ...t.env, MOVE_API_ENDPOINT: slow.server.endpoint };
      writeFileSync(join(t.dir, 'once.mp4'), sampleVideo('MP4', 7000));
      const args = ['run', 'once.mp4', '--outputs', 'MAIN_FBX', '--poll-interval', '50ms', '-o', 'once'];
      const first = start(args, { env, cwd: t.dir });
      // The first holds the run's lock from before its upload until it ends.
      await waitFor(() => first.output().stderr, /Job job-/);
      const second = await run([...args, '--fail-if-running'], { env, cwd: t.dir });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/Another run of the same video and settings is in progress \(process \d+ on /);
      expect(slow.sim.jobs()).toHaveLength(1);
      expect(slow.sim.countOperations('createFile')).toBe(1);
      first.child.kill('SIGINT');
      expect((await first.done).code).toBe(130);
    } finally {
      await slow.close();
    }
  });
});
