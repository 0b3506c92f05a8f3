import { describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, expectedOutputBytes, outputChecksum, sampleVideo } from '../src/index';
import {
  CREATE_FILE,
  CREATE_TAKE,
  createJob,
  createTake,
  data,
  FakeClock,
  type FileShape,
  getJob,
  type JobShape,
  put,
  sha256,
  useMswSimulator,
} from './helpers';

const simulator = useMswSimulator();

describe('the single-camera workflow over msw', () => {
  it('goes from upload to downloaded outputs', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now, jobDurationMs: 10_000, outputDelayMs: 2_000, outputBytes: 10_000 });
    expect(sim.endpoint).toBe('https://mock.move-ugc.test/graphql');

    const { createFile } = await data<{ createFile: FileShape }>(sim.endpoint, CREATE_FILE, {
      type: 'mp4',
      name: 'clip.mp4',
    });
    expect(createFile.id).toMatch(/^file-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(createFile.created).toBe(new Date(clock.ms).toISOString());
    const url = new URL(createFile.presignedUrl ?? '');
    expect(`${url.origin}${url.pathname}`).toBe(`https://mock.move-ugc.test/uploads/${createFile.id}`);
    // S3 query-string authentication, as Move's URLs carry it.
    expect(url.searchParams.get('AWSAccessKeyId')).toMatch(/^AKIA/);
    expect(url.searchParams.get('Signature')).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(url.searchParams.get('Expires')).toBe(String(Math.ceil(clock.ms / 1000) + 3600));

    const video = sampleVideo('MP4', 4096);
    const uploaded = await put(createFile.presignedUrl ?? '', video);
    expect(uploaded.status).toBe(200);
    expect(uploaded.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(sim.storedBytes(createFile.id)).toBe(4096);

    const { createSingleCamTake: take } = await data<{ createSingleCamTake: { id: string; takeType: string } }>(
      sim.endpoint,
      CREATE_TAKE,
      { sources: [{ deviceLabel: 'iphone-1', fileId: createFile.id, format: 'MP4' }] },
    );
    expect(take.id).toMatch(/^take-/);
    expect(take.takeType).toBe('SINGLE_CAM');

    const jobId = await createJob(sim.endpoint, take.id, { outputs: ['MAIN_FBX', 'RENDER_VIDEO'] });
    expect(jobId).toMatch(/^job-/);

    let job = await getJob(sim.endpoint, jobId);
    expect(job.progress).toEqual({ state: 'NOT_STARTED', percentageComplete: 0 });
    expect(job.state).toBe('NOT STARTED');
    // Outputs are made by processing: none is listed before the job FINISHED.
    expect(job.outputs).toEqual([]);

    const seen: number[] = [];
    for (let step = 0; step < 10; step++) {
      clock.advance(1_000);
      job = await getJob(sim.endpoint, jobId);
      seen.push(job.progress.percentageComplete);
    }
    expect(job.progress).toEqual({ state: 'FINISHED', percentageComplete: 100 });
    expect(job.state).toBe('FINISHED');
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBeGreaterThan(5);
    // Finished: the outputs are listed, but their URLs lag behind.
    expect(job.outputs.map((o) => o.format)).toEqual(['fbx', 'mp4']);
    expect(job.outputs.every((o) => o.file.presignedUrl === null)).toBe(true);

    clock.advance(2_000);
    job = await getJob(sim.endpoint, jobId);
    const fbx = job.outputs.find((o) => o.format === 'fbx');
    expect(fbx?.file.type).toBe('.fbx');
    expect(fbx?.key).toBe(`${jobId}/fbx.fbx`);
    const download = new URL(fbx?.file.presignedUrl ?? '');
    expect(download.pathname).toBe(`/outputs/${jobId}/${fbx?.file.id}`);

    const response = await fetch(download);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('10000');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.length).toBe(10_000);
    expect(sha256(bytes)).toBe(outputChecksum(jobId, 'fbx', 10_000));
    expect(Buffer.from(bytes).equals(expectedOutputBytes(jobId, 'fbx', 10_000))).toBe(true);

    expect(sim.jobs()).toHaveLength(1);
    expect(sim.jobs()[0]).toMatchObject({ id: jobId, state: 'FINISHED', failureReason: null });
    expect(sim.countOperations('createSingleCamJob')).toBe(1);
    expect(sim.requests.some((r) => r.kind === 'download' && r.status === 200)).toBe(true);
  });

  it('gives each output different deterministic bytes', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now, outputBytes: 256 });
    const jobId = await createJob(sim.endpoint, await createTake(sim.endpoint));
    clock.advance(10_000);
    const job = await getJob(sim.endpoint, jobId);
    const sums = await Promise.all(
      job.outputs.map(async (output) => sha256(await (await fetch(output.file.presignedUrl ?? '')).arrayBuffer())),
    );
    expect(new Set(sums).size).toBe(job.outputs.length);
    expect(sums).toEqual(job.outputs.map((output) => outputChecksum(jobId, output.format, 256)));
  });

  it('makes the default outputs when none are asked for', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now });
    const jobId = await createJob(sim.endpoint, await createTake(sim.endpoint));
    clock.advance(10_000);
    const job: JobShape = await getJob(sim.endpoint, jobId);
    expect(job.outputs.map((o) => o.format)).toEqual([
      'mp4',
      'fbx',
      'usdc',
      'usdz',
      'blend',
      'motion_data',
      'render_overlay_mp4',
    ]);
    expect(job.outputs.map((o) => o.file.type)).toEqual(['.mp4', '.fbx', 'usdc', 'usdz', 'blend', '.zip', '.mp4']);
  });

  it('serves a fresh download URL for an uploaded source file through getFile', async () => {
    const sim = simulator();
    const bytes = sampleVideo('MOV', 100);
    const { createFile } = await data<{ createFile: FileShape }>(sim.endpoint, CREATE_FILE, { type: '.MOV' });
    expect(createFile.type).toBe('.MOV');
    await put(createFile.presignedUrl ?? '', bytes);
    const { getFile } = await data<{ getFile: FileShape }>(
      sim.endpoint,
      'query($id: ID!) { getFile(fileId: $id) { id presignedUrl } }',
      { id: createFile.id },
    );
    expect(getFile.presignedUrl).not.toBe(createFile.presignedUrl);
    const response = await fetch(getFile.presignedUrl ?? '');
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    // The upload URL is a PUT URL: it does not let anyone read the file.
    expect((await fetch(createFile.presignedUrl ?? '')).status).toBe(403);
  });

  it('keeps each client to its own objects', async () => {
    const other = 'mock_move_ugc_key_0002';
    const sim = simulator({ apiKeys: [DEFAULT_API_KEY, other] });
    const takeId = await createTake(sim.endpoint);
    const result = await fetch(sim.endpoint, {
      method: 'POST',
      headers: { authorization: other, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query($id: ID!) { getTake(takeId: $id) { id } }', variables: { id: takeId } }),
    });
    const body = (await result.json()) as { data: null; errors: { errorType: string }[] };
    expect(body.data).toBeNull();
    expect(body.errors[0]?.errorType).toBe('MoveNotFoundError');
    expect(sim.clients().map((c) => c.apiKey)).toEqual([DEFAULT_API_KEY, other]);
  });
});
