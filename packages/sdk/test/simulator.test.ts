// Every resource of the client against the simulator (in-process through msw): real ids, real
// uploads, real job life, real cursors. The stand-in endpoint of the other tests is for what a
// server does only when it misbehaves.

import { createHash } from 'node:crypto';
import { createSimulator, DEFAULT_API_KEY, handlers, outputChecksum, sampleVideo } from '@move-ugc/mock';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MoveAuthenticationError, MoveNotFoundError, MoveUgc, type Sleep } from '../src/index';

const sim = createSimulator({ jobDurationMs: 60, outputDelayMs: 20, seed: 3 });
const server = setupServer(...handlers(sim));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset());
afterAll(async () => {
  server.close();
  await sim.close();
});

const quick: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    const t = setTimeout(resolve, Math.min(ms, 20));
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    });
  });
const ugc = new MoveUgc({ apiKey: DEFAULT_API_KEY, endpoint: sim.endpoint, sleep: quick });

async function uploadedVideo(name = 'clip.mp4') {
  const file = await ugc.files.create({ type: 'mp4', name });
  const put = await fetch(file.presignedUrl!, { method: 'PUT', body: sampleVideo('MP4', 2048) });
  expect(put.status).toBe(200);
  return file;
}

async function finished(jobId: string) {
  for (let i = 0; i < 200; i++) {
    const job = await ugc.jobs.retrieve(jobId, { expand: ['outputs'] });
    if (job.progress?.state === 'FINISHED' && job.outputs?.every((o) => o?.file.presignedUrl)) return job;
    await quick(10);
  }
  throw new Error('job did not finish');
}

describe('against the simulator', () => {
  it('client: retrieve and update metadata', async () => {
    const client = await ugc.client.retrieve();
    expect(client.id).toBeTruthy();
    const updated = await ugc.client.update({ metadata: { team: 'anim' } });
    expect(updated.metadata).toEqual({ team: 'anim' });
    expect((await ugc.client.retrieve()).metadata).toEqual({ team: 'anim' });
  });

  it('files: create, upload, retrieve with client, update, share code', async () => {
    const file = await uploadedVideo();
    expect(file.id).toMatch(/^file-/);
    const got = await ugc.files.retrieve(file.id, { expand: ['client'] });
    expect(got.client?.id).toBeTruthy();
    const renamed = await ugc.files.update(file.id, { name: 'renamed.mp4', metadata: { take: 1 } });
    expect(renamed).toMatchObject({ name: 'renamed.mp4', metadata: { take: 1 } });
    const share = await ugc.files.createShareCode(file.id);
    expect(share.code).toBeTruthy();
  });

  it('single-camera take and job, to downloaded outputs that match byte for byte', async () => {
    const file = await uploadedVideo();
    const take = await ugc.takes.createSingleCam({
      sources: [{ deviceLabel: 'iphone', fileId: file.id, format: 'MP4' }],
      metadata: { scene: 4 },
      expand: ['sources'],
    });
    expect(take.sources?.[0]?.file?.id).toBe(file.id);
    const job = await ugc.jobs.createSingleCam({ takeId: take.id, outputs: ['MAIN_FBX'], metadata: { token: 't' } });
    expect(job.metadata).toEqual({ token: 't' });
    const done = await finished(job.id);
    const output = done.outputs![0]!;
    const bytes = Buffer.from(await (await fetch(output.file.presignedUrl!)).arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(outputChecksum(job.id, output.format!, bytes.length));
    const full = await ugc.jobs.retrieve(job.id, { expand: ['take', 'inputs', 'client', 'rig'] });
    expect(full.take?.id).toBe(take.id);
    expect((await ugc.jobs.update(job.id, { name: 'final' })).name).toBe('final');
    expect((await ugc.takes.update(take.id, { name: 'take-1' })).name).toBe('take-1');
    expect((await ugc.takes.retrieve(take.id, { expand: ['client', 'volume'] })).volume).toBeNull();
  });

  it('pagination walks real cursors and filters by take', async () => {
    const file = await uploadedVideo();
    const take = await ugc.takes.createSingleCam({
      sources: [{ deviceLabel: 'iphone', fileId: file.id, format: 'MP4' }],
    });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await ugc.jobs.createSingleCam({ takeId: take.id, outputs: ['MAIN_FBX'] })).id);
    const page = await ugc.jobs.list({ takeId: take.id, first: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.after).not.toBeNull();
    const all = await ugc.jobs.list({ takeId: take.id, first: 2 }).all();
    expect(all.map((j) => j.id).sort()).toEqual([...ids].sort());
    const takes = await ugc.takes.list({ first: 1 }).all();
    expect(takes.map((t) => t.id)).toEqual([take.id]);
  });

  it('multi-camera: lenses, volume, multi-cam take and job, rigs', async () => {
    const lenses = await ugc.cameraSettings.list();
    const rigs = await ugc.rigs.list();
    expect(lenses.length).toBeGreaterThan(1);
    expect(rigs.map((r) => r.name)).toContain('move_mo');
    const lens = lenses[0]!.lens;
    const cams = [await uploadedVideo('a.mp4'), await uploadedVideo('b.mp4')];
    const sources = cams.map((f, i) => ({
      deviceLabel: `cam-${i + 1}`,
      fileId: f.id,
      format: 'MP4' as const,
      cameraSettings: { lens },
    }));
    const volume = await ugc.volumes.createHuman({
      sources,
      humanHeight: 1.8,
      areaType: 'NORMAL',
      syncMethod: { clapWindow: { startTime: 1, endTime: 2 } },
    });
    for (let i = 0; i < 200 && (await ugc.volumes.retrieve(volume.id)).state !== 'FINISHED'; i++) await quick(10);
    expect((await ugc.volumes.retrieve(volume.id, { expand: ['sources', 'outputs', 'client'] })).sources).toHaveLength(
      2,
    );
    expect((await ugc.volumes.list().all()).map((v) => v.id)).toEqual([volume.id]);
    const takeCams = [await uploadedVideo('c.mp4'), await uploadedVideo('d.mp4')];
    const take = await ugc.takes.createMultiCam({
      volumeId: volume.id,
      sources: takeCams.map((f, i) => ({
        deviceLabel: `cam-${i + 1}`,
        fileId: f.id,
        format: 'MP4' as const,
        cameraSettings: { lens },
      })),
      syncMethod: { clapWindow: { startTime: 1, endTime: 2 } },
    });
    const job = await ugc.jobs.createMultiCam({
      takeId: take.id,
      numberOfActors: 1,
      rig: 'move_mo',
      outputs: ['MAIN_FBX'],
    });
    expect((await finished(job.id)).outputs).toHaveLength(1);
  });

  it('webhooks: upsert returns the secret only the first time', async () => {
    const first = await ugc.webhooks.upsert({
      uid: 'ci',
      url: 'https://hooks.example.com/move',
      events: ['ugc.job.state.completed'],
    });
    expect(first.secret).toMatch(/^whsec_/);
    const again = await ugc.webhooks.upsert({ uid: 'ci', url: 'https://hooks.example.com/move2' });
    expect(again.secret).toBeNull();
    expect(again.url).toBe('https://hooks.example.com/move2');
  });

  it('errors as the real service sends them', async () => {
    await expect(ugc.jobs.retrieve('job-00000000-0000-0000-0000-000000000000')).rejects.toBeInstanceOf(
      MoveNotFoundError,
    );
    const stranger = new MoveUgc({ apiKey: 'not_a_known_key_123', endpoint: sim.endpoint });
    await expect(stranger.client.retrieve()).rejects.toBeInstanceOf(MoveAuthenticationError);
  });
});
