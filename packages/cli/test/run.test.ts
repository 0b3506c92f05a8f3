// `move-ugc run`: the whole flow, its JSON document, the terminal rendering (TTY or not), re-runs
// that resume instead of paying again, and the exit codes of a failed or still-running job.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { sampleVideo } from '@move-ugc/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Env, expectNoSecrets, expectOutputsMatch, json, type RunDoc, run, runTty, startSim } from './helpers';

let t: Env;

const ESC = '\x1b[';

beforeAll(async () => {
  t = await startSim({ outputBytes: 300 * 1024 });
  for (const name of ['a', 'b', 'c', 'd', 'e'])
    writeFileSync(join(t.dir, `${name}.mp4`), sampleVideo('MP4', 10_000 + name.charCodeAt(0)));
});

afterAll(async () => {
  expectNoSecrets();
  await t.close();
});

describe('run', () => {
  it('uploads, processes and downloads: one JSON document on stdout, plain progress on stderr', async () => {
    const result = await run(
      ['run', 'a.mp4', '--outputs', 'MAIN_FBX,RENDER_VIDEO', '--poll-interval', '100ms', '-o', 'out-a'],
      {
        env: t.env,
        cwd: t.dir,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    const doc = json<RunDoc>(result);
    expect(doc).toEqual({
      jobId: expect.stringMatching(/^job-/),
      takeId: expect.stringMatching(/^take-/),
      state: 'FINISHED',
      resumed: false,
      reused: false,
      outputDir: join(t.dir, 'out-a'),
      outputs: [
        { fileName: 'a.fbx', format: 'fbx', bytes: 300 * 1024, path: join(t.dir, 'out-a', 'a.fbx') },
        { fileName: 'a.mp4', format: 'mp4', bytes: 300 * 1024, path: join(t.dir, 'out-a', 'a.mp4') },
      ],
    });
    expectOutputsMatch(t.sim, doc.jobId, doc.outputs);
    // What reached S3: the upload with its exact length and no Content-Type, plain GETs for outputs.
    const transfers = t.sim.requests.filter((r) => r.kind === 'upload' || r.kind === 'download');
    expect(transfers.map((r) => [r.method, r.status])).toEqual([
      ['PUT', 200],
      ['GET', 200],
      ['GET', 200],
    ]);
    expect(transfers[0]!.headers['content-length']).toBe(String(10_000 + 'a'.charCodeAt(0)));
    expect(transfers[0]!.headers['content-type']).toBeUndefined();
    expect(t.sim.auditRequests()).toEqual([]);
    // Not a terminal: no colours, no cursor movement, one line per step.
    expect(result.stderr).not.toContain(ESC);
    expect(result.stderr).toMatch(/✓ Uploaded a\.mp4/);
    expect(result.stderr).toMatch(new RegExp(`✓ Job ${doc.jobId}`));
    expect(result.stderr).toMatch(/Job job-\S+ FINISHED 100%/);
    // A job this run created: how long it took is known.
    expect(result.stderr).toMatch(/✓ Job finished in \d+s: 2 outputs\n/);
    expect(result.stderr).toMatch(/✓ Saved a\.fbx/);
  });

  it('without --poll-interval, polls as the workflow says: the first check after 2 s, not a hot loop', async () => {
    writeFileSync(join(t.dir, 'paced.mp4'), sampleVideo('MP4', 12_345));
    const before = t.sim.countOperations('getJob');
    const result = await run(['run', 'paced.mp4', '--outputs', 'MAIN_FBX', '-o', 'out-paced'], {
      env: t.env,
      cwd: t.dir,
    });
    expect(result.code, result.stderr).toBe(0);
    // The job takes 300 ms: finished by the first poll, outputs there by the second at most.
    expect(t.sim.countOperations('getJob') - before).toBeLessThanOrEqual(3);
  });

  it('does nothing twice when run again: same job, outputs skipped', async () => {
    const args = ['run', 'a.mp4', '--outputs', 'MAIN_FBX,RENDER_VIDEO', '--poll-interval', '100ms', '-o', 'out-a'];
    const first = json<RunDoc>(await run(args, { env: t.env, cwd: t.dir }));
    const jobs = t.sim.jobs().length;
    const uploads = t.sim.files().filter((f) => !f.output).length;
    const again = await run(args, { env: t.env, cwd: t.dir });
    expect(again.code, again.stderr).toBe(0);
    const doc = json<RunDoc>(again);
    expect(doc).toMatchObject({ jobId: first.jobId, resumed: true });
    expect(again.stderr).toMatch(/a\.fbx already downloaded/);
    // It finished in the first run: no duration is claimed for it here (it used to say "in 0s").
    expect(again.stderr).toMatch(/✓ Job had already finished: 2 outputs\n/);
    expect(again.stderr).not.toMatch(/Job finished in/);
    expect(t.sim.jobs()).toHaveLength(jobs);
    expect(t.sim.files().filter((f) => !f.output)).toHaveLength(uploads);
  });

  it('draws bars and a table on a terminal', async () => {
    const result = await runTty(['run', 'b.mp4', '--outputs', 'MAIN_FBX', '--poll-interval', '100ms', '-o', 'out-b'], {
      env: t.env,
      cwd: t.dir,
    });
    expect(result.code, result.stdout).toBe(0);
    // The live area is redrawn in place (cursor up, clear) and coloured.
    expect(result.stdout).toContain(`${ESC}0J`);
    expect(result.stdout).toContain(`${ESC}32m✓`);
    expect(result.stdout).toMatch(/OUTPUT\s+FORMAT\s+SIZE\s+PATH/);
    expect(result.stdout).toMatch(/b\.fbx\s+fbx\s+300 KiB/);
    expect(result.stdout).not.toMatch(/"jobId"/);
  });

  it('honours NO_COLOR and CI on a terminal, and --json there too', async () => {
    const env = { ...t.env, NO_COLOR: '1', CI: 'true' };
    const result = await runTty(
      ['run', 'c.mp4', '--outputs', 'MAIN_FBX', '--poll-interval', '100ms', '-o', 'out-c', '--json'],
      {
        env,
        cwd: t.dir,
      },
    );
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).not.toContain(ESC);
    const doc = result.stdout.slice(result.stdout.indexOf('{'), result.stdout.lastIndexOf('}') + 1);
    expect(JSON.parse(doc)).toMatchObject({ state: 'FINISHED', outputs: [{ fileName: 'c.fbx' }] });
  });

  it('prints resource tables on a terminal, with the command for the next page', async () => {
    const result = await runTty(['jobs', 'list', '--limit', '1'], { env: t.env, cwd: t.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/JOB\s+STATE\s+%\s+CREATED\s+NAME/);
    expect(result.stdout).toMatch(/job-\S+\s+FINISHED\s+100/);
    expect(result.stdout).toMatch(/More on the next page: move-ugc jobs list --limit 1 --after '\{.*\}'/);
    const record = await runTty(['jobs', 'get', t.sim.jobs()[0]!.id, '--expand', 'outputs'], {
      env: t.env,
      cwd: t.dir,
    });
    expect(stripVTControlCharacters(record.stdout)).toMatch(/\nstate\s+FINISHED\r?\n/);
    expect(record.stdout).toMatch(/FORMAT\s+TYPE\s+FILE ID\s+URL/);
    expect(record.stdout).toMatch(/\?\[redacted\]/);
  });

  it('prints only the file id for files upload on a terminal', async () => {
    const result = await runTty(['files', 'upload', 'a.mp4'], { env: t.env, cwd: t.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^file-[0-9a-f-]+\r?$/m);
  });

  it('keeps secrets out of debug logs too', async () => {
    const result = await run(['jobs', 'get', t.sim.jobs()[0]!.id, '--expand', 'outputs'], {
      env: { ...t.env, MOVE_UGC_DEBUG: '1' },
      cwd: t.dir,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^debug: move-ugc GetJob attempt 1/m);
  });

  it('after --no-wait, a re-run waits for the job it made and says for how long, not how long the job took', async () => {
    writeFileSync(join(t.dir, 'later.mp4'), sampleVideo('MP4', 11_111));
    const args = ['run', 'later.mp4', '--outputs', 'MAIN_FBX', '--poll-interval', '100ms', '-o', 'out-later'];
    const created = await run([...args, '--no-wait'], { env: t.env, cwd: t.dir });
    expect(created.code, created.stderr).toBe(0);
    const again = await run(args, { env: t.env, cwd: t.dir });
    expect(again.code, again.stderr).toBe(0);
    expect(json<RunDoc>(again)).toMatchObject({ jobId: json<RunDoc>(created).jobId, resumed: true });
    // Seen running here (the job takes 300 ms), or already over: never "finished in" for a job made before.
    expect(again.stderr).toMatch(/✓ Job (finished \(after waiting \d+s\)|had already finished): 1 output\n/);
    expect(again.stderr).not.toMatch(/Job finished in/);
  });

  it('stops after creating the job with --no-wait', async () => {
    const result = await run(['run', 'd.mp4', '--no-wait'], { env: t.env, cwd: t.dir });
    expect(result.code, result.stderr).toBe(0);
    const doc = json<RunDoc>(result);
    expect(doc).toMatchObject({ state: 'NOT_STARTED', outputDir: null, outputs: [] });
    const tty = await runTty(['run', 'd.mp4', '--no-wait'], { env: t.env, cwd: t.dir });
    expect(tty.stdout).toContain(`Follow it with: move-ugc jobs wait ${doc.jobId}`);
  });

  it('exits 1 when the job fails', async () => {
    const result = await run(
      ['run', 'e.mp4', '--metadata', '{"mockFail":"bad lighting"}', '--poll-interval', '100ms'],
      {
        env: t.env,
        cwd: t.dir,
      },
    );
    expect(result.code).toBe(1);
    expect(json<{ error: unknown }>(result).error).toMatchObject({
      type: 'MoveJobFailedError',
      exitCode: 1,
      jobId: expect.stringMatching(/^job-/),
    });
  });
});

describe('run with a job that outlasts --timeout', () => {
  let slow: Env;
  beforeAll(async () => {
    slow = await startSim({ jobDurationMs: 60_000 });
    writeFileSync(join(slow.dir, 'clip.mp4'), sampleVideo('MP4', 2048));
  });
  afterAll(() => slow.close());

  it('exits 3, says how to continue, and a re-run waits for the same job', async () => {
    const args = ['run', 'clip.mp4', '--timeout', '500ms', '--poll-interval', '100ms'];
    const result = await run(args, { env: slow.env, cwd: slow.dir });
    expect(result.code).toBe(3);
    const { jobId, message } = json<{ error: { jobId: string; message: string } }>(result).error;
    expect(message).toContain(`wait for it again with \`move-ugc jobs wait ${jobId}\``);
    expect(result.stderr).toContain(`error: ${message}\n`);
    expect(result.stderr).toContain(`To wait and download its outputs: move-ugc jobs download ${jobId}\n`);
    expect((await run(args, { env: slow.env, cwd: slow.dir })).code).toBe(3);
    expect(slow.sim.jobs()).toHaveLength(1);
  });
});
