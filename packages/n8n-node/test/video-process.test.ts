import { createHash } from 'node:crypto';
import { DEFAULT_API_KEY, MOCK_FAIL_KEY, outputChecksum, PRESIGNED_QUERY, sampleVideo } from '@move-ugc/mock';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { binaryItem, binaryStore, videoInput } from './helpers/n8n-context';
import { allStrings, runNode } from './helpers/run-node';
import { useSimulator } from './helpers/simulator';

const { sim } = useSimulator();
const process = { resource: 'video', operation: 'process' };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('Video → Process', () => {
  it('streams the video from the binary store and returns every output as binary data', async () => {
    const store = binaryStore();
    const video = sampleVideo('MP4', 300_000);
    const run = await runNode({
      parameters: { ...process, outputs: ['MAIN_FBX', 'RENDER_VIDEO'] },
      items: [binaryItem(store, video, { fileName: 'dance.mp4' })],
      store,
    });

    expect(run.output).toHaveLength(1);
    const [item] = run.output;
    expect(item!.pairedItem).toEqual({ item: 0 });
    const json = item!.json as {
      jobId: string;
      state: string;
      outputs: { format: string; fileName: string; binaryProperty: string; bytes: number }[];
    };
    expect(json.state).toBe('FINISHED');
    expect(json.outputs.map((o) => o.fileName).sort()).toEqual(['dance.fbx', 'dance.mp4']);

    const [job] = sim.jobs();
    expect(job!.id).toBe(json.jobId);
    for (const output of job!.outputs) {
      const listed = json.outputs.find((o) => o.format === output.format)!;
      const binary = item!.binary![listed.binaryProperty]!;
      expect(binary.fileName).toBe(listed.fileName);
      expect(binary.mimeType).toBe(output.format === 'fbx' ? 'application/octet-stream' : 'video/mp4');
      expect(sha256(store.files.get(binary.id!)!.bytes)).toBe(outputChecksum(job!.id, output.format, output.size));
    }
    expect(Object.keys(item!.binary!).sort()).toEqual(['fbx', 'mp4']);

    // The video went up whole, streamed: no read of the binary into memory.
    expect(sim.storedBytes(sim.files().find((f) => f.type === 'mp4' && !f.output)!.id)).toBe(video.length);
    expect(store.buffersRead).toBe(0);
    expect(store.streamsOpened).toBeGreaterThanOrEqual(2);
    expect(store.prepared.every((p) => p.kind === 'stream')).toBe(true);
  });

  it('sends the key only through the credential and puts no presigned URL in the item', async () => {
    const store = binaryStore();
    const run = await runNode({
      parameters: { ...process, outputs: ['MAIN_GLB'] },
      items: [binaryItem(store, sampleVideo())],
      store,
    });
    const graphql = run.http.requests.filter((r) => r.url.endsWith('/graphql'));
    expect(graphql.length).toBeGreaterThan(0);
    expect(
      graphql.every((r) => r.authenticated && !Object.keys(r.headers).some((h) => h.toLowerCase() === 'authorization')),
    ).toBe(true);
    const transfers = run.http.requests.filter((r) => !r.url.endsWith('/graphql'));
    expect(transfers.every((r) => !r.authenticated)).toBe(true);
    const put = transfers.find((r) => r.method === 'PUT')!;
    expect(put.headers['content-length']).toBe(String(sampleVideo().length));
    // As n8n's helper sends it: no Content-Type (S3 did not sign one), the exact length.
    expect(put.sent['content-type']).toBeUndefined();
    expect(put.sent['content-length']).toBe(String(sampleVideo().length));

    const strings = allStrings(run.output[0]!.json);
    expect(
      strings.some((s) => PRESIGNED_QUERY.test(s) || s.includes('presignedUrl') || s.includes(DEFAULT_API_KEY)),
    ).toBe(false);
  });

  it('reads a video held inline in the item as bytes', async () => {
    const run = await runNode({
      parameters: { ...process, outputs: ['MAIN_FBX'] },
      ...videoInput(sampleVideo('MOV', 4096), { inline: true, fileName: 'clip.mov' }),
    });
    expect(run.output[0]!.json.state).toBe('FINISHED');
    expect(run.store.buffersRead).toBe(1);
    expect(sim.files().some((f) => f.type === 'mov')).toBe(true);
  });

  it('uploads a .move sidecar beside the video', async () => {
    const store = binaryStore();
    const item = binaryItem(store, sampleVideo());
    Object.assign(
      item.binary!,
      binaryItem(store, Buffer.from('move sidecar payload'), { fileName: 'clip.move', property: 'move' }).binary,
    );
    await runNode({
      parameters: {
        ...process,
        outputs: ['MAIN_FBX'],
        additionalFields: { moveBinaryPropertyName: 'move', deviceLabel: 'cam-a' },
      },
      items: [item],
      store,
    });
    const [take] = sim.takes();
    expect(take!.sources.map((s) => s.format).sort()).toEqual(['MOVE', 'MP4']);
    expect(new Set(take!.sources.map((s) => s.deviceLabel))).toEqual(new Set(['cam-a']));
  });

  it('returns download URLs instead of files when Download Outputs is off', async () => {
    const store = binaryStore();
    const run = await runNode({
      parameters: { ...process, outputs: ['MAIN_FBX', 'MAIN_USDZ'], options: { downloadOutputs: false } },
      items: [binaryItem(store, sampleVideo())],
      store,
    });
    const [item] = run.output;
    expect(item!.binary).toBeUndefined();
    const outputs = item!.json.outputs as { downloadUrl: string; binaryProperty?: string }[];
    expect(outputs).toHaveLength(2);
    expect(
      outputs.every((o) => o.downloadUrl.startsWith('https://mock.move-ugc.test/outputs/') && !o.binaryProperty),
    ).toBe(true);
    expect(store.prepared).toHaveLength(0);
  });

  it('returns as soon as the job exists when Wait for Completion is off', async () => {
    const run = await runNode({
      parameters: { ...process, options: { waitForCompletion: false } },
      ...videoInput(sampleVideo()),
    });
    const json = run.output[0]!.json;
    expect(json.jobId).toMatch(/^job-/);
    expect(json.state).toBe('NOT_STARTED');
    expect(json.outputs).toEqual([]);
    expect(sim.countOperations('getJob')).toBe(0);
  });

  it('passes outputs, options, clip window, name and metadata to the job', async () => {
    await runNode({
      parameters: {
        ...process,
        outputs: ['MAIN_FBX'],
        processingOptions: { mocapModel: 'S1', trackFingers: true },
        additionalFields: { clipStart: 1.5, clipEnd: 4, name: 'Dance take 3', metadata: '{"project":"trailer"}' },
        options: { waitForCompletion: false },
      },
      ...videoInput(sampleVideo()),
    });
    const [job] = sim.jobs();
    expect(job!.name).toBe('Dance take 3');
    expect(job!.options).toMatchObject({ mocapModel: 'S1', trackFingers: true });
    expect(job!.clipWindow).toEqual({ startTime: 1.5, endTime: 4 });
    expect(JSON.parse(job!.metadata!)).toMatchObject({ project: 'trailer' });
    expect(job!.outputs.map((o) => o.outputType)).toEqual(['MAIN_FBX']);
  });

  it('reuses the job of an earlier run with the same idempotency key', async () => {
    const parameters = { ...process, outputs: ['MAIN_FBX'], options: { idempotencyKey: 'shoot-42' } };
    const first = await runNode({ parameters, ...videoInput(sampleVideo()) });
    const second = await runNode({ parameters, ...videoInput(sampleVideo()) });
    expect(sim.jobs()).toHaveLength(1);
    expect(second.output[0]!.json.jobId).toBe(first.output[0]!.json.jobId);
    expect(second.output[0]!.json.reused).toBe(true);
  });

  it('runs one job per input item, each output paired with its item', async () => {
    const store = binaryStore();
    const run = await runNode({
      parameters: { ...process, outputs: ['MAIN_FBX'] },
      items: [binaryItem(store, sampleVideo('MP4', 1000)), binaryItem(store, sampleVideo('MP4', 2000))],
      store,
    });
    expect(run.output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
    expect(sim.jobs()).toHaveLength(2);
  });
});

describe('Video → Process errors', () => {
  it('BI-92 says to check the credential when Move rejects the key', async () => {
    const error = await runNode({
      parameters: process,
      ...videoInput(sampleVideo()),
      credential: { apiKey: 'not_a_valid_key_at_all' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    const apiError = error as NodeApiError;
    expect(apiError.message).toBe('Move rejected the API key');
    expect(apiError.description).toMatch(/Move UGC API credential/);
    expect(apiError.context.itemIndex).toBe(0);
    expect(allStrings({ m: apiError.message, d: apiError.description })).not.toContain('not_a_valid_key_at_all');
    expect(sim.files()).toHaveLength(0);
  });

  it('turns errors into items with continueOnFail, keeping the other items going', async () => {
    const store = binaryStore();
    const run = await runNode({
      parameters: { ...process, outputs: ['MAIN_FBX'] },
      items: [binaryItem(store, Buffer.from('%PDF-1.7 not a video at all')), binaryItem(store, sampleVideo())],
      store,
      continueOnFail: true,
    });
    expect(run.output).toHaveLength(2);
    expect(run.output[0]!.pairedItem).toEqual({ item: 0 });
    expect(run.output[0]!.json.error).toMatch(/not an MP4, MOV or AVI video.*PDF/);
    expect(run.output[1]!.json.state).toBe('FINISHED');
  });

  it('BI-90 names the formats Move reads when the video is not one', async () => {
    const error = await runNode({
      parameters: process,
      ...videoInput(Buffer.concat([Buffer.from([0x89]), Buffer.from('PNG\r\n\x1a\n0000000000000000')]), {
        fileName: 'frame.png',
      }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as Error).message).toMatch(/"frame.png" is not an MP4, MOV or AVI video.*PNG image.*ffmpeg/);
    expect((error as NodeOperationError).context.itemIndex).toBe(0);
    expect(sim.requests).toHaveLength(0);
  });

  it('BI-89 names the missing binary field', async () => {
    const error = await runNode({
      parameters: { ...process, binaryPropertyName: 'video' },
      items: [{ json: {} }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as Error).message).toMatch(/binary file 'video'/);
    expect(sim.requests).toHaveLength(0);
  });

  it('BI-93 refuses a device label that is not a slug, suggesting one, before uploading anything', async () => {
    const error = await runNode({
      parameters: { ...process, additionalFields: { deviceLabel: 'My Phone' } },
      ...videoInput(sampleVideo()),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as Error).message).toMatch(
      /deviceLabel must be lowercase letters, digits and single hyphens.*\(try "my-phone"\)/,
    );
    expect(sim.requests).toHaveLength(0);
  });

  it('BI-94 refuses a clip window that ends before it starts, before uploading anything', async () => {
    const error = await runNode({
      parameters: { ...process, additionalFields: { clipStart: 9, clipEnd: 2 } },
      ...videoInput(sampleVideo()),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as Error).message).toBe(
      'Clip: startTime (9) must be before endTime (2); swap them if they are reversed.',
    );
    expect(sim.requests).toHaveLength(0);
  });

  it('reports a failed job with what to do next', async () => {
    const error = await runNode({
      parameters: { ...process, additionalFields: { metadata: JSON.stringify({ [MOCK_FAIL_KEY]: true }) } },
      ...videoInput(sampleVideo()),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as Error).message).toMatch(/failed on Move's side/);
  });

  it('BI-91 rejects metadata that is not a JSON object before uploading anything', async () => {
    const error = await runNode({
      parameters: { ...process, additionalFields: { metadata: '[1, 2]' } },
      ...videoInput(sampleVideo()),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /metadata must be a JSON object such as \{"project": "trailer"\}, not a list/,
    );
    expect(sim.requests).toHaveLength(0);
  });
});
