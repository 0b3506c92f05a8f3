// The trigger's webhook lifecycle (register, check, retire) and its delivery handling, with
// deliveries signed like Move's (Svix) and, in the last test, sent by the simulator itself.
import { createHash } from 'node:crypto';
import { outputChecksum, sampleVideo } from '@move-ugc/mock';
import { signWebhook } from '@move-ugc/sdk';
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { MoveUgcTrigger } from '../nodes/MoveUgcTrigger/MoveUgcTrigger.node';
import { hookContext, videoInput, webhookContext } from './helpers/n8n-context';
import { runNode } from './helpers/run-node';
import { useSimulator } from './helpers/simulator';

const trigger = new MoveUgcTrigger();
const properties = trigger.description.properties;
const hooks = trigger.webhookMethods.default;
const WEBHOOK_URL = 'https://n8n.example.com/webhook/5f0c/webhook';

const deliveries: { status: number; body: unknown; data?: IWebhookResponseData }[] = [];
let receiverStaticData: IDataObject = {};
let receiverParameters: Record<string, unknown> = {};

// The simulator's webhook deliveries go straight into the trigger's webhook().
const { sim } = useSimulator({
  webhookRetryDelaysMs: [],
  fetch: async (_url, init) => {
    const harness = webhookContext({
      properties,
      parameters: receiverParameters,
      staticData: receiverStaticData,
      body: String(init?.body),
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
    });
    const data = await trigger.webhook.call(harness.context);
    const status = harness.response.status ?? 200;
    deliveries.push({ status, body: harness.response.body, data });
    return new Response(null, { status });
  },
});

function payload(jobId: string, eventName = 'ugc.job.state.completed') {
  return {
    event_name: eventName,
    timestamp: '2025-05-01T10:00:00Z',
    detail: {
      client_id: 'client-1',
      event_name: eventName,
      event_attributes: {
        job: { id: jobId, created: '2025-05-01T09:58:00Z', metadata: JSON.stringify({ shot: 4 }) },
        take: { id: 'take-1' },
      },
    },
  };
}

async function registered(parameters: Record<string, unknown> = {}) {
  const hook = hookContext({ properties, parameters, webhookUrl: WEBHOOK_URL });
  expect(await hooks.checkExists.call(hook.context)).toBe(false);
  expect(await hooks.create.call(hook.context)).toBe(true);
  return hook;
}

async function deliver(
  staticData: IDataObject,
  signed: { body: string; headers: Record<string, string> },
  parameters: Record<string, unknown> = {},
) {
  const harness = webhookContext({ properties, parameters, staticData, body: signed.body, headers: signed.headers });
  const data = await trigger.webhook.call(harness.context);
  return { ...harness, data };
}

function storedSecret(staticData: IDataObject): string {
  return Object.values(staticData.endpoints as Record<string, { secret: string }>)[0]!.secret;
}

describe('Move UGC Trigger: registration', () => {
  it('registers the webhook URL with Move on activation, with a secret of its own', async () => {
    const hook = await registered();
    const [endpoint] = sim.webhookEndpoints();
    expect(endpoint).toMatchObject({ url: WEBHOOK_URL, events: ['ugc.job.state.completed', 'ugc.job.state.failed'] });
    expect(endpoint!.uid).toMatch(/^n8n-[0-9a-f]{32}$/);
    expect(endpoint!.description).toMatch(/Mocap inbox.*Move UGC Trigger/);
    expect(endpoint!.secret).toBe(storedSecret(hook.staticData));
    expect(await hooks.checkExists.call(hook.context)).toBe(true);
  });

  it('registers again when the events change, keeping the secret', async () => {
    const hook = await registered();
    const secret = storedSecret(hook.staticData);
    const changed = hookContext({
      properties,
      parameters: { events: ['ugc.job.state.failed'] },
      webhookUrl: WEBHOOK_URL,
      staticData: hook.staticData,
    });
    expect(await hooks.checkExists.call(changed.context)).toBe(false);
    await hooks.create.call(changed.context);
    expect(sim.webhookEndpoints()).toHaveLength(1);
    expect(sim.webhookEndpoints()[0]).toMatchObject({ events: ['ugc.job.state.failed'], secret });
  });

  it('keeps test and production URLs apart', async () => {
    const production = await registered();
    const test = hookContext({
      properties,
      parameters: {},
      webhookUrl: WEBHOOK_URL.replace('/webhook/', '/webhook-test/'),
      staticData: production.staticData,
    });
    await hooks.create.call(test.context);
    expect(
      sim
        .webhookEndpoints()
        .map((e) => e.url)
        .sort(),
    ).toEqual([WEBHOOK_URL.replace('/webhook/', '/webhook-test/'), WEBHOOK_URL]);
    expect(await hooks.checkExists.call(production.context)).toBe(true);
  });

  it('retires the endpoint on deactivation (Move has no delete) and reuses it when activated again', async () => {
    const hook = await registered();
    const secret = storedSecret(hook.staticData);
    expect(await hooks.delete.call(hook.context)).toBe(true);
    expect(await hooks.checkExists.call(hook.context)).toBe(false);
    await hooks.create.call(hook.context);
    expect(sim.webhookEndpoints()).toHaveLength(1);
    expect(storedSecret(hook.staticData)).toBe(secret);
  });

  it('fails activation with a credential hint when the key is wrong', async () => {
    const hook = hookContext({
      properties,
      parameters: {},
      webhookUrl: WEBHOOK_URL,
      credential: { apiKey: 'wrong_key_wrong_key' },
    });
    await expect(hooks.create.call(hook.context)).rejects.toThrow('Move rejected the API key');
    expect(hook.staticData.endpoints).toBeUndefined();
  });
});

describe('Move UGC Trigger: deliveries', () => {
  it('starts the workflow on a signed delivery', async () => {
    const hook = await registered();
    const signed = await signWebhook(payload('job-7'), storedSecret(hook.staticData), { id: 'msg_1' });
    const { data, response } = await deliver(hook.staticData, signed);
    expect(response.status).toBeUndefined();
    expect(data.workflowData?.[0]?.[0]?.json).toEqual({
      event: 'ugc.job.state.completed',
      state: 'FINISHED',
      jobId: 'job-7',
      takeId: 'take-1',
      jobCreated: '2025-05-01T09:58:00Z',
      jobMetadata: { shot: 4 },
      clientId: 'client-1',
      deliveryId: 'msg_1',
      timestamp: '2025-05-01T10:00:00Z',
    });
  });

  it('BI-97 rejects a tampered delivery with 401 and starts nothing', async () => {
    const hook = await registered();
    const signed = await signWebhook(payload('job-7'), storedSecret(hook.staticData));
    const tampered = { ...signed, body: signed.body.replace('job-7', 'job-8') };
    const { data, response, warnings } = await deliver(hook.staticData, tampered);
    expect(data).toEqual({ noWebhookResponse: true });
    expect(response).toMatchObject({ status: 401, body: { reason: 'bad-signature' } });
    expect(warnings[0]).toMatch(/refused a delivery \(bad-signature\)/);
  });

  it('BI-98 rejects deliveries signed with another secret, too old, or unsigned', async () => {
    const hook = await registered();
    const secret = storedSecret(hook.staticData);
    const other = await signWebhook(payload('job-7'), 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect((await deliver(hook.staticData, other)).response.status).toBe(401);
    const stale = await signWebhook(payload('job-7'), secret, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await deliver(hook.staticData, stale)).response.body).toMatchObject({ reason: 'stale' });
    const signed = await signWebhook(payload('job-7'), secret);
    const unsigned = { body: signed.body, headers: { 'content-type': 'application/json' } };
    expect((await deliver(hook.staticData, unsigned)).response.body).toMatchObject({ reason: 'missing-headers' });
    expect((await deliver({}, signed)).response.body).toMatchObject({ reason: 'bad-secret' });
  });

  it('acknowledges but ignores events that are not selected, and accepts the legacy completion name', async () => {
    const hook = await registered({ events: ['ugc.job.state.completed'] });
    const secret = storedSecret(hook.staticData);
    const failed = await deliver(hook.staticData, await signWebhook(payload('job-7', 'ugc.job.state.failed'), secret), {
      events: ['ugc.job.state.completed'],
    });
    expect(failed.data.workflowData).toBeUndefined();
    expect(failed.data.webhookResponse).toMatchObject({ received: true });
    const legacy = await deliver(hook.staticData, await signWebhook(payload('job-7', 'job.state.completed'), secret), {
      events: ['ugc.job.state.completed'],
    });
    expect(legacy.data.workflowData?.[0]?.[0]?.json.event).toBe('ugc.job.state.completed');
  });

  it('downloads the outputs of a completed job as binary data when asked, answering Move first', async () => {
    const processed = await runNode({
      parameters: {
        resource: 'video',
        operation: 'process',
        outputs: ['MAIN_FBX'],
        options: { downloadOutputs: false },
      },
      ...videoInput(sampleVideo()),
    });
    const jobId = processed.output[0]!.json.jobId as string;
    const hook = await registered();
    const signed = await signWebhook(payload(jobId), storedSecret(hook.staticData));
    const { data, response, store } = await deliver(hook.staticData, signed, { options: { downloadOutputs: true } });
    expect(response).toEqual({ status: 200, body: { received: true } });
    expect(data.noWebhookResponse).toBe(true);
    const [item] = data.workflowData![0]!;
    const binary = item!.binary!.fbx!;
    expect(binary.fileName).toBe(`${jobId}.fbx`);
    const output = sim.jobs()[0]!.outputs[0]!;
    expect(createHash('sha256').update(store.files.get(binary.id!)!.bytes).digest('hex')).toBe(
      outputChecksum(jobId, 'fbx', output.size),
    );
    expect((item!.json.outputs as { binaryProperty: string }[])[0]!.binaryProperty).toBe('fbx');
  });

  it('starts the workflow with the reason when the outputs cannot be downloaded', async () => {
    const hook = await registered();
    const signed = await signWebhook(
      payload('job-00000000-0000-0000-0000-000000000000'),
      storedSecret(hook.staticData),
    );
    const { data } = await deliver(hook.staticData, signed, { options: { downloadOutputs: true } });
    expect(data.workflowData![0]![0]!.json.downloadError).toBe('Move has no job with this ID');
  });

  it('verifies a delivery the simulator sends when a job finishes', async () => {
    const hook = await registered();
    receiverStaticData = hook.staticData;
    receiverParameters = {};
    deliveries.length = 0;
    const processed = await runNode({
      parameters: {
        resource: 'video',
        operation: 'process',
        outputs: ['MAIN_FBX'],
        options: { downloadOutputs: false },
      },
      ...videoInput(sampleVideo()),
    });
    await sim.flushWebhooks();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.status).toBe(200);
    expect(deliveries[0]!.data?.workflowData?.[0]?.[0]?.json).toMatchObject({
      jobId: processed.output[0]!.json.jobId,
      state: 'FINISHED',
    });
  });
});
