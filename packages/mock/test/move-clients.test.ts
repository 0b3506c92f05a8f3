import { describe, expect, it } from 'vitest';
import { CAMERA_LENSES, defaultOutputs, OUTPUT_KINDS, sampleVideo } from '../src/index';
import {
  CREATE_FILE,
  CREATE_JOB,
  createJob,
  createTake,
  data,
  FakeClock,
  type FileShape,
  getJob,
  type JobShape,
  uploadFile,
  useMswSimulator,
} from './helpers';

// What Move's own clients send and expect (its Python SDK 4.1.0, its docs and their examples),
// answered as Move answers it: each of these was refused or answered differently before.

const simulator = useMswSimulator();

const formatsOf = (outputs: readonly string[]) => outputs.map((output) => OUTPUT_KINDS[output as 'MAIN_FBX'].format);

async function finishedJob(endpoint: string, clock: FakeClock, jobId: string): Promise<JobShape> {
  clock.advance(60_000);
  return getJob(endpoint, jobId);
}

describe("Move's clients", () => {
  it('get metadata as a JSON string wherever none was set: files, outputs, takes, jobs and the client', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now });
    const { createFile } = await data<{ createFile: FileShape }>(sim.endpoint, CREATE_FILE, { type: 'mp4' });
    expect(createFile.metadata).toBe('{}');
    const { client } = await data<{ client: { metadata: string } }>(sim.endpoint, '{ client { metadata } }');
    expect(client.metadata).toBe('{}');

    const jobId = await createJob(sim.endpoint, await createTake(sim.endpoint), { outputs: ['MAIN_FBX'] });
    await finishedJob(sim.endpoint, clock, jobId);
    const { getJob: job } = await data<{
      getJob: { metadata: string; take: { metadata: string }; outputs: { file: { metadata: string } }[] };
    }>(
      sim.endpoint,
      'query($id: ID!) { getJob(jobId: $id) { metadata take { metadata } outputs { file { metadata } } } }',
      { id: jobId },
    );
    expect(job.metadata).toBe('{}');
    expect(job.take.metadata).toBe('{}');
    expect(job.outputs.map((output) => output.file.metadata)).toEqual(['{}']);
    // Every one parses as JSON, as the Python SDK's models do.
    expect(JSON.parse(job.outputs[0]?.file.metadata ?? '')).toEqual({});

    const { updateJob } = await data<{ updateJob: { metadata: string } }>(
      sim.endpoint,
      'mutation($id: String!) { updateJob(id: $id, metadata: null) { metadata } }',
      { id: jobId },
    );
    expect(updateJob.metadata).toBe('{}');
  });

  it('get the default outputs for `outputs: []`, as for no outputs at all', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now });
    const takeId = await createTake(sim.endpoint);
    const empty = await finishedJob(sim.endpoint, clock, await createJob(sim.endpoint, takeId, { outputs: [] }));
    const none = await finishedJob(sim.endpoint, clock, await createJob(sim.endpoint, takeId));
    expect(empty.outputs.map((output) => output.format)).toEqual(formatsOf(defaultOutputs(true)));
    expect(none.outputs.map((output) => output.format)).toEqual(empty.outputs.map((output) => output.format));
    expect(empty.outputs.map((output) => output.format)).toContain('render_overlay_mp4');
    expect(sim.jobs()).toHaveLength(2);
  });

  it("calibrate a volume without syncMethod, and create a multi-camera job with rig '' (Move's default rig)", async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now });
    const sources = await Promise.all(
      [0, 1].map(async (i) => ({
        fileId: await uploadFile(sim.endpoint, sampleVideo()),
        format: 'MP4',
        deviceLabel: `cam-${i}`,
        cameraSettings: { lens: CAMERA_LENSES[i] },
      })),
    );
    const { createVolumeWithHuman: volume } = await data<{ createVolumeWithHuman: { id: string } }>(
      sim.endpoint,
      `mutation($sources: [SourceInput!]) {
        createVolumeWithHuman(sources: $sources, humanHeight: 1.75, areaType: NORMAL) { id }
      }`,
      { sources },
    );
    clock.advance(60_000);
    const { createMultiCamTake: take } = await data<{ createMultiCamTake: { id: string; syncMethod: null } }>(
      sim.endpoint,
      `mutation($sources: [SourceInput!], $volumeId: String!) {
        createMultiCamTake(sources: $sources, volumeId: $volumeId) { id syncMethod { clapWindow { startTime } } }
      }`,
      { sources, volumeId: volume.id },
    );
    expect(take.syncMethod).toBeNull();
    const { createMultiCamJob: job } = await data<{ createMultiCamJob: { id: string; rig: { name: string } } }>(
      sim.endpoint,
      `mutation($takeId: String!) {
        createMultiCamJob(takeId: $takeId, numberOfActors: 1, rig: "", outputs: []) { id rig { name } }
      }`,
      { takeId: take.id },
    );
    expect(job.rig.name).toBe('move_mo');
    const finished = await finishedJob(sim.endpoint, clock, job.id);
    expect(finished.outputs.map((output) => output.format)).toEqual(formatsOf(defaultOutputs(false)));
  });
});

describe('outputs before the job finishes', () => {
  it('lists none until FINISHED (the default), then each without a URL until it is ready', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now, jobDurationMs: 10_000, outputDelayMs: 3_000 });
    const jobId = await createJob(sim.endpoint, await createTake(sim.endpoint), { outputs: ['MAIN_FBX', 'MAIN_GLB'] });
    const { createSingleCamJob } = await data<{ createSingleCamJob: { outputs: unknown[] } }>(
      sim.endpoint,
      'mutation($t: String!) { createSingleCamJob(takeId: $t) { outputs { format } } }',
      { t: await createTake(sim.endpoint) },
    );
    expect(createSingleCamJob.outputs).toEqual([]);
    clock.advance(5_000);
    const running = await getJob(sim.endpoint, jobId);
    expect(running.progress.state).toBe('RUNNING');
    expect(running.outputs).toEqual([]);
    clock.advance(5_000);
    const finished = await getJob(sim.endpoint, jobId);
    expect(finished.progress.state).toBe('FINISHED');
    expect(finished.outputs.map((output) => [output.format, output.file.presignedUrl])).toEqual([
      ['fbx', null],
      ['glb', null],
    ]);
    clock.advance(3_000);
    const ready = await getJob(sim.endpoint, jobId);
    expect(ready.outputs.every((output) => output.file.presignedUrl?.startsWith(sim.baseUrl))).toBe(true);
  });

  it("lists them from creation with null URLs under outputsListed: 'created'", async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now, outputsListed: 'created' });
    const jobId = await createJob(sim.endpoint, await createTake(sim.endpoint), { outputs: ['MAIN_FBX'] });
    const created = await getJob(sim.endpoint, jobId);
    expect(created.progress.state).toBe('NOT_STARTED');
    expect(created.outputs.map((output) => [output.format, output.file.presignedUrl])).toEqual([['fbx', null]]);
    expect(() => simulator({ outputsListed: 'later' as never })).toThrow(
      /outputsListed must be one of finished, created/,
    );
  });

  it('lists none for a FAILED job in either mode', async () => {
    for (const outputsListed of ['finished', 'created'] as const) {
      const clock = new FakeClock();
      const sim = simulator({ now: clock.now, outputsListed });
      const takeId = await createTake(sim.endpoint);
      const { createSingleCamJob } = await data<{ createSingleCamJob: { id: string } }>(sim.endpoint, CREATE_JOB, {
        takeId,
        metadata: JSON.stringify({ mockFail: true }),
      });
      const failed = await finishedJob(sim.endpoint, clock, createSingleCamJob.id);
      expect(failed.progress.state).toBe('FAILED');
      expect(failed.outputs).toEqual([]);
    }
  });
});
