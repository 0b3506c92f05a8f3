// Waiting on a long job, on one fake clock shared by the simulator and the workflow: ten
// simulated minutes pass in milliseconds, and every poll is counted.
import { createSimulator, handlers, sampleVideo } from '@move-ugc/mock';
import { MoveAuthenticationError, MoveServerError, MoveUgc } from '@move-ugc/sdk';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bytesSource,
  MoveWaitTimeoutError,
  OUTAGE_LIMIT_MS,
  type RunEvent,
  runSingleCam,
  waitForJob,
} from '../src/index';
import { normalizeState } from '../src/steps/wait';

let clock = Date.parse('2026-01-01T00:00:00Z');
const TEN_MINUTES = 10 * 60_000;
const sim = createSimulator({ jobDurationMs: TEN_MINUTES, outputDelayMs: 5_000, now: () => clock, seed: 11 });
const server = setupServer(...handlers(sim));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(async () => {
  server.close();
  await sim.close();
});

/** Sleeping moves the shared clock instead of waiting. */
const sleeps: number[] = [];
const advance = async (ms: number) => {
  sleeps.push(ms);
  clock += ms;
};
const ugc = new MoveUgc({ apiKey: sim.apiKeys[0]!, endpoint: sim.endpoint, sleep: advance });

async function createJob(): Promise<string> {
  const { jobId } = await runSingleCam(
    { video: bytesSource(sampleVideo('MP4', 1024), 'long.mp4'), outputs: ['MAIN_FBX'] },
    { ugc, sleep: advance, wait: false, now: () => clock },
  );
  return jobId;
}

describe('waiting for a ten-minute job', () => {
  it('polls far less than every 15 s, and notices the end within one interval', async () => {
    const jobId = await createJob();
    const createdAt = clock;
    const before = sim.countOperations('getJob');
    sleeps.length = 0;
    const job = await waitForJob(jobId, { ugc, sleep: advance, now: () => clock });
    const polls = sim.countOperations('getJob') - before;
    expect(job.progress?.state).toBe('FINISHED');
    expect(job.outputs?.[0]?.file.presignedUrl).toBeTruthy();
    // The seed script polls every 15 s: 40 requests for ten minutes (80 with the Python SDK's
    // introspection before each call). Half of the 40 is the bar.
    expect(polls).toBeLessThanOrEqual(20);
    // Long sleeps only while the progress rate says the end is far: never more than twice the 30 s cap.
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(60_000);
    expect(sleeps[0]).toBe(2_000);
    // Finished at createdAt + 10 min, outputs 5 s later: seen within one (<= 30 s) interval of that.
    expect(clock - (createdAt + TEN_MINUTES + 5_000)).toBeLessThanOrEqual(30_000);
  });

  it('options given as undefined (flags a face did not get) keep their defaults: no hot loop', async () => {
    const jobId = await createJob();
    const before = sim.countOperations('getJob');
    sleeps.length = 0;
    const job = await waitForJob(jobId, {
      ugc,
      sleep: advance,
      now: () => clock,
      timeoutMs: undefined,
      pollIntervalMs: undefined,
      initialIntervalMs: undefined,
      maxIntervalMs: undefined,
      outputsTimeoutMs: undefined,
    });
    expect(job.progress?.state).toBe('FINISHED');
    expect(sim.countOperations('getJob') - before).toBeLessThanOrEqual(20);
    expect(Math.min(...sleeps)).toBeGreaterThanOrEqual(2_000);
  });

  it('a fixed --poll-interval is kept', async () => {
    const jobId = await createJob();
    sleeps.length = 0;
    await waitForJob(jobId, { ugc, sleep: advance, now: () => clock, pollIntervalMs: 60_000 });
    expect(new Set(sleeps.filter((ms) => ms >= 10_000))).toEqual(new Set([60_000]));
  });

  it('gives up at the timeout with MoveWaitTimeoutError naming the job; the job goes on', async () => {
    const jobId = await createJob();
    const err = await waitForJob(jobId, { ugc, sleep: advance, now: () => clock, timeoutMs: 60_000 }).catch((e) => e);
    expect(err).toBeInstanceOf(MoveWaitTimeoutError);
    expect(err.jobId).toBe(jobId);
    expect(err.lastState).toBe('RUNNING');
    expect(sim.jobs().find((j) => j.id === jobId)).toBeDefined();
  });

  it('aborts promptly while sleeping', async () => {
    const jobId = await createJob();
    const controller = new AbortController();
    const pending = waitForJob(jobId, {
      ugc,
      sleep: (_ms, signal) =>
        new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason))),
      signal: controller.signal,
      now: () => clock,
    });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toThrow(/aborted/);
  });
});

describe('when Move or the network fails mid-wait', () => {
  /** A client whose getJob calls answer `status` while `down()` holds (after the SDK's own retries too). */
  const flakyClient = (down: () => boolean, status: number) =>
    new MoveUgc({
      apiKey: sim.apiKeys[0]!,
      endpoint: sim.endpoint,
      sleep: advance,
      fetch: async (input, init) => {
        const isGetJob = typeof init?.body === 'string' && init.body.includes('"operationName":"GetJob"');
        if (isGetJob && down()) return new Response('<html>Bad gateway</html>', { status });
        return fetch(input, init);
      },
    });

  it('rides out a 5-minute outage: the polls fail, are announced as retries, and the wait goes on', async () => {
    const jobId = await createJob();
    const from = clock + 60_000;
    const until = from + 5 * 60_000;
    const events: RunEvent[] = [];
    const job = await waitForJob(jobId, {
      ugc: flakyClient(() => clock >= from && clock < until, 502),
      sleep: advance,
      now: () => clock,
      onEvent: (e) => events.push(e),
    });
    expect(job.progress?.state).toBe('FINISHED');
    const retries = events.filter((e) => e.type === 'retry');
    expect(retries.length).toBeGreaterThan(1);
    expect(retries.every((e) => e.type === 'retry' && e.phase === 'job' && /502/.test(e.reason))).toBe(true);
  });

  it('a fixed --poll-interval stays fixed after an outage', async () => {
    const jobId = await createJob();
    const from = clock + 60_000;
    const until = from + 4 * 60_000;
    sleeps.length = 0;
    const job = await waitForJob(jobId, {
      ugc: flakyClient(() => clock >= from && clock < until, 502),
      sleep: advance,
      now: () => clock,
      pollIntervalMs: 60_000,
    });
    expect(job.progress?.state).toBe('FINISHED');
    // The SDK's own retry pauses are under 10 s; every poll pause, in the outage and after, is the fixed one.
    expect(new Set(sleeps.filter((ms) => ms >= 10_000))).toEqual(new Set([60_000]));
  });

  it(`gives up with the server's error once polls have failed for ${OUTAGE_LIMIT_MS / 60_000} min in a row`, async () => {
    const jobId = await createJob();
    const from = clock + 30_000;
    const err = await waitForJob(jobId, {
      ugc: flakyClient(() => clock >= from, 503),
      sleep: advance,
      now: () => clock,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(MoveServerError);
    expect(clock - from).toBeGreaterThanOrEqual(OUTAGE_LIMIT_MS);
    expect(clock - from).toBeLessThan(OUTAGE_LIMIT_MS + 5 * 60_000);
  });

  it('a rejected key is not an outage: the wait ends at the first failed poll', async () => {
    const jobId = await createJob();
    const before = sim.countOperations('getJob');
    const err = await waitForJob(jobId, {
      ugc: new MoveUgc({ apiKey: 'mock_move_ugc_key_revoked', endpoint: sim.endpoint, sleep: advance }),
      sleep: advance,
      now: () => clock,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(MoveAuthenticationError);
    expect(sim.countOperations('getJob') - before).toBeLessThanOrEqual(1);
  });
});

describe('states', () => {
  it('normalises the spellings seen on the wire', () => {
    expect(normalizeState('NOT STARTED')).toBe('NOT_STARTED');
    expect(normalizeState('running')).toBe('RUNNING');
    expect(normalizeState(null)).toBeNull();
  });
});
