// The resource operations, chained the way a workflow would use them, against the simulator.
import { createHash } from 'node:crypto';
import { CAMERA_LENSES, outputChecksum, RIGS, sampleVideo } from '@move-ugc/mock';
import { type ILoadOptionsFunctions, NodeApiError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { binaryItem, binaryStore, executeContext, videoInput } from './helpers/n8n-context';
import { allStrings, node, runNode } from './helpers/run-node';
import { useSimulator } from './helpers/simulator';

const { sim } = useSimulator();

async function json(
  parameters: Record<string, unknown>,
  extra: Omit<Parameters<typeof runNode>[0], 'parameters'> = {},
) {
  return (await runNode({ parameters, ...extra })).output.map((item) => item.json);
}

async function uploadedTake(): Promise<string> {
  const [file] = await json({ resource: 'file', operation: 'upload' }, videoInput(sampleVideo('MP4', 2048)));
  const [take] = await json({
    resource: 'take',
    operation: 'create',
    videoFileId: file!.id,
    videoFormat: file!.format,
  });
  return take!.id as string;
}

describe('File', () => {
  it('uploads a video, telling its format by content', async () => {
    const [file] = await json(
      { resource: 'file', operation: 'upload' },
      videoInput(sampleVideo('AVI', 5000), { fileName: 'clip.avi' }),
    );
    expect(file).toMatchObject({ format: 'AVI', type: 'avi', bytes: 5000, name: 'clip.avi' });
    expect(file!.presignedUrl).toBeUndefined();
    expect(sim.storedBytes(file!.id as string)).toBe(5000);
  });

  it('BI-96 uploads a .move sidecar and refuses a video passed as one', async () => {
    const [move] = await json(
      { resource: 'file', operation: 'upload', fileKind: 'move' },
      videoInput(Buffer.from('move sidecar'), { fileName: 'a.move' }),
    );
    expect(move).toMatchObject({ format: 'MOVE', type: 'move' });
    const error = await runNode({
      parameters: { resource: 'file', operation: 'upload', fileKind: 'move' },
      ...videoInput(sampleVideo()),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/is a video, not a \.move sidecar/);
    expect(sim.files()).toHaveLength(1);
  });

  it('gets a file, with its download URL only when asked, and makes share codes', async () => {
    const [uploaded] = await json({ resource: 'file', operation: 'upload' }, videoInput(sampleVideo()));
    const [plain] = await json({ resource: 'file', operation: 'get', fileId: uploaded!.id });
    expect(plain!.id).toBe(uploaded!.id);
    expect(plain!.downloadUrl).toBeUndefined();
    const [withUrl] = await json({
      resource: 'file',
      operation: 'get',
      fileId: uploaded!.id,
      options: { includeDownloadUrl: true },
    });
    expect(withUrl!.downloadUrl).toMatch(/^https:\/\/mock\.move-ugc\.test\//);
    const [share] = await json({ resource: 'file', operation: 'createShareCode', fileId: uploaded!.id });
    expect(typeof share!.code).toBe('string');
    expect(allStrings(share).some((s) => s === 'presignedUrl')).toBe(false);
  });
});

describe('Take and Job, one step at a time', () => {
  it('creates a take and a job, waits for it and downloads its outputs', async () => {
    const takeId = await uploadedTake();
    const [created] = await json({
      resource: 'job',
      operation: 'create',
      takeId,
      outputs: ['MAIN_FBX', 'MAIN_GLB'],
      additionalFields: { name: 'step by step' },
    });
    expect(created).toMatchObject({ name: 'step by step', reused: false });
    expect((created!.take as { id: string }).id).toBe(takeId);

    const [waited] = await json({ resource: 'job', operation: 'wait', jobId: created!.id });
    expect((waited!.progress as { state: string }).state).toBe('FINISHED');
    expect((waited!.outputs as unknown[]).length).toBe(2);
    expect(allStrings(waited).includes('presignedUrl')).toBe(false);

    const run = await runNode({
      parameters: {
        resource: 'job',
        operation: 'downloadOutputs',
        jobId: created!.id,
        options: { fileName: 'take-3' },
      },
    });
    const [item] = run.output;
    expect(Object.keys(item!.binary!).sort()).toEqual(['fbx', 'glb']);
    expect(item!.binary!.glb).toMatchObject({ fileName: 'take-3.glb', mimeType: 'model/gltf-binary' });
    const [job] = sim.jobs();
    for (const output of job!.outputs) {
      const binary = item!.binary![output.format]!;
      const bytes = run.store.files.get(binary.id!)!.bytes;
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(
        outputChecksum(job!.id, output.format, output.size),
      );
    }

    const urls = await json({
      resource: 'job',
      operation: 'downloadOutputs',
      jobId: created!.id,
      options: { downloadOutputs: false },
    });
    expect((urls[0]!.outputs as { downloadUrl: string }[]).every((o) => o.downloadUrl.includes('/outputs/'))).toBe(
      true,
    );
  });

  it('creates a job once per idempotency key', async () => {
    const takeId = await uploadedTake();
    const parameters = { resource: 'job', operation: 'create', takeId, options: { idempotencyKey: 'order-77' } };
    const [first] = await json(parameters);
    const [second] = await json(parameters);
    expect(second!.id).toBe(first!.id);
    expect(second!.reused).toBe(true);
    expect(sim.jobs()).toHaveLength(1);
  });

  it('creates a job exactly once when the answer is lost', async () => {
    const takeId = await uploadedTake();
    sim.setFaults({ schedule: [{ kind: 'drop-response', operation: 'createSingleCamJob' }] });
    const [job] = await json({ resource: 'job', operation: 'create', takeId });
    expect(sim.pendingFaults()).toHaveLength(0);
    expect(sim.jobs()).toHaveLength(1);
    expect(job!.id).toBe(sim.jobs()[0]!.id);
    expect(job!.reused).toBe(false);
  });

  it('takes the kind of job from the take, and refuses multi-camera settings for a single-camera take', async () => {
    const takeId = await uploadedTake();
    const error = await runNode({
      parameters: { resource: 'job', operation: 'create', takeId, cameraSetup: 'multi', numberOfActors: 2 },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/numberOfActors is for multi-camera jobs/);
    const mismatched = await runNode({
      parameters: { resource: 'job', operation: 'create', takeId, processingOptions: { mocapModel: 'M1' } },
    }).catch((e: unknown) => e);
    expect((mismatched as Error).message).toMatch(/"M1" is for multi-camera jobs/);
    expect(sim.jobs()).toHaveLength(0);
  });

  it('lists jobs with a limit, all of them, or those of one take', async () => {
    const takeA = await uploadedTake();
    const takeB = await uploadedTake();
    for (const takeId of [takeA, takeA, takeB]) await json({ resource: 'job', operation: 'create', takeId });
    expect(await json({ resource: 'job', operation: 'getAll', limit: 2 })).toHaveLength(2);
    expect(await json({ resource: 'job', operation: 'getAll', returnAll: true })).toHaveLength(3);
    expect(
      await json({ resource: 'job', operation: 'getAll', returnAll: true, filters: { takeId: takeB } }),
    ).toHaveLength(1);
    const run = await runNode({ parameters: { resource: 'take', operation: 'getAll', returnAll: true } });
    expect(run.output).toHaveLength(2);
    expect(run.output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
  });

  it('gets and updates jobs and takes', async () => {
    const takeId = await uploadedTake();
    const [job] = await json({ resource: 'job', operation: 'create', takeId });
    const [renamed] = await json({
      resource: 'job',
      operation: 'update',
      jobId: job!.id,
      updateFields: { name: 'final', metadata: '{"shot": 9}' },
    });
    expect(renamed).toMatchObject({ name: 'final' });
    expect(renamed!.metadata).toMatchObject({ shot: 9 });
    const [fetched] = await json({ resource: 'job', operation: 'get', jobId: job!.id });
    expect(fetched!.name).toBe('final');
    const [take] = await json({ resource: 'take', operation: 'update', takeId, updateFields: { name: 'studio' } });
    expect(take!.name).toBe('studio');
    const [gotTake] = await json({ resource: 'take', operation: 'get', takeId });
    expect((gotTake!.sources as unknown[]).length).toBe(1);

    const nothing = await runNode({ parameters: { resource: 'job', operation: 'update', jobId: job!.id } }).catch(
      (e: unknown) => e,
    );
    expect((nothing as Error).message).toMatch(/Nothing to update/);
  });

  it('BI-95 says which ID was not found', async () => {
    const error = await runNode({
      parameters: { resource: 'job', operation: 'get', jobId: 'job-00000000-0000-0000-0000-000000000000' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as NodeApiError).message).toBe('Move has no job with this ID');
    expect((error as NodeApiError).httpCode).toBe('404');
    expect((error as NodeApiError).description).toMatch(/same Move account/);
  });
});

describe('Volume, Rig, Lens', () => {
  it('creates, gets and lists volumes', async () => {
    const store = binaryStore();
    const items = [binaryItem(store, sampleVideo('MP4', 1500)), binaryItem(store, sampleVideo('MP4', 1600))];
    const files = (await runNode({ parameters: { resource: 'file', operation: 'upload' }, items, store })).output.map(
      (o) => o.json,
    );
    const cameras = files.map((file, index) => ({
      deviceLabel: `cam-${index + 1}`,
      fileId: file.id,
      format: 'MP4',
      lens: CAMERA_LENSES[0],
    }));
    const [volume] = await json({
      resource: 'volume',
      operation: 'create',
      cameras: { camera: cameras },
      humanHeight: 1.8,
      clapStart: 0.5,
      clapEnd: 2.5,
    });
    expect(volume!.id).toMatch(/^volume-/);
    expect(sim.volumes()[0]).toMatchObject({ humanHeight: 1.8, areaType: 'NORMAL' });
    const [got] = await json({ resource: 'volume', operation: 'get', volumeId: volume!.id });
    expect(got!.id).toBe(volume!.id);
    expect(await json({ resource: 'volume', operation: 'getAll', returnAll: true })).toHaveLength(1);

    const centimetres = await runNode({
      parameters: { resource: 'volume', operation: 'create', cameras: { camera: cameras }, humanHeight: 180 },
    }).catch((e: unknown) => e);
    expect((centimetres as Error).message).toMatch(/looks like centimetres/);
  });

  it('refuses a volume of one camera before anything is sent', async () => {
    const [file] = await json({ resource: 'file', operation: 'upload' }, videoInput(sampleVideo('MP4', 1500)));
    const before = sim.requests.length;
    const error = await runNode({
      parameters: {
        resource: 'volume',
        operation: 'create',
        cameras: { camera: [{ deviceLabel: 'cam-1', fileId: file!.id, format: 'MP4', lens: CAMERA_LENSES[0] }] },
        humanHeight: 1.8,
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/cameras must list 2 or more cameras/);
    expect(sim.requests.length).toBe(before);
    expect(sim.volumes()).toHaveLength(0);
  });

  it('creates a volume exactly once when the answer is lost', async () => {
    const store = binaryStore();
    const items = [binaryItem(store, sampleVideo('MP4', 1500)), binaryItem(store, sampleVideo('MP4', 1600))];
    const files = (await runNode({ parameters: { resource: 'file', operation: 'upload' }, items, store })).output.map(
      (o) => o.json,
    );
    const cameras = files.map((file, index) => ({
      deviceLabel: `cam-${index + 1}`,
      fileId: file.id,
      format: 'MP4',
      lens: CAMERA_LENSES[0],
    }));
    sim.setFaults({ schedule: [{ kind: 'drop-response', operation: 'createVolumeWithHuman' }] });
    const [volume] = await json({
      resource: 'volume',
      operation: 'create',
      cameras: { camera: cameras },
      humanHeight: 1.8,
    });
    expect(sim.volumes()).toHaveLength(1);
    expect(volume!.id).toBe(sim.volumes()[0]!.id);
  });

  it('lists rigs and lenses, and offers them as options', async () => {
    expect((await json({ resource: 'rig', operation: 'getAll' })).map((r) => r.name)).toEqual([...RIGS]);
    expect((await json({ resource: 'lens', operation: 'getAll' })).map((l) => l.lens)).toEqual([...CAMERA_LENSES]);
    const { context } = executeContext({ properties: node.description.properties, parameters: {} });
    const lenses = await node.methods.loadOptions.getLenses.call(context as unknown as ILoadOptionsFunctions);
    expect(lenses[0]).toEqual({ name: CAMERA_LENSES[0], value: CAMERA_LENSES[0] });
    const rigs = await node.methods.loadOptions.getRigs.call(context as unknown as ILoadOptionsFunctions);
    expect(rigs.map((r) => r.value)).toEqual([...RIGS]);
  });
});

describe('Webhook and Client', () => {
  it('sets an endpoint without handing out its secret unless asked', async () => {
    const base = { resource: 'webhook', operation: 'setEndpoint', uid: 'farm', url: 'https://example.com/hook' };
    const [plain] = await json(base);
    expect(plain).toMatchObject({ uid: 'farm', url: 'https://example.com/hook' });
    expect(allStrings(plain).some((s) => s.startsWith('whsec_') || s === 'secret')).toBe(false);

    const [asked] = await json({ ...base, uid: 'farm-2', additionalFields: { returnSigningSecret: true } });
    expect(asked!.signingSecret).toMatch(/^whsec_/);
    expect(asked!.signingSecret).toBe(sim.webhookEndpoints().find((e) => e.uid === 'farm-2')!.secret);

    const own = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    await json({ ...base, uid: 'farm-3', events: ['ugc.job.state.failed'], additionalFields: { secret: own } });
    expect(sim.webhookEndpoints().find((e) => e.uid === 'farm-3')).toMatchObject({
      secret: own,
      events: ['ugc.job.state.failed'],
    });
  });

  it('gets the client without its portal login link, and stores metadata on it', async () => {
    const [client] = await json({ resource: 'client', operation: 'get' });
    expect(client!.id).toBeDefined();
    expect(client!.portal).toBeUndefined();
    const [updated] = await json({ resource: 'client', operation: 'update', metadata: '{"team": "mocap"}' });
    expect(updated!.metadata).toEqual({ team: 'mocap' });
  });
});
