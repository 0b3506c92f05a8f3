// End to end, runs that stop before the job finishes: the wait times out, or the workflow is cancelled.
// Either way the job keeps running on Move, and a re-run picks it up without paying again.
import { DEFAULT_API_KEY, sampleVideo } from '@move-ugc/mock';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { failureOf, runAction, startAction, stopActions, Workspace } from './harness';
import { expectNoSecrets, type RunningSimulator, startSimulator } from './simulator';

const bundle = inject('bundlePath');

describe('a job that outlasts the step', () => {
  let server: RunningSimulator;
  let workspace: Workspace;
  const inputs = () => ({
    'api-key': DEFAULT_API_KEY,
    video: 'walk.mp4',
    endpoint: server.endpoint,
    'poll-interval-seconds': '1',
  });

  beforeEach(async () => {
    // Queued for the first second, then RUNNING: longer than any test here waits.
    server = await startSimulator({ jobDurationMs: 10_000 });
    workspace = await Workspace.create();
    await workspace.write('walk.mp4', sampleVideo('MP4', 2048));
  });
  afterEach(async () => {
    await stopActions();
    await server.close();
    await workspace.remove();
  });

  it('fails on timeout with the job id and how to resume; the re-run reuses the job', async () => {
    const run = await runAction(bundle, workspace, { ...inputs(), 'timeout-minutes': '0.05' });

    expect(run.code).toBe(1);
    const [job] = server.sim.jobs();
    expect(run.outputs['job-id']).toBe(job!.id);
    expect(run.outputs.state).toBe('RUNNING');
    const failure = failureOf(run)!;
    expect(failure).toContain(`Job ${job!.id} is still RUNNING after 3s (timeout-minutes)`);
    expect(failure).toContain(`picks up job ${job!.id} without paying again`);
    expect(run.summary).toContain('⏳ RUNNING');
    expectNoSecrets(run, DEFAULT_API_KEY);

    const again = await runAction(bundle, workspace, { ...inputs(), wait: 'false' });
    expect(again.code, again.stdout).toBe(0);
    expect(server.sim.jobs()).toHaveLength(1);
    expect(again.outputs['job-id']).toBe(job!.id);
    expect(again.outputs.state).toBe('RUNNING');
  });

  it('stops promptly on cancellation and says which job is still running', async () => {
    const action = await startAction(bundle, workspace, inputs());
    const [, jobId] = (await action.waitFor(/Job (job-\S+): RUNNING/))!;
    const cancelledAt = Date.now();
    action.child.kill('SIGINT');
    const run = await action.done;

    // The runner allows 7.5 s after SIGINT before it sends SIGTERM.
    expect(Date.now() - cancelledAt).toBeLessThan(5000);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Received SIGINT: stopping.');
    const failure = failureOf(run)!;
    expect(failure).toContain(`Cancelled. Job ${jobId} is still running on Move.`);
    expect(failure).toMatch(/same idempotency key \(move-gha-v1-[0-9a-f]{64}\) picks up job/);
    expect(run.outputs['job-id']).toBe(jobId);
    expect(run.summary).toContain('(cancelled)');
    expect(server.sim.jobs()).toHaveLength(1);
  });
});
