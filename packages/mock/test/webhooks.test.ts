import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signWebhookPayload } from '../src/index';
import { createJob, createTake, data, FakeClock, useMswSimulator } from './helpers';

const simulator = useMswSimulator();

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let receiver: Server | undefined;

/** A real HTTP receiver on loopback that answers each POST with the next status of `statuses`. */
async function startReceiver(statuses: number[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses[received.length - 1] ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/move`, received };
}

afterEach(async () => {
  await new Promise((resolve) => receiver?.close(resolve) ?? resolve(undefined));
  receiver = undefined;
});

/** What a receiver must do: HMAC-SHA256 of `${id}.${timestamp}.${body}` with the base64 key after whsec_. */
function verify(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${headers['svix-id']}.${headers['svix-timestamp']}.${body}`)
    .digest();
  return String(headers['svix-signature'])
    .split(' ')
    .some((entry) => {
      const [version, signature] = entry.split(',');
      const given = Buffer.from(signature ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

const UPSERT = `mutation($url: String!, $events: [String!]) {
  upsertWebhookEndpoint(uid: "ci", url: $url, events: $events) { secret }
}`;

describe('webhooks', () => {
  it('delivers a signed completion event, retrying after a 500', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now, webhookRetryDelaysMs: [10, 10] });
    const { url, received } = await startReceiver([500, 200]);
    const { upsertWebhookEndpoint } = await data<{ upsertWebhookEndpoint: { secret: string } }>(sim.endpoint, UPSERT, {
      url,
      events: ['ugc.job.state.completed', 'ugc.job.state.failed'],
    });
    const { secret } = upsertWebhookEndpoint;
    const metadata = JSON.stringify({ clientToken: 'tok-1' });
    const takeId = await createTake(sim.endpoint);
    const jobId = await createJob(sim.endpoint, takeId, { metadata });

    await sim.flushWebhooks();
    expect(received).toHaveLength(0);
    clock.advance(1_000);
    await sim.flushWebhooks();

    expect(received).toHaveLength(2);
    const [first, second] = received as [Received, Received];
    expect(second.headers['svix-id']).toBe(first.headers['svix-id']);
    expect(String(first.headers['svix-id'])).toMatch(/^msg_/);
    expect(second.headers['svix-timestamp']).toBe(String(Math.floor(clock.ms / 1000)));
    expect(second.headers['webhook-signature']).toBe(second.headers['svix-signature']);
    expect(second.headers['webhook-id']).toBe(second.headers['svix-id']);
    expect(verify(secret, second.headers, second.body)).toBe(true);
    expect(verify(secret, second.headers, `${second.body} `)).toBe(false);
    expect(second.headers['svix-signature']).toBe(
      signWebhookPayload(
        secret,
        String(second.headers['svix-id']),
        String(second.headers['svix-timestamp']),
        second.body,
      ),
    );

    expect(JSON.parse(second.body)).toEqual({
      event_name: 'ugc.job.state.completed',
      timestamp: new Date(clock.ms).toISOString(),
      detail: {
        client_id: sim.clients()[0]?.id,
        event_name: 'ugc.job.state.completed',
        event_attributes: {
          job: { id: jobId, created: expect.any(String), metadata: { clientToken: 'tok-1' } },
          take: { id: takeId },
        },
      },
    });
    const [delivery] = sim.webhookDeliveries();
    expect(delivery).toMatchObject({ state: 'delivered', eventName: 'ugc.job.state.completed', jobId });
    expect(delivery?.attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(sim.requests.filter((r) => r.kind === 'webhook').map((r) => r.status)).toEqual([500, 200]);

    // Each event goes out once.
    clock.advance(1_000);
    await sim.flushWebhooks();
    expect(received).toHaveLength(2);
  });

  it('sends failed events only to endpoints that subscribe, and gives up after the last retry', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now, webhookRetryDelaysMs: [5] });
    const { url, received } = await startReceiver([503, 503, 503]);
    await data(sim.endpoint, UPSERT, { url, events: ['ugc.job.state.failed'] });
    const takeId = await createTake(sim.endpoint);
    const ok = await createJob(sim.endpoint, takeId);
    const failing = await createJob(sim.endpoint, takeId, { metadata: '{"mockFail":true}' });
    clock.advance(1_000);
    await sim.flushWebhooks();
    expect(received).toHaveLength(2);
    expect(received.every((r) => JSON.parse(r.body).event_name === 'ugc.job.state.failed')).toBe(true);
    expect(sim.webhookDeliveries().map((d) => [d.jobId, d.state])).toEqual([[failing, 'failed']]);
    expect(ok).not.toBe(failing);
  });

  it('notices transitions on its own while endpoints exist (real timers)', async () => {
    const sim = simulator({ jobDurationMs: 30, webhookIntervalMs: 10 });
    const { url, received } = await startReceiver([]);
    await data(sim.endpoint, UPSERT, { url, events: ['ugc.job.state.completed'] });
    await createJob(sim.endpoint, await createTake(sim.endpoint));
    const deadline = Date.now() + 3_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received).toHaveLength(1);
  });

  it('records a receiver that cannot be reached', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now, webhookRetryDelaysMs: [] });
    await data(sim.endpoint, UPSERT, { url: 'http://127.0.0.1:1/unreachable', events: ['ugc.job.state.completed'] });
    await createJob(sim.endpoint, await createTake(sim.endpoint));
    clock.advance(1_000);
    await sim.flushWebhooks();
    const [delivery] = sim.webhookDeliveries();
    expect(delivery?.state).toBe('failed');
    expect(delivery?.attempts[0]).toMatchObject({ status: null, error: expect.any(String) });
  });
});
