import { describe, expect, it } from 'vitest';
import { CAMERA_LENSES, DEFAULT_API_KEY, RIGS, sampleVideo } from '../src/index';
import {
  CREATE_FILE,
  CREATE_JOB,
  CREATE_TAKE,
  createTake,
  data,
  errorsOf,
  FakeClock,
  type FileShape,
  gql,
  uploadFile,
  useMswSimulator,
} from './helpers';

const simulator = useMswSimulator();

async function badRequest(endpoint: string, query: string, variables: Record<string, unknown>, pattern: RegExp) {
  const errors = await errorsOf(endpoint, query, variables);
  expect(errors[0]?.errorType).toBe('BadRequestException');
  expect(errors[0]?.message).toMatch(pattern);
}

describe('GraphQL errors', () => {
  it('answers a missing, unknown or Bearer-prefixed key with 401', async () => {
    const sim = simulator();
    for (const key of [null, 'mock_wrong_key_000000', `Bearer ${DEFAULT_API_KEY}`]) {
      const result = await gql(sim.endpoint, '{ client { id } }', {}, key);
      expect(result.status).toBe(401);
      expect(result.body).toEqual({
        errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }],
      });
    }
    expect(sim.requests.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(sim.requests.every((r) => r.performed)).toBe(false);
  });

  it('keeps at most the latest requestLogLimit requests, and counts every one', async () => {
    const sim = simulator({ requestLogLimit: 4 });
    for (let i = 0; i < 9; i++) await gql(sim.endpoint, '{ client { id } }', {});
    expect(sim.requests.length).toBeLessThanOrEqual(4);
    expect(sim.requests.at(-1)?.seq).toBe(9);
    expect(sim.requests[0]!.seq).toBeGreaterThan(5);
    expect(sim.countOperations('client')).toBe(9);
  });

  it('reports unknown ids the AppSync way', async () => {
    const sim = simulator();
    const query = 'query($id: ID!) {\n  getJob(jobId: $id) { id }\n}';
    const result = await gql(sim.endpoint, query, { id: 'job-00000000-0000-4000-8000-000000000000' });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      data: null,
      errors: [
        {
          path: ['getJob'],
          data: null,
          errorType: 'MoveNotFoundError',
          errorInfo: null,
          locations: [{ line: 2, column: 3 }],
          message: 'Resource not found in move-ugc-api.',
        },
      ],
    });
    // A nullable sibling keeps the rest of the data.
    const partial = await gql(sim.endpoint, '{ listRigs { first } getTake(takeId: "take-x") { id } }');
    expect(partial.body.data).toBeNull();
    expect(partial.body.errors?.[0]?.errorType).toBe('MoveNotFoundError');
  });

  it('rejects variables of the wrong type before running anything', async () => {
    const sim = simulator();
    const [error] = await errorsOf(sim.endpoint, CREATE_JOB, { takeId: 'take-x', outputs: ['MAIN_FBX', 'NOPE'] });
    expect(error?.message).toContain('NOPE');
    expect(error?.path).toBeNull();
    expect(sim.countOperations('createSingleCamJob')).toBe(1);
    expect(sim.jobs()).toHaveLength(0);
  });
});

describe('AWSJSON metadata', () => {
  it('goes in and out as the same JSON string', async () => {
    const sim = simulator();
    const metadata = JSON.stringify({ clientToken: 'abc-123', nested: { n: 1, list: [true, null] } });
    const { createFile } = await data<{ createFile: FileShape }>(sim.endpoint, CREATE_FILE, { type: 'mp4', metadata });
    expect(createFile.metadata).toBe(metadata);
    const { updateFile } = await data<{ updateFile: FileShape }>(
      sim.endpoint,
      'mutation($id: String!, $m: AWSJSON) { updateFile(id: $id, metadata: $m) { metadata name } }',
      { id: createFile.id, m: '{"v":2}' },
    );
    expect(updateFile).toEqual({ metadata: '{"v":2}', name: null });
    // A double-encoded value is still a JSON string, so it is stored as sent: the client's bug shows.
    const doubled = JSON.stringify(metadata);
    const { createFile: twice } = await data<{ createFile: FileShape }>(sim.endpoint, CREATE_FILE, {
      type: 'mp4',
      metadata: doubled,
    });
    expect(twice.metadata).toBe(doubled);
  });

  it('must be a string holding valid JSON', async () => {
    const sim = simulator();
    for (const metadata of ['{not json', { a: 1 }, 42]) {
      const [error] = await errorsOf(sim.endpoint, CREATE_FILE, { type: 'mp4', metadata });
      expect(error?.message).toMatch(/Unable to parse .* as valid JSON/);
    }
    const [literal] = await errorsOf(sim.endpoint, 'mutation { createFile(type: "mp4", metadata: "{x") { id } }');
    expect(literal?.message).toMatch(/^Validation error of type WrongType: .*valid JSON/);
    expect(sim.files()).toHaveLength(0);
  });
});

describe('input checks', () => {
  it('checks file types', async () => {
    const sim = simulator();
    await badRequest(sim.endpoint, CREATE_FILE, { type: 'mkv' }, /Unsupported file type 'mkv'/);
    for (const type of ['mp4', '.MP4', 'Mov', 'avi', '.move']) {
      await data(sim.endpoint, CREATE_FILE, { type });
    }
  });

  it('checks the sources of a single-camera take', async () => {
    const sim = simulator();
    const video = await uploadFile(sim.endpoint, sampleVideo());
    const second = await uploadFile(sim.endpoint, sampleVideo());
    const move = await uploadFile(sim.endpoint, new Uint8Array([1, 2, 3]), 'move');
    const { createFile: empty } = await data<{ createFile: FileShape }>(sim.endpoint, CREATE_FILE, { type: 'mp4' });
    const src = (fileId: string, format = 'MP4', deviceLabel = 'cam-1') => ({ fileId, format, deviceLabel });

    await badRequest(sim.endpoint, CREATE_TAKE, { sources: [] }, /at least one source/);
    await badRequest(sim.endpoint, CREATE_TAKE, { sources: [src('file-nope')] }, /no file 'file-nope'/);
    await badRequest(sim.endpoint, CREATE_TAKE, { sources: [src(empty.id)] }, /has no content yet/);
    await badRequest(sim.endpoint, CREATE_TAKE, { sources: [src(video, 'MOV')] }, /MOV does not match the type 'mp4'/);
    await badRequest(sim.endpoint, CREATE_TAKE, { sources: [src(video), src(second)] }, /exactly one video source/);
    await badRequest(sim.endpoint, CREATE_TAKE, { sources: [src(move, 'MOVE')] }, /exactly one video source/);
    await badRequest(
      sim.endpoint,
      CREATE_TAKE,
      { sources: [src(video), src(move, 'MOVE', 'cam-2')] },
      /share one deviceLabel/,
    );
    await badRequest(sim.endpoint, CREATE_TAKE, { sources: [src(video, 'MP4', 'My iPhone')] }, /must be a slug/);

    const { createSingleCamTake } = await data<{ createSingleCamTake: { sources: { format: string }[] } }>(
      sim.endpoint,
      CREATE_TAKE,
      { sources: [src(video), src(move, 'MOVE')] },
    );
    expect(createSingleCamTake.sources.map((s) => s.format)).toEqual(['MP4', 'MOVE']);
  });

  it('checks jobs', async () => {
    const sim = simulator();
    const takeId = await createTake(sim.endpoint);
    await badRequest(
      sim.endpoint,
      CREATE_JOB,
      { takeId, clipWindow: { startTime: 5, endTime: 2 } },
      /clipWindow.startTime \(5\) must be before/,
    );
    await badRequest(sim.endpoint, CREATE_JOB, { takeId, clipWindow: { startTime: -1, endTime: 2 } }, />= 0/);
    await badRequest(
      sim.endpoint,
      'mutation($takeId: String!) { createMultiCamJob(takeId: $takeId) { id } }',
      { takeId },
      /SINGLE_CAM take: use createSingleCamJob/,
    );
    await badRequest(
      sim.endpoint,
      'mutation($takeId: String!) { createSingleCamJob(takeId: $takeId, options: { mocapModel: M2 }) { id } }',
      { takeId },
      /mocapModel M2 is not a single-camera model/,
    );
    const missing = await errorsOf(sim.endpoint, CREATE_JOB, { takeId: 'take-missing' });
    expect(missing[0]?.errorType).toBe('MoveNotFoundError');
    expect(sim.jobs()).toHaveLength(0);
  });
});

const VOLUME = `mutation($sources: [SourceInput!], $humanHeight: Float!, $syncMethod: SyncMethodInput, $withSources: Boolean! = false) {
  createVolumeWithHuman(sources: $sources, humanHeight: $humanHeight, areaType: NORMAL, syncMethod: $syncMethod) {
    id state progress { state percentageComplete } humanHeight areaType
    sources @include(if: $withSources) { deviceLabel cameraSettings { lens } }
  }
}`;

const GET_VOLUME = `query($id: ID!) { getVolume(id: $id) { ... on HumanVolume { id state outputs { format file { presignedUrl } } } } }`;

describe('multi-camera', () => {
  it('calibrates a volume, then takes and processes a multi-camera job', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now, jobDurationMs: 1_000, volumeDurationMs: 5_000 });
    const files = await Promise.all([1, 2, 3].map(() => uploadFile(sim.endpoint, sampleVideo())));
    const sources = files.map((fileId, i) => ({
      fileId,
      format: 'MP4',
      deviceLabel: `cam-${i}`,
      cameraSettings: { lens: CAMERA_LENSES[i] },
    }));
    const clap = { clapWindow: { startTime: 1, endTime: 3 } };

    await badRequest(
      sim.endpoint,
      VOLUME,
      { sources: sources.slice(0, 1), humanHeight: 1.8, syncMethod: clap },
      /2 or more/,
    );
    await badRequest(
      sim.endpoint,
      VOLUME,
      { sources: [{ ...sources[0], cameraSettings: null }, sources[1]], humanHeight: 1.8, syncMethod: clap },
      /cameraSettings.lens is required/,
    );
    await badRequest(
      sim.endpoint,
      VOLUME,
      {
        sources: [{ ...sources[0], cameraSettings: { lens: 'pinhole' } }, sources[1]],
        humanHeight: 1.8,
        syncMethod: clap,
      },
      /lens 'pinhole' is unknown/,
    );
    await badRequest(sim.endpoint, VOLUME, { sources, humanHeight: 0, syncMethod: clap }, /humanHeight/);
    await badRequest(
      sim.endpoint,
      VOLUME,
      { sources, humanHeight: 1.8, syncMethod: { ...clap, timecodeSync: { useTimecode: true } } },
      /exactly one of/,
    );

    const { createVolumeWithHuman: volume } = await data<{
      createVolumeWithHuman: { id: string; state: string; sources: { cameraSettings: { lens: string } }[] };
    }>(sim.endpoint, VOLUME, { sources, humanHeight: 1.8, syncMethod: clap, withSources: true });
    expect(volume.id).toMatch(/^volume-/);
    expect(volume.state).toBe('NOT_STARTED');
    expect(volume.sources.map((s) => s.cameraSettings.lens)).toEqual(CAMERA_LENSES.slice(0, 3));

    const TAKE = `mutation($sources: [SourceInput!], $volumeId: String!) {
      createMultiCamTake(sources: $sources, volumeId: $volumeId) { id takeType volume { ... on HumanVolume { id } } }
    }`;
    await badRequest(sim.endpoint, TAKE, { sources, volumeId: volume.id }, /needs a FINISHED volume/);
    clock.advance(5_000);
    const { getVolume } = await data<{ getVolume: { state: string; outputs: unknown[] } }>(sim.endpoint, GET_VOLUME, {
      id: volume.id,
    });
    expect(getVolume.state).toBe('FINISHED');
    await badRequest(
      sim.endpoint,
      TAKE,
      { sources: [sources[0], { ...sources[1], deviceLabel: 'stranger' }], volumeId: volume.id },
      /stranger are not part of volume/,
    );
    const { createMultiCamTake: take } = await data<{
      createMultiCamTake: { id: string; takeType: string; volume: { id: string } };
    }>(sim.endpoint, TAKE, { sources, volumeId: volume.id });
    expect(take).toMatchObject({ takeType: 'MULTI_CAM', volume: { id: volume.id } });

    const JOB = `mutation($takeId: String!, $outputs: [OutputType], $rig: String, $n: Int) {
      createMultiCamJob(takeId: $takeId, outputs: $outputs, rig: $rig, numberOfActors: $n) {
        id rig { name } inputs { numberOfActors } outputs { format }
      }
    }`;
    await badRequest(sim.endpoint, JOB, { takeId: take.id, outputs: ['RENDER_OVERLAY_VIDEO'] }, /single-camera jobs/);
    await badRequest(sim.endpoint, JOB, { takeId: take.id, rig: 'nope' }, /rig 'nope' is unknown/);
    await badRequest(sim.endpoint, JOB, { takeId: take.id, n: 0 }, /numberOfActors/);
    const { createMultiCamJob: job } = await data<{
      createMultiCamJob: { rig: { name: string }; inputs: { numberOfActors: number }; outputs: { format: string }[] };
    }>(sim.endpoint, JOB, { takeId: take.id, n: 2 });
    expect(job.rig.name).toBe('move_mo');
    expect(job.inputs.numberOfActors).toBe(2);
    expect(job.outputs.map((o) => o.format)).not.toContain('render_overlay_mp4');
    expect(sim.volumes()[0]?.state).toBe('FINISHED');
  });

  it('lists rigs and camera lenses', async () => {
    const sim = simulator();
    const { listRigs, listCameraSettings } = await data<{
      listRigs: { items: { name: string }[]; after: null };
      listCameraSettings: { items: { lens: string }[] };
    }>(sim.endpoint, '{ listRigs { first after items { name } } listCameraSettings { items { lens } } }');
    expect(listRigs.items.map((r) => r.name)).toEqual([...RIGS]);
    expect(listRigs.items.map((r) => r.name)).toContain('move_mo');
    expect(listRigs.after).toBeNull();
    expect(listCameraSettings.items.map((c) => c.lens)).toContain('iphone13-main');
  });
});

describe('client and webhook endpoints', () => {
  it('updates the client metadata', async () => {
    const sim = simulator();
    const { updateClient } = await data<{ updateClient: { metadata: string; portal: string } }>(
      sim.endpoint,
      'mutation { updateClient(metadata: "{\\"plan\\":\\"pro\\"}") { metadata portal } }',
    );
    expect(updateClient.metadata).toBe('{"plan":"pro"}');
    expect(updateClient.portal).toMatch(/^https:\/\/mock\.move-ugc\.test\/portal\/login#token=/);
  });

  it('returns the secret only when the endpoint is first created', async () => {
    const sim = simulator();
    const UPSERT = `mutation($uid: String!, $url: String!, $events: [String!], $secret: String) {
      upsertWebhookEndpoint(uid: $uid, url: $url, events: $events, secret: $secret) { uid url events secret }
    }`;
    type Upserted = { upsertWebhookEndpoint: { url: string; events: string[]; secret: string | null } };
    const events = ['ugc.job.state.completed'];
    const first = await data<Upserted>(sim.endpoint, UPSERT, { uid: 'main', url: 'https://example.test/a', events });
    expect(first.upsertWebhookEndpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(first.upsertWebhookEndpoint.secret?.slice(6) ?? '', 'base64')).toHaveLength(24);
    const second = await data<Upserted>(sim.endpoint, UPSERT, { uid: 'main', url: 'https://example.test/b', events });
    expect(second.upsertWebhookEndpoint).toMatchObject({ url: 'https://example.test/b', secret: null });
    expect(sim.webhookEndpoints()).toHaveLength(1);

    const given = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const third = await data<Upserted>(sim.endpoint, UPSERT, {
      uid: 'other',
      url: 'https://example.test/c',
      secret: given,
    });
    expect(third.upsertWebhookEndpoint.secret).toBe(given);
    expect(third.upsertWebhookEndpoint.events).toEqual(['ugc.job.state.completed', 'ugc.job.state.failed']);

    const bad = await errorsOf(sim.endpoint, UPSERT, { uid: 'x', url: 'ftp://nope', events });
    expect(bad[0]?.errorType).toBe('BadRequestException');
    const unknown = await errorsOf(sim.endpoint, UPSERT, {
      uid: 'x',
      url: 'https://example.test',
      events: ['job.exploded'],
    });
    expect(unknown[0]?.message).toContain('job.exploded');
  });
});
