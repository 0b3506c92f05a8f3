import { afterEach, describe, expect, it } from 'vitest';
import {
  createSimulator,
  type FaultPlan,
  HOSTILE_PREFIX,
  HOSTILE_SUFFIX,
  NOT_FOUND_MESSAGE,
  type RunningServer,
  type Simulator,
  sampleVideo,
  startServer,
} from '../src/index';
import {
  CREATE_FILE,
  CREATE_JOB,
  createJob,
  createTake,
  data,
  errorsOf,
  FakeClock,
  type FileShape,
  GET_JOB,
  getJob,
  gql,
  put,
  useMswSimulator,
} from './helpers';

const simulator = useMswSimulator();

const listFiles = (sim: Simulator) => sim.files().filter((file) => !file.output);

describe('faults over msw', () => {
  it.each([500, 502, 503])('http-%i fails the GraphQL request and performs nothing', async (status) => {
    const sim = simulator({
      faults: { schedule: [{ kind: `http-${status}` as 'http-500', operation: 'createFile' }] },
    });
    const result = await gql(sim.endpoint, CREATE_FILE, { type: 'mp4' });
    expect(result.status).toBe(status);
    expect(result.body.errors?.[0]?.errorType).toBeTruthy();
    expect(listFiles(sim)).toHaveLength(0);
    expect(sim.requests[0]).toMatchObject({ fault: `http-${status}`, performed: false, status });
    // One shot: the retry goes through.
    expect((await gql(sim.endpoint, CREATE_FILE, { type: 'mp4' })).status).toBe(200);
    expect(listFiles(sim)).toHaveLength(1);
    expect(sim.pendingFaults()).toEqual([]);
  });

  it('http-429 carries Retry-After', async () => {
    const sim = simulator({ faults: { retryAfterSeconds: 7, schedule: [{ kind: 'http-429', times: 2 }] } });
    for (let i = 0; i < 2; i++) {
      const response = await fetch(sim.endpoint, { method: 'POST', body: '{"query":"{ client { id } }"}' });
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(((await response.json()) as { errors: { errorType: string }[] }).errors[0]?.errorType).toBe(
        'TooManyRequestsException',
      );
    }
    expect((await gql(sim.endpoint, '{ client { id } }')).status).toBe(200);
  });

  it('reset drops the connection before anything is performed', async () => {
    const sim = simulator({ faults: { schedule: [{ kind: 'reset', target: 'graphql' }] } });
    await expect(gql(sim.endpoint, CREATE_FILE, { type: 'mp4' })).rejects.toThrow(TypeError);
    expect(listFiles(sim)).toHaveLength(0);
    expect(sim.requests[0]).toMatchObject({ fault: 'reset', status: null, performed: false });
  });

  it('drop-response performs the mutation, then drops the answer', async () => {
    const sim = simulator({ faults: { schedule: [{ kind: 'drop-response', operation: 'createSingleCamJob' }] } });
    const takeId = await createTake(sim.endpoint);
    await expect(gql(sim.endpoint, CREATE_JOB, { takeId })).rejects.toThrow(TypeError);
    expect(sim.jobs()).toHaveLength(1);
    expect(sim.countOperations('createSingleCamJob')).toBe(1);
    expect(sim.requests.at(-1)).toMatchObject({ fault: 'drop-response', performed: true, status: null });
  });

  it('stall holds the request until the client gives up, and then performs nothing', async () => {
    const sim = simulator({ faults: { stallMs: 60_000, schedule: [{ kind: 'stall', operation: 'CreateFile' }] } });
    const started = Date.now();
    const attempt = fetch(sim.endpoint, {
      method: 'POST',
      headers: { authorization: sim.apiKeys[0] ?? '' },
      body: JSON.stringify({ query: `mutation CreateFile { createFile(type: "mp4") { id } }` }),
      signal: AbortSignal.timeout(100),
    });
    await expect(attempt).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(listFiles(sim)).toHaveLength(0);
  });

  it('stall serves the request late when the client waits', async () => {
    const sim = simulator({ faults: { schedule: [{ kind: 'stall', stallMs: 80 }] } });
    const started = Date.now();
    expect((await gql(sim.endpoint, '{ client { id } }')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
  });

  it('expire-url answers an upload with 403 Request has expired', async () => {
    const sim = simulator({ faults: { schedule: [{ kind: 'expire-url', target: 'upload' }] } });
    const { createFile } = await data<{ createFile: FileShape }>(sim.endpoint, CREATE_FILE, { type: 'mp4' });
    const response = await put(createFile.presignedUrl ?? '', sampleVideo());
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Request has expired');
    expect((await put(createFile.presignedUrl ?? '', sampleVideo())).status).toBe(200);
  });

  it('drop-response on an upload stores the bytes the client never hears about', async () => {
    const sim = simulator({ faults: { schedule: [{ kind: 'drop-response', target: 'upload' }] } });
    const { createFile } = await data<{ createFile: FileShape }>(sim.endpoint, CREATE_FILE, { type: 'mp4' });
    await expect(put(createFile.presignedUrl ?? '', sampleVideo('MP4', 500))).rejects.toThrow(TypeError);
    expect(sim.storedBytes(createFile.id)).toBe(500);
  });

  it('truncate cuts a download short', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now, outputBytes: 10_000 });
    const jobId = await createJob(sim.endpoint, await createTake(sim.endpoint), { outputs: ['MAIN_FBX'] });
    clock.advance(60_000);
    const url = (await getJob(sim.endpoint, jobId)).outputs[0]?.file.presignedUrl ?? '';
    sim.setFaults({ schedule: [{ kind: 'truncate', target: 'download', truncateAfterBytes: 1234 }] });
    const response = await fetch(url);
    expect(response.headers.get('content-length')).toBe('10000');
    await expect(response.arrayBuffer()).rejects.toThrow();
    expect((await (await fetch(url)).arrayBuffer()).byteLength).toBe(10_000);
  });

  it('skips `after` matching requests and hits `times` of them', async () => {
    const sim = simulator({ faults: { schedule: [{ kind: 'http-503', operation: 'client', after: 1, times: 2 }] } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await gql(sim.endpoint, '{ client { id } }')).status);
    expect(statuses).toEqual([200, 503, 503, 200]);
  });

  it('draws rate faults from the seed, so a run replays', async () => {
    const plan: FaultPlan = { rates: { 'http-503': 0.3, 'http-500': 0.2 }, targets: ['graphql'] };
    const run = async (seed: number) => {
      const sim = simulator({ seed, faults: plan });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await gql(sim.endpoint, '{ client { id } }')).status);
      return statuses;
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(2);
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(0);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(5);
    // `targets` keeps the rates off uploads.
    const sim = simulator({ seed: 42, faults: { rates: { 'http-500': 1 }, targets: ['upload'] } });
    expect((await gql(sim.endpoint, '{ client { id } }')).status).toBe(200);
  });

  it.each([
    ['null-data', null],
    ['empty-data', {}],
  ] as const)('%s answers 200 without errors and without the result, performing nothing', async (kind, expected) => {
    const sim = simulator({ faults: { schedule: [{ kind, operation: 'createFile' }] } });
    const result = await gql(sim.endpoint, CREATE_FILE, { type: 'mp4' });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: expected });
    expect(listFiles(sim)).toHaveLength(0);
    expect(sim.requests[0]).toMatchObject({ fault: kind, performed: false, status: 200 });
    expect((await gql(sim.endpoint, CREATE_FILE, { type: 'mp4' })).body.data).toMatchObject({ createFile: {} });
  });

  it('redirect answers 307 to another origin and performs nothing', async () => {
    const sim = simulator({
      faults: { schedule: [{ kind: 'redirect', operation: 'createFile', redirectTo: 'https://elsewhere.test/gql' }] },
    });
    const response = await fetch(sim.endpoint, {
      method: 'POST',
      headers: { authorization: sim.apiKeys[0] ?? '', 'content-type': 'application/json' },
      body: JSON.stringify({ query: CREATE_FILE, variables: { type: 'mp4' } }),
      redirect: 'manual',
    });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('https://elsewhere.test/gql');
    expect(listFiles(sim)).toHaveLength(0);
    expect(sim.requests[0]).toMatchObject({ fault: 'redirect', performed: false, status: 307 });
  });

  it('hostile-strings wraps names, states, types, formats and error messages in escapes, not ids', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now });
    const jobId = await createJob(sim.endpoint, await createTake(sim.endpoint), { outputs: ['MAIN_FBX'] });
    clock.advance(60_000);
    sim.setFaults({ schedule: [{ kind: 'hostile-strings', operation: 'getJob', times: 2 }] });
    const job = await getJob(sim.endpoint, jobId);
    const hostile = (text: string) => `${HOSTILE_PREFIX}${text}${HOSTILE_SUFFIX}`;
    expect(job.id).toBe(jobId);
    expect(job.state).toBe(hostile('FINISHED'));
    expect(job.progress.state).toBe(hostile('FINISHED'));
    expect(job.outputs[0]?.format).toBe(hostile('fbx'));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(job.outputs[0]?.file.type).toMatch(/^\u001b\]0;.*\u009b6n\r\n::warning::forged\u001b\[0m$/s);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(job.outputs[0]?.key).toMatch(/^\u001b/);
    const missing = await errorsOf(sim.endpoint, GET_JOB, { jobId: 'job-missing' });
    expect(missing[0]?.message).toBe(hostile(NOT_FOUND_MESSAGE));
    expect(missing[0]?.errorType).toBe('MoveNotFoundError');
    expect((await getJob(sim.endpoint, jobId)).state).toBe('FINISHED');
  });

  it('refuses a plan that makes no sense', () => {
    expect(() => createSimulator({ faults: { rates: { 'http-500': 0.8, reset: 0.5 } } })).toThrow(/more than 1/);
    expect(() => createSimulator({ faults: { rates: { 'http-500': 2 } } })).toThrow(/probability/);
    expect(() => createSimulator({ faults: { schedule: [{ kind: 'truncate', target: 'upload' }] } })).toThrow(
      /does not apply/,
    );
    expect(() => createSimulator({ faults: { schedule: [{ kind: 'redirect', target: 'download' }] } })).toThrow(
      /does not apply/,
    );
  });
});

describe('faults over the HTTP server', () => {
  let sim: Simulator;
  let server: RunningServer;
  afterEach(async () => {
    await server.close();
    await sim.close();
  });

  async function serve(faults: FaultPlan, clock?: FakeClock) {
    sim = createSimulator({ seed: 3, faults, outputBytes: 1_000_000, ...(clock ? { now: clock.now } : {}) });
    server = await startServer(sim);
  }

  it('drop-response destroys the socket after the job was created', async () => {
    await serve({ schedule: [{ kind: 'drop-response', operation: 'createSingleCamJob' }] });
    const takeId = await createTake(server.endpoint);
    await expect(gql(server.endpoint, CREATE_JOB, { takeId })).rejects.toThrow(/fetch failed/);
    expect(sim.jobs()).toHaveLength(1);
  });

  it('reset and http-502 reach a real client', async () => {
    await serve({ schedule: [{ kind: 'reset' }, { kind: 'http-502' }] });
    await expect(gql(server.endpoint, '{ client { id } }')).rejects.toThrow(/fetch failed/);
    expect((await gql(server.endpoint, '{ client { id } }')).status).toBe(502);
    expect((await gql(server.endpoint, '{ client { id } }')).status).toBe(200);
  });

  it('truncate sends part of the body under a full Content-Length', async () => {
    const clock = new FakeClock();
    await serve({}, clock);
    const jobId = await createJob(server.endpoint, await createTake(server.endpoint), { outputs: ['MAIN_USDZ'] });
    clock.advance(60_000);
    const url = (await getJob(server.endpoint, jobId)).outputs[0]?.file.presignedUrl ?? '';
    sim.setFaults({ schedule: [{ kind: 'truncate', truncateAfterBytes: 300_000 }] });
    const response = await fetch(url);
    expect(response.headers.get('content-length')).toBe('1000000');
    let received = 0;
    const reader = response.body?.getReader();
    await expect(
      (async () => {
        for (;;) {
          const chunk = await reader?.read();
          if (!chunk || chunk.done) return;
          received += chunk.value.byteLength;
        }
      })(),
    ).rejects.toThrow();
    expect(received).toBe(300_000);
  });

  it('redirect reaches a real client as a 307 with its Location; fetch follows it unless told not to', async () => {
    const other = createSimulator({ seed: 4 });
    const target = await startServer(other);
    try {
      await serve({ schedule: [{ kind: 'redirect', times: 2, redirectTo: target.endpoint }] });
      const post = (redirect: RequestRedirect) =>
        fetch(server.endpoint, {
          method: 'POST',
          headers: { authorization: sim.apiKeys[0] ?? '', 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ client { id } }' }),
          redirect,
        });
      const manual = await post('manual');
      expect(manual.status).toBe(307);
      expect(manual.headers.get('location')).toBe(target.endpoint);
      // The harm it stands for: a following client re-sends the body to the other origin.
      expect((await post('follow')).url).toBe(target.endpoint);
    } finally {
      await target.close();
      await other.close();
    }
  });

  it('stall keeps the socket silent; closing the server ends it', async () => {
    await serve({ schedule: [{ kind: 'stall', stallMs: 60_000 }] });
    const attempt = gql(server.endpoint, '{ client { id } }').catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.close();
    expect(await attempt).toBeInstanceOf(Error);
  });
});
