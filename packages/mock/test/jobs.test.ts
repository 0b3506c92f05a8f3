import { describe, expect, it } from 'vitest';
import { MOCK_FAIL_KEY, sampleVideo } from '../src/index';
import { createJob, createTake, FakeClock, getJob, useMswSimulator } from './helpers';

const simulator = useMswSimulator();

describe('job outcomes', () => {
  it('fails a job whose video source is not a real video', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now, jobDurationMs: 1_000 });
    const takeId = await createTake(sim.endpoint, new TextEncoder().encode('definitely not a video container'));
    const jobId = await createJob(sim.endpoint, takeId);
    clock.advance(300);
    expect((await getJob(sim.endpoint, jobId)).progress.state).toBe('RUNNING');
    clock.advance(300);
    const job = await getJob(sim.endpoint, jobId);
    expect(job.progress.state).toBe('FAILED');
    expect(job.state).toBe('FAILED');
    expect(job.outputs).toEqual([]);
    expect(sim.jobs()[0]?.failureReason).toMatch(/not a readable MP4 video/);
  });

  it('accepts MP4, MOV and AVI containers by signature', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now });
    for (const format of ['MP4', 'MOV', 'AVI'] as const) {
      const takeId = await createTake(sim.endpoint, sampleVideo(format), format);
      await createJob(sim.endpoint, takeId);
    }
    // A RIFF/AVI file declared as MP4 is not an ISO-BMFF container.
    await createJob(sim.endpoint, await createTake(sim.endpoint, sampleVideo('AVI')));
    clock.advance(60_000);
    expect(sim.jobs().map((job) => job.state)).toEqual(['FINISHED', 'FINISHED', 'FINISHED', 'FAILED']);
  });

  it('fails on request: sim.failJob, metadata flag, or jobFailureRate', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now, jobDurationMs: 1_000 });
    const takeId = await createTake(sim.endpoint);
    const running = await createJob(sim.endpoint, takeId);
    clock.advance(500);
    sim.failJob(running);
    expect((await getJob(sim.endpoint, running)).progress.state).toBe('FAILED');
    sim.failJob(running);

    const flagged = await createJob(sim.endpoint, takeId, {
      metadata: JSON.stringify({ [MOCK_FAIL_KEY]: 'GPU on fire' }),
    });
    sim.setFaults({ jobFailureRate: 1 });
    const doomed = await createJob(sim.endpoint, takeId);
    sim.clearFaults();
    const fine = await createJob(sim.endpoint, takeId);
    clock.advance(5_000);
    expect(() => sim.failJob(fine)).toThrow(/already FINISHED/);
    const byId = new Map(sim.jobs().map((job) => [job.id, job]));
    expect(byId.get(flagged)).toMatchObject({ state: 'FAILED', failureReason: 'GPU on fire' });
    expect(byId.get(doomed)?.state).toBe('FAILED');
    expect(byId.get(fine)?.state).toBe('FINISHED');
  });

  it('keeps job state lazy: nothing changes until the clock moves', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now, jobDurationMs: 0, outputDelayMs: 0 });
    const jobId = await createJob(sim.endpoint, await createTake(sim.endpoint), { outputs: ['MOTION_DATA'] });
    // A zero duration finishes at once.
    const job = await getJob(sim.endpoint, jobId);
    expect(job.progress).toEqual({ state: 'FINISHED', percentageComplete: 100 });
    expect(job.outputs[0]?.file.presignedUrl).toMatch(/^https:\/\/mock\.move-ugc\.test\/outputs\//);
    expect(job.outputs[0]?.file.type).toBe('.zip');
  });
});
