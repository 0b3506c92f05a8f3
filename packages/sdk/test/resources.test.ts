import { describe, expect, expectTypeOf, it } from 'vitest';
import { type Job, MoveServerError, MoveUgc, MoveValidationError, type Take } from '../src/index';
import { API_KEY, ENDPOINT, useGraphQLApi } from './helpers/graphql-api';

const api = useGraphQLApi();
const ugc = new MoveUgc({ apiKey: API_KEY, endpoint: ENDPOINT, sleep: async () => {} });

const NOW = '2026-01-01T00:00:00Z';
const CLIENT = { id: 'client-1', created: NOW, name: 'Studio', metadata: '{"tier":"pro"}', portal: null };
const FILE = {
  id: 'file-1',
  created: NOW,
  name: 'clip.mp4',
  metadata: null,
  type: 'mp4',
  presignedUrl: 'https://bucket.s3.test/file-1?X-Amz-Signature=abc',
  thumbnailUrl: null,
  client: CLIENT,
};
const TAKE = {
  id: 'take-1',
  created: NOW,
  name: 'take',
  metadata: '{"scene":3}',
  takeType: 'SINGLE_CAM',
  syncMethod: null,
  client: CLIENT,
  sources: [{ deviceLabel: 'iphone', format: 'MP4', cameraSettings: null, file: FILE }],
  additionalFiles: [],
  volume: null,
};
const JOB = {
  id: 'job-1',
  created: NOW,
  name: 'run',
  metadata: '{"token":"abc"}',
  state: 'FINISHED',
  progress: { state: 'FINISHED', percentageComplete: 100 },
  client: CLIENT,
  take: TAKE,
  outputs: [{ format: 'fbx', key: 'MAIN_FBX', file: { ...FILE, id: 'file-out', type: '.fbx' } }],
  inputs: { numberOfActors: 1, clipWindow: { startTime: 1, endTime: 2 }, options: { trackFingers: true } },
  rig: { name: 'move_mo' },
};
const VOLUME = {
  __typename: 'HumanVolume',
  id: 'volume-1',
  created: NOW,
  name: null,
  metadata: null,
  areaType: 'NORMAL',
  humanHeight: 1.8,
  state: 'FINISHED',
  progress: { state: 'FINISHED', percentageComplete: 100 },
  clipWindow: null,
  client: CLIENT,
  sources: [],
  outputs: [],
};

describe('client', () => {
  it('retrieve decodes metadata', async () => {
    api.root = { client: () => CLIENT };
    const client = await ugc.client.retrieve();
    expect(client.metadata).toEqual({ tier: 'pro' });
  });

  it('update encodes metadata exactly once', async () => {
    api.root = { updateClient: ({ metadata }: { metadata: string }) => ({ ...CLIENT, metadata }) };
    const client = await ugc.client.update({ metadata: { tier: 'studio', seats: 3 } });
    expect(api.calls[0]?.variables.metadata).toBe('{"tier":"studio","seats":3}');
    expect(client.metadata).toEqual({ tier: 'studio', seats: 3 });
  });
});

describe('files', () => {
  it('create, retrieve, update, createShareCode', async () => {
    api.root = {
      createFile: (args: { type: string; name: string }) => ({ ...FILE, type: args.type, name: args.name }),
      getFile: () => FILE,
      updateFile: (args: { name: string; metadata: string }) => ({ ...FILE, ...args }),
      generateShareCode: () => ({
        code: 'ABCD',
        created: NOW,
        expires: NOW,
        url: 'https://move.ai/s/ABCD',
        file: FILE,
      }),
    };
    const created = await ugc.files.create({ type: 'mp4', name: 'clip.mp4' });
    expect(created).toMatchObject({ id: 'file-1', type: 'mp4', name: 'clip.mp4' });
    expect(created).not.toHaveProperty('client');
    const withClient = await ugc.files.retrieve('file-1', { expand: ['client'] });
    expect(withClient.client?.name).toBe('Studio');
    expectTypeOf(withClient).toHaveProperty('client');
    const updated = await ugc.files.update('file-1', { name: 'renamed', metadata: { a: 1 } });
    expect(updated).toMatchObject({ name: 'renamed', metadata: { a: 1 } });
    const share = await ugc.files.createShareCode('file-1');
    expect(share.code).toBe('ABCD');
    expect(api.calls.map((c) => c.operationName)).toEqual(['CreateFile', 'GetFile', 'UpdateFile', 'GenerateShareCode']);
  });
});

describe('takes', () => {
  it('createSingleCam and createMultiCam send their sources', async () => {
    api.root = { createSingleCamTake: () => TAKE, createMultiCamTake: () => ({ ...TAKE, takeType: 'MULTI_CAM' }) };
    const sources = [
      { deviceLabel: 'iphone', fileId: 'file-1', format: 'MP4' as const },
      { deviceLabel: 'iphone', fileId: 'file-2', format: 'MOVE' as const },
    ];
    const take = await ugc.takes.createSingleCam({ sources, metadata: { scene: 3 }, expand: ['sources'] });
    expect(take.sources?.[0]?.deviceLabel).toBe('iphone');
    expect(api.calls[0]?.variables).toMatchObject({ sources, metadata: '{"scene":3}', withSources: true });
    const multi = await ugc.takes.createMultiCam({
      sources,
      volumeId: 'volume-1',
      syncMethod: { clapWindow: { startTime: 1, endTime: 2 } },
    });
    expect(multi.takeType).toBe('MULTI_CAM');
    expect(api.calls[1]?.variables).toMatchObject({ volumeId: 'volume-1' });
  });

  it('expand adds exactly the chosen sub-selections', async () => {
    api.root = { getTake: () => TAKE };
    const plain = await ugc.takes.retrieve('take-1');
    expect(plain).not.toHaveProperty('sources');
    expect(plain).not.toHaveProperty('client');
    expect(plain).not.toHaveProperty('volume');
    const full = await ugc.takes.retrieve('take-1', { expand: ['client', 'sources', 'volume'] });
    expect(full.client.id).toBe('client-1');
    expect(full.sources?.[0]?.file?.id).toBe('file-1');
    expect(full.additionalFiles).toEqual([]);
    expect(full.volume).toBeNull();
    expectTypeOf(full).toHaveProperty('sources');
    expectTypeOf<Take>().not.toHaveProperty('sources');
  });

  it('update and list', async () => {
    api.root = {
      updateTake: (args: { name: string }) => ({ ...TAKE, name: args.name }),
      listTakes: () => ({ first: 50, after: null, items: [TAKE, null] }),
    };
    expect((await ugc.takes.update('take-1', { name: 'n' })).name).toBe('n');
    const page = await ugc.takes.list({ sortDirection: 'ASC' });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]?.metadata).toEqual({ scene: 3 });
    expect(page.after).toBeNull();
    expect(api.calls[1]?.variables).toMatchObject({ sortDirection: 'ASC' });
  });
});

describe('jobs', () => {
  it('createSingleCam sends outputs, options, clip window and metadata', async () => {
    api.root = { createSingleCamJob: () => JOB };
    const job = await ugc.jobs.createSingleCam({
      takeId: 'take-1',
      outputs: ['MAIN_FBX', 'RENDER_VIDEO'],
      options: { trackFingers: true, mocapModel: 'S2' },
      clipWindow: { startTime: 2.5, endTime: 9 },
      name: 'run',
      metadata: { token: 'abc' },
    });
    expect(job.metadata).toEqual({ token: 'abc' });
    expect(api.calls[0]?.variables).toEqual({
      takeId: 'take-1',
      outputs: ['MAIN_FBX', 'RENDER_VIDEO'],
      options: { trackFingers: true, mocapModel: 'S2' },
      clipWindow: { startTime: 2.5, endTime: 9 },
      name: 'run',
      metadata: '{"token":"abc"}',
    });
  });

  it('createMultiCam sends actors and rig', async () => {
    api.root = { createMultiCamJob: () => JOB };
    await ugc.jobs.createMultiCam({ takeId: 'take-1', numberOfActors: 2, rig: 'move_mo' });
    expect(api.calls[0]?.variables).toMatchObject({ numberOfActors: 2, rig: 'move_mo' });
    await expect(ugc.jobs.createMultiCam({ takeId: 'take-1', numberOfActors: 0 })).rejects.toThrow(/numberOfActors/);
  });

  it('retrieve with every expansion, typed per key', async () => {
    api.root = { getJob: () => JOB };
    const job = await ugc.jobs.retrieve('job-1', { expand: ['outputs', 'inputs', 'rig', 'take', 'client'] });
    expect(job.outputs?.[0]?.file.type).toBe('.fbx');
    expect(job.inputs?.clipWindow).toEqual({ startTime: 1, endTime: 2 });
    expect(job.rig?.name).toBe('move_mo');
    expect(job.take?.metadata).toEqual({ scene: 3 });
    expect(job.client.metadata).toEqual({ tier: 'pro' });
    expect(job.progress?.percentageComplete).toBe(100);
    expect(api.calls[0]?.variables).toEqual({
      jobId: 'job-1',
      withOutputs: true,
      withInputs: true,
      withRig: true,
      withTake: true,
      withClient: true,
    });
    const bare = await ugc.jobs.retrieve('job-1');
    expect(Object.keys(bare).sort()).toEqual(['created', 'id', 'metadata', 'name', 'progress']);
    expectTypeOf<Job<'outputs'>>().toHaveProperty('outputs');
    expectTypeOf<Job>().not.toHaveProperty('outputs');
    expectTypeOf<Job<'rig'>>().not.toHaveProperty('outputs');
    // @ts-expect-error: 'sources' is not an expansion of a job
    await expect(ugc.jobs.retrieve('job-1', { expand: ['sources'] })).rejects.toThrow(
      /cannot expand "sources"; choose from: client, take, outputs, inputs, rig/,
    );
  });

  it('update', async () => {
    api.root = { updateJob: (args: { metadata: string }) => ({ ...JOB, metadata: args.metadata }) };
    const job = await ugc.jobs.update('job-1', { metadata: { note: 'ok' } });
    expect(job.metadata).toEqual({ note: 'ok' });
  });

  it('invalid metadata JSON from the server is an error, not a crash', async () => {
    api.root = { getJob: () => ({ ...JOB, metadata: '{broken' }) };
    const err = await ugc.jobs.retrieve('job-1').catch((e) => e);
    expect(err).toBeInstanceOf(MoveServerError);
    expect(err.message).toMatch(/getJob|metadata/);
  });
});

describe('pagination', () => {
  // Five jobs served two at a time; the cursor is an opaque JSON string that must come back unchanged.
  const jobs = Array.from({ length: 5 }, (_, i) => ({ ...JOB, id: `job-${i}` }));
  const cursorFor = (index: number) => JSON.stringify({ offset: index, pk: 'client-1' });
  const listJobs = (args: { first?: number; after?: string; takeId?: string }) => {
    const offset = args.after ? (JSON.parse(args.after) as { offset: number }).offset : 0;
    if (args.after && args.after !== cursorFor(offset)) throw new Error('cursor was re-encoded');
    const size = args.first ?? 2;
    const end = offset + size;
    return { first: size, after: end < jobs.length ? cursorFor(end) : null, items: jobs.slice(offset, end) };
  };

  it('await gives one page with its cursor', async () => {
    api.root = { listJobs };
    const page = await ugc.jobs.list({ takeId: 'take-1', first: 2 });
    expect(page.items.map((j) => j.id)).toEqual(['job-0', 'job-1']);
    expect(page.after).toBe(cursorFor(2));
    expect(api.calls[0]?.variables).toMatchObject({ takeId: 'take-1', first: 2 });
  });

  it('for await walks every page, sending each cursor back unchanged', async () => {
    api.root = { listJobs };
    const ids: string[] = [];
    for await (const job of ugc.jobs.list({ takeId: 'take-1', first: 2, expand: ['outputs'] })) ids.push(job.id);
    expect(ids).toEqual(['job-0', 'job-1', 'job-2', 'job-3', 'job-4']);
    expect(api.calls.map((c) => c.variables.after ?? null)).toEqual([null, cursorFor(2), cursorFor(4)]);
  });

  it('resumes from a given cursor and collects with all()', async () => {
    api.root = { listJobs };
    const rest = await ugc.jobs.list({ first: 2, after: cursorFor(2) }).all();
    expect(rest.map((j) => j.id)).toEqual(['job-2', 'job-3', 'job-4']);
  });

  it('stops at maxPages', async () => {
    api.root = { listJobs };
    await expect(ugc.jobs.list({ first: 1, maxPages: 2 }).all()).rejects.toThrow(/Stopped after 2 pages/);
    expect(api.calls).toHaveLength(2);
  });

  it('stops when the server repeats a cursor', async () => {
    api.root = { listTakes: () => ({ first: 1, after: '"same"', items: [TAKE] }) };
    await expect(ugc.takes.list().all()).rejects.toThrow(/same page cursor twice/);
  });

  it('volumes list walks pages too', async () => {
    let call = 0;
    api.root = {
      listVolumes: () =>
        call++ === 0
          ? { first: 1, after: '"v2"', items: [VOLUME] }
          : { first: 1, after: null, items: [{ ...VOLUME, id: 'volume-2' }] },
    };
    const volumes = await ugc.volumes.list().all();
    expect(volumes.map((v) => v.id)).toEqual(['volume-1', 'volume-2']);
  });

  it('rejects a bad page size before sending', async () => {
    await expect(ugc.jobs.list({ first: 0 })).rejects.toBeInstanceOf(MoveValidationError);
    expect(api.calls).toHaveLength(0);
  });
});

describe('volumes, rigs, lenses, webhooks', () => {
  it('createHuman and retrieve a HumanVolume', async () => {
    api.root = { createVolumeWithHuman: () => VOLUME, getVolume: () => VOLUME };
    const volume = await ugc.volumes.createHuman({
      sources: [
        { deviceLabel: 'cam-1', fileId: 'file-1', format: 'MP4', cameraSettings: { lens: 'goprohero10-fhd' } },
        { deviceLabel: 'cam-2', fileId: 'file-2', format: 'MP4', cameraSettings: { lens: 'goprohero10-fhd' } },
      ],
      humanHeight: 1.8,
      areaType: 'NORMAL',
      syncMethod: { clapWindow: { startTime: 1, endTime: 2 } },
    });
    expect(volume.humanHeight).toBe(1.8);
    const again = await ugc.volumes.retrieve('volume-1', { expand: ['sources', 'outputs', 'client'] });
    expect(again.sources).toEqual([]);
    expect(again.client.id).toBe('client-1');
  });

  it('rigs and camera settings', async () => {
    api.root = {
      listRigs: () => ({ items: [{ name: 'move_mo' }, null, { name: 'move_ue5' }] }),
      listCameraSettings: () => ({ items: [{ lens: 'goprohero10-fhd' }] }),
    };
    expect(await ugc.rigs.list()).toEqual([{ name: 'move_mo' }, { name: 'move_ue5' }]);
    expect(await ugc.cameraSettings.list()).toEqual([{ lens: 'goprohero10-fhd' }]);
  });

  it('webhooks.upsert', async () => {
    api.root = {
      upsertWebhookEndpoint: (args: { uid: string; url: string; events: string[] }) => ({
        ...args,
        description: null,
        metadata: null,
        secret: 'whsec_c2VjcmV0',
      }),
    };
    const endpoint = await ugc.webhooks.upsert({
      uid: 'ci',
      url: 'https://hooks.example.com/move',
      events: ['ugc.job.state.completed'],
    });
    expect(endpoint.secret).toBe('whsec_c2VjcmV0');
    await expect(ugc.webhooks.upsert({ uid: 'ci', url: 'ftp://x' })).rejects.toBeInstanceOf(MoveValidationError);
  });
});

describe('validation before sending', () => {
  const update = (metadata: unknown) => ugc.jobs.update('job-1', { metadata: metadata as never });
  it.each([
    ['BI-08 an empty id', () => ugc.jobs.retrieve(''), /jobId is required: pass the id Move returned \(job-…\)/],
    ['BI-09 metadata as a string', () => update('{"a":1}'), /must be a plain object .*not a string/],
    ['BI-09 metadata as an array', () => update([1]), /metadata must be a plain object such as \{ "shot": 12 \}/],
    [
      'BI-10 metadata with a cycle',
      () => {
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        return update(cyclic);
      },
      /cannot be encoded as JSON \(Converting circular structure[\s\S]*\); use only plain objects, arrays/,
    ],
    ['BI-11 a BigInt in metadata', () => update({ frames: 10n }), /cannot be encoded as JSON \(.*BigInt.*\)/],
    ['BI-11 NaN in metadata', () => update({ score: Number.NaN }), /\("score" is NaN\)/],
    ['BI-11 a Map in metadata', () => update({ tags: new Map([['a', 1]]) }), /"tags" is a Map, not a plain object/],
    ['BI-11 a function in metadata', () => update({ cb: () => 1 }), /"cb" is a function/],
    [
      'BI-12 metadata too large',
      () => update({ blob: 'x'.repeat(70_000) }),
      /is 70011 bytes as JSON; keep it under 65536/,
    ],
  ])('%s is a MoveValidationError and nothing is sent', async (_, call, message) => {
    const err = await call().catch((e) => e);
    expect(err).toBeInstanceOf(MoveValidationError);
    expect(err.message).toMatch(message);
    expect(api.calls).toHaveLength(0);
  });

  it('BI-11 keeps what JSON holds faithfully: dates as strings, null-prototype objects, nested arrays', async () => {
    api.root = { updateJob: (args: { metadata: string }) => ({ ...JOB, metadata: args.metadata }) };
    const bare = Object.assign(Object.create(null), { a: 1 });
    await ugc.jobs.update('job-1', { metadata: { at: new Date(0) as never, bare, list: [[1], null] } });
    expect(api.calls[0]?.variables.metadata).toBe('{"at":"1970-01-01T00:00:00.000Z","bare":{"a":1},"list":[[1],null]}');
  });
});

it('the tests above sent every one of the 22 operations of the API', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const dir = new URL('../src/operations/', import.meta.url);
  const declared = new Set<string>();
  for (const file of readdirSync(dir)) {
    for (const m of readFileSync(new URL(file, dir), 'utf8').matchAll(/^(?:query|mutation) (\w+)/gm))
      declared.add(m[1]!);
  }
  expect(declared.size).toBe(22);
  expect([...api.seen].sort()).toEqual([...declared].sort());
});
