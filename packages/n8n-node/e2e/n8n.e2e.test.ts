// n8n-nodes-move-ugc inside a real n8n (2.41, on Node 24), against the simulator's HTTP server:
// installed as a community package, driven with n8n's CLI (import, execute, publish, start).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesSource, fetchTransfer, runSingleCam, uploadFile } from '@move-ugc/core';
import {
  createSimulator,
  DEFAULT_API_KEY,
  outputChecksum,
  PRESIGNED_QUERY,
  type RunningServer,
  type Simulator,
  sampleVideo,
  startServer,
} from '@move-ugc/mock';
import { MoveUgc, signWebhook } from '@move-ugc/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createN8n, freePort, type N8nInstance, parseExecution, type RunningN8n, setUpOwner } from './n8n-instance';
import { CREDENTIAL, credentials, type Prepared, TRIGGER_WEBHOOK_ID, WORKFLOW_IDS, workflows } from './workflows';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const VIDEO_BYTES = 6 * 1024 * 1024;
const OUTPUT_BYTES = 512 * 1024;

let sim: Simulator;
let server: RunningServer;
let n8n: N8nInstance;
let outDir: string;
let prepared: Prepared;

/** The simulator's latest request number: audit what comes after it. */
const lastSeq = () => sim.requests.at(-1)?.seq ?? 0;

/** Made with core before the import, for the workflows that start from Move's ids. */
async function prepare(): Promise<Prepared> {
  const ugc = new MoveUgc({ apiKey: DEFAULT_API_KEY, endpoint: server.endpoint });
  const calibration = async (name: string) =>
    (
      await uploadFile(
        { source: bytesSource(sampleVideo('MP4', 4096), `${name}.mp4`) },
        { ugc, transfer: fetchTransfer() },
      )
    ).fileId;
  const { jobId } = await runSingleCam(
    { video: bytesSource(sampleVideo('MP4', 4096), 'earlier.mp4'), outputs: ['MAIN_FBX'] },
    { ugc, transfer: fetchTransfer(), wait: false },
  );
  return { calibrationFileIds: [await calibration('cam-1'), await calibration('cam-2')], jobId };
}

beforeAll(async () => {
  sim = createSimulator({
    jobDurationMs: 1500,
    outputDelayMs: 100,
    outputBytes: OUTPUT_BYTES,
    webhookRetryDelaysMs: [500, 1000],
  });
  server = await startServer(sim, { port: 0 });
  n8n = await createN8n();
  outDir = join(n8n.files, 'out');
  mkdirSync(outDir, { recursive: true });
  const videoPath = join(n8n.files, 'dance.mp4');
  writeFileSync(videoPath, sampleVideo('MP4', VIDEO_BYTES));
  writeFileSync(join(n8n.root, 'credentials.json'), JSON.stringify(credentials(server.endpoint, DEFAULT_API_KEY)));
  prepared = await prepare();
  writeFileSync(join(n8n.root, 'workflows.json'), JSON.stringify(workflows(videoPath, outDir, prepared)));
  for (const args of [
    ['import:credentials', `--input=${join(n8n.root, 'credentials.json')}`],
    ['import:workflow', `--input=${join(n8n.root, 'workflows.json')}`],
  ]) {
    const result = await n8n.run(args);
    expect(result.status, result.stderr + result.stdout).toBe(0);
  }
}, 25 * 60_000);

afterAll(async () => {
  await server?.close();
  await sim?.close();
  // MOVE_UGC_E2E_KEEP=1 keeps n8n's folder (database, binary data, logs) for a look afterwards.
  if (n8n && !process.env.MOVE_UGC_E2E_KEEP) rmSync(n8n.root, { recursive: true, force: true });
});

describe('Move UGC in n8n', () => {
  it('processes a video read from disk and returns its outputs as binary data, byte for byte', async () => {
    const since = lastSeq();
    const result = await n8n.run(['execute', `--id=${WORKFLOW_IDS.process}`, '--rawOutput']);
    const execution = parseExecution(result.stdout);
    expect(execution.status, result.stdout.slice(-3000)).toBe('success');

    const [item] = execution.runData['Move UGC']![0]!.data!.main[0]!;
    const json = item!.json as {
      jobId: string;
      state: string;
      outputs: { format: string; fileName: string; binaryProperty: string }[];
    };
    expect(json.state).toBe('FINISHED');
    const job = sim.jobs().find((j) => j.id === json.jobId)!;
    expect(job.outputs.map((o) => o.outputType).sort()).toEqual(['MAIN_FBX', 'RENDER_VIDEO']);
    const upload = sim.files().find((f) => f.id === sim.takes().find((t) => t.id === job.takeId)!.sources[0]!.fileId)!;
    expect(upload.storedBytes).toBe(VIDEO_BYTES);

    for (const output of job.outputs) {
      const listed = json.outputs.find((o) => o.format === output.format)!;
      const binary = item!.binary![listed.binaryProperty]!;
      expect(binary).toMatchObject({
        fileName: `dance.${output.format === 'fbx' ? 'fbx' : 'mp4'}`,
        bytes: OUTPUT_BYTES,
      });
      expect(binary.mimeType).toBe(output.format === 'fbx' ? 'application/octet-stream' : 'video/mp4');
      expect(sha256(n8n.binaryFile(binary.id))).toBe(outputChecksum(job.id, output.format, output.size));
    }
    // A downstream node (Write File to Disk) gets the real bytes.
    expect(sha256(readFileSync(join(outDir, 'dance.fbx')))).toBe(outputChecksum(job.id, 'fbx', OUTPUT_BYTES));
    expect(result.stdout).not.toMatch(PRESIGNED_QUERY);
    expectCleanRequests(since, { uploads: 1, downloads: 2 });
  });

  it('uploads a file through n8n’s own HTTP helper as S3 wants it', async () => {
    const since = lastSeq();
    const result = await n8n.run(['execute', `--id=${WORKFLOW_IDS.fileUpload}`, '--rawOutput']);
    const execution = parseExecution(result.stdout);
    expect(execution.status, result.stdout.slice(-3000)).toBe('success');
    const [item] = execution.runData['Move UGC']![0]!.data!.main[0]!;
    expect(item!.json).toMatchObject({ format: 'MP4', bytes: VIDEO_BYTES });
    expect(sim.storedBytes(String(item!.json.id))).toBe(VIDEO_BYTES);
    const [put] = expectCleanRequests(since, { uploads: 1, downloads: 0 });
    // What n8n's helper sent, header by header: the exact length, no type, no chunking.
    expect(put!.headers['content-length']).toBe(String(VIDEO_BYTES));
    expect(put!.headers['content-type']).toBeUndefined();
    expect(put!.headers['transfer-encoding']).toBeUndefined();
  });

  it('creates a volume from uploaded calibration videos', async () => {
    const since = lastSeq();
    const result = await n8n.run(['execute', `--id=${WORKFLOW_IDS.volumeCreate}`, '--rawOutput']);
    const execution = parseExecution(result.stdout);
    expect(execution.status, result.stdout.slice(-3000)).toBe('success');
    const [item] = execution.runData['Move UGC']![0]!.data!.main[0]!;
    const volume = sim.volumes().find((v) => v.id === item!.json.id)!;
    expect(volume.sources.map((source) => source.fileId)).toEqual(prepared.calibrationFileIds);
    expect(sim.volumes()).toHaveLength(1);
    expectCleanRequests(since, { uploads: 0, downloads: 0 });
  });

  it('downloads the outputs of a job made earlier', async () => {
    const since = lastSeq();
    const result = await n8n.run(['execute', `--id=${WORKFLOW_IDS.downloadOutputs}`, '--rawOutput']);
    const execution = parseExecution(result.stdout);
    expect(execution.status, result.stdout.slice(-3000)).toBe('success');
    expect(sha256(readFileSync(join(outDir, 'earlier.fbx')))).toBe(outputChecksum(prepared.jobId, 'fbx', OUTPUT_BYTES));
    expectCleanRequests(since, { uploads: 0, downloads: 1 });
  });

  it('puts a wrong key on the item when the node continues on fail', async () => {
    const result = await n8n.run(['execute', `--id=${WORKFLOW_IDS.wrongKeyContinue}`, '--rawOutput']);
    const execution = parseExecution(result.stdout);
    expect(execution.status).toBe('success');
    const [item] = execution.runData['Move UGC']![0]!.data!.main[0]!;
    expect(item!.json).toMatchObject({ error: 'Move rejected the API key' });
    expect(String(item!.json.description)).toMatch(/Move UGC API credential/);
    expect(result.stdout).not.toContain('wrong_key_wrong_key');
  });

  it('fails the execution with the credential hint when it does not', async () => {
    const result = await n8n.run(['execute', `--id=${WORKFLOW_IDS.wrongKeyStop}`, '--rawOutput']);
    expect(result.status).not.toBe(0);
    const execution = parseExecution(result.stdout);
    expect(execution.status).toBe('error');
    const run = execution.runData['Move UGC']![0]!;
    expect(run.error).toMatchObject({ message: 'Move rejected the API key' });
    expect(run.error!.description).toMatch(/Test button/);
  });
});

describe('Move UGC in a running n8n', () => {
  let running: RunningN8n;
  /** The owner's session: n8n 2 serves node types and credential tests to signed-in users only. */
  let cookie: string;

  beforeAll(async () => {
    // Published before start, so n8n activates the trigger workflow as it boots.
    const published = await n8n.run(['publish:workflow', `--id=${WORKFLOW_IDS.trigger}`]);
    expect(published.status, published.stderr + published.stdout).toBe(0);
    running = await n8n.start(await freePort());
    cookie = await setUpOwner(running.url, { email: 'e2e@example.com', firstName: 'End', lastName: 'ToEnd' });
  }, 5 * 60_000);

  afterAll(async () => {
    await running?.stop();
  });

  it('registers its webhook when activated, runs on a signed delivery and refuses a forged one', async () => {
    const since = lastSeq();
    // Activation registered the production webhook URL with Move.
    const endpoint = await until(() => sim.webhookEndpoints()[0], 60_000, running.log);
    expect(endpoint.url).toBe(`${running.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`);
    expect(endpoint.events).toEqual(['ugc.job.state.completed']);

    // A job finishes; the simulator delivers the signed event; the workflow downloads the FBX.
    const ugc = new MoveUgc({ apiKey: DEFAULT_API_KEY, endpoint: server.endpoint });
    const made = await runSingleCam(
      { video: bytesSource(sampleVideo('MP4', 4096), 'trigger.mp4'), outputs: ['MAIN_FBX'] },
      { ugc, transfer: fetchTransfer(), wait: false },
    );
    const written = join(outDir, `trigger-${made.jobId}.fbx`);
    // n8n writes the file in place: wait until all of it is there, not only until it exists.
    await until(
      () => (existsSync(written) && statSync(written).size === OUTPUT_BYTES) || undefined,
      60_000,
      running.log,
    );
    expect(sha256(readFileSync(written))).toBe(outputChecksum(made.jobId, 'fbx', OUTPUT_BYTES));
    const delivery = sim.webhookDeliveries().find((d) => d.jobId === made.jobId)!;
    expect(delivery.state).toBe('delivered');
    // The trigger's download, and the upsert of its endpoint, went out as Move wants them.
    expect(sim.auditRequests({ since })).toEqual([]);
    expect(transfersSince(since).filter((r) => r.kind === 'download')).toHaveLength(1);

    // Anything not signed with the endpoint's secret is refused and starts nothing.
    const before = readdirSync(outDir).length;
    const forged = await signWebhook(JSON.parse(delivery.body), 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const refused = await fetch(endpoint.url, { method: 'POST', headers: forged.headers, body: forged.body });
    expect(refused.status).toBe(401);
    const unsigned = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: delivery.body,
    });
    expect(unsigned.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(readdirSync(outDir)).toHaveLength(before);
  });

  it('shows both nodes with their icons, the action node also as an AI tool', async () => {
    const types = (await (await fetch(`${running.url}/types/nodes.json`, { headers: { cookie } })).json()) as {
      name: string;
      iconUrl?: { light: string; dark: string };
    }[];
    const ours = types.filter((type) => type.name.startsWith('n8n-nodes-move-ugc.'));
    expect(ours.map((type) => type.name).sort()).toEqual([
      'n8n-nodes-move-ugc.moveUgc',
      'n8n-nodes-move-ugc.moveUgcTool',
      'n8n-nodes-move-ugc.moveUgcTrigger',
    ]);
    for (const type of ours) {
      for (const url of [type.iconUrl!.light, type.iconUrl!.dark]) {
        const icon = await fetch(`${running.url}/${url}`);
        expect(icon.status, url).toBe(200);
        expect(await icon.text()).toContain('<svg');
      }
    }
  });

  it("answers the credential's Test button: OK for the key, a hint for a wrong one", async () => {
    const test = async (apiKey: string) => {
      const response = await fetch(`${running.url}/rest/credentials/test`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({
          credentials: {
            id: CREDENTIAL.id,
            name: CREDENTIAL.name,
            type: 'moveUgcApi',
            data: { apiKey, endpoint: server.endpoint },
          },
        }),
      });
      return ((await response.json()) as { data: { status: string; message: string } }).data;
    };
    expect(await test(DEFAULT_API_KEY)).toEqual({ status: 'OK', message: 'Connection successful!' });
    expect(await test('wrong_key_wrong_key')).toEqual({
      status: 'Error',
      message: expect.stringMatching(/^Move rejected the API key/),
    });
  });
});

function transfersSince(since: number) {
  return sim.requests.filter((r) => r.seq > since && (r.kind === 'upload' || r.kind === 'download'));
}

/**
 * Nothing that n8n sent since `since` would be refused by Move or S3 (see sim.auditRequests), and
 * it made the transfers expected; returns the uploads.
 */
function expectCleanRequests(since: number, expected: { uploads: number; downloads: number }) {
  expect(sim.auditRequests({ since })).toEqual([]);
  const transfers = transfersSince(since);
  const uploads = transfers.filter((r) => r.kind === 'upload');
  expect(uploads.map((r) => r.status)).toEqual(Array(expected.uploads).fill(200));
  expect(transfers.filter((r) => r.kind === 'download' && r.status === 200)).toHaveLength(expected.downloads);
  const graphql = sim.requests.filter((r) => r.seq > since && r.kind === 'graphql');
  expect(graphql.length).toBeGreaterThan(0);
  // n8n's own mark on its requests: proof that these came through its helper, not ours.
  for (const record of [...graphql, ...transfers]) expect(record.headers['user-agent']).toMatch(/n8n/);
  return uploads;
}

async function until<T>(probe: () => T | undefined, timeoutMs: number, log?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms.${log ? `\nn8n log:\n${log().slice(-4000)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
