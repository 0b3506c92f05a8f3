import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MoveError, MoveValidationError, MoveWebhookError } from '../src/core/errors.ts';
import {
  generateWebhookSecret,
  type MoveWebhookPayload,
  signWebhook,
  verifyWebhook,
  type WebhookHeaders,
} from '../src/webhooks/index.ts';

// Reference signatures are built with node:crypto, independently of the code under test.
const KEY = randomBytes(32);
const SECRET_B64 = KEY.toString('base64');
const SECRET = `whsec_${SECRET_B64}`;
const OTHER_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const MSG_ID = 'msg_2a1b3c4d5e6f';
const TS = 1_750_000_000;
const NOW = () => TS * 1000;

const PAYLOAD: MoveWebhookPayload = {
  event_name: 'ugc.job.state.completed',
  timestamp: '2025-06-15T15:06:40Z',
  detail: {
    client_id: 'client-11111111-2222-3333-4444-555555555555',
    event_name: 'ugc.job.state.completed',
    event_attributes: {
      job: {
        id: 'job-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
        created: '2025-06-15T15:00:00Z',
        metadata: '{"orderId":"o-42","tags":["a","b"]}',
      },
      take: { id: 'take-99999999-8888-7777-6666-555555555555' },
    },
  },
};
const BODY = JSON.stringify(PAYLOAD);

function refSign(body: string | Buffer, opts: { id?: string; ts?: number; key?: Buffer } = {}): string {
  const mac = createHmac('sha256', opts.key ?? KEY);
  mac.update(`${opts.id ?? MSG_ID}.${opts.ts ?? TS}.`);
  mac.update(body);
  return mac.digest('base64');
}

function svixHeaders(body: string | Buffer, opts: { id?: string; ts?: number; key?: Buffer; signature?: string } = {}) {
  return {
    'svix-id': opts.id ?? MSG_ID,
    'svix-timestamp': String(opts.ts ?? TS),
    'svix-signature': opts.signature ?? `v1,${refSign(body, opts)}`,
  };
}

async function rejection(promise: Promise<unknown>, reason: MoveWebhookError['reason']): Promise<MoveWebhookError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected a MoveWebhookError (${reason}) but verification succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MoveWebhookError);
  expect(error).toBeInstanceOf(MoveError);
  expect((error as MoveWebhookError).reason).toBe(reason);
  expect((error as MoveWebhookError).name).toBe('MoveWebhookError');
  return error as MoveWebhookError;
}

describe('verifyWebhook: valid deliveries', () => {
  it('accepts a delivery signed independently with node:crypto and maps the event', async () => {
    const event = await verifyWebhook(BODY, svixHeaders(BODY), SECRET, { now: NOW });
    expect(event).toEqual({
      id: MSG_ID,
      eventName: 'ugc.job.state.completed',
      timestamp: '2025-06-15T15:06:40Z',
      clientId: 'client-11111111-2222-3333-4444-555555555555',
      jobId: 'job-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      jobCreated: '2025-06-15T15:00:00Z',
      jobMetadata: { orderId: 'o-42', tags: ['a', 'b'] },
      takeId: 'take-99999999-8888-7777-6666-555555555555',
      raw: PAYLOAD,
    });
  });

  it('accepts the body as a string, Uint8Array, Buffer and ArrayBuffer', async () => {
    const headers = svixHeaders(BODY);
    const bytes = new TextEncoder().encode(BODY);
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    for (const body of [BODY, bytes, Buffer.from(BODY), arrayBuffer]) {
      const event = await verifyWebhook(body, headers, SECRET, { now: NOW });
      expect(event.jobId).toBe(PAYLOAD.detail.event_attributes.job.id);
    }
  });

  it('uses only the bytes of a Uint8Array view, not its whole underlying buffer', async () => {
    const backing = new TextEncoder().encode(`xxxx${BODY}yyyy`);
    const view = backing.subarray(4, backing.length - 4);
    const event = await verifyWebhook(view, svixHeaders(BODY), SECRET, { now: NOW });
    expect(event.id).toBe(MSG_ID);
  });

  it('verifies non-ASCII bodies byte for byte', async () => {
    const body = JSON.stringify({ ...PAYLOAD, timestamp: 'héllo – 日本 🎬' });
    const headers = svixHeaders(body);
    expect((await verifyWebhook(body, headers, SECRET, { now: NOW })).timestamp).toBe('héllo – 日本 🎬');
    expect((await verifyWebhook(Buffer.from(body), headers, SECRET, { now: NOW })).timestamp).toBe('héllo – 日本 🎬');
  });

  it('accepts the secret with and without the whsec_ prefix', async () => {
    const headers = svixHeaders(BODY);
    await expect(verifyWebhook(BODY, headers, SECRET, { now: NOW })).resolves.toMatchObject({ id: MSG_ID });
    await expect(verifyWebhook(BODY, headers, SECRET_B64, { now: NOW })).resolves.toMatchObject({ id: MSG_ID });
  });

  it('accepts when only the second of several signatures matches', async () => {
    const wrong = createHmac('sha256', randomBytes(32)).update('x').digest('base64');
    const header = `v1,${wrong} v1,${refSign(BODY)}`;
    const event = await verifyWebhook(BODY, svixHeaders(BODY, { signature: header }), SECRET, { now: NOW });
    expect(event.id).toBe(MSG_ID);
  });

  it('accepts repeated signature headers joined by Node with ", "', async () => {
    const wrong = createHmac('sha256', randomBytes(32)).update('x').digest('base64');
    const header = `v1,${wrong}, v1,${refSign(BODY)}`;
    await expect(
      verifyWebhook(BODY, svixHeaders(BODY, { signature: header }), SECRET, { now: NOW }),
    ).resolves.toMatchObject({ id: MSG_ID });
  });

  it('accepts an array of secrets (rotation) when any one matches', async () => {
    const headers = svixHeaders(BODY);
    await expect(verifyWebhook(BODY, headers, [OTHER_SECRET, SECRET], { now: NOW })).resolves.toMatchObject({
      id: MSG_ID,
    });
    await expect(verifyWebhook(BODY, headers, [SECRET, OTHER_SECRET], { now: NOW })).resolves.toMatchObject({
      id: MSG_ID,
    });
    await rejection(verifyWebhook(BODY, headers, [OTHER_SECRET], { now: NOW }), 'bad-signature');
  });

  it('skips non-v1 entries, even when they carry the right MAC', async () => {
    const good = refSign(BODY);
    const onlyOther = svixHeaders(BODY, { signature: `v1a,${good} v2,${good}` });
    const error = await rejection(verifyWebhook(BODY, onlyOther, SECRET, { now: NOW }), 'bad-signature');
    expect(error.message).toContain('v1a');
    const mixed = svixHeaders(BODY, { signature: `v2,${good} v1a,garbage v1,${good}` });
    await expect(verifyWebhook(BODY, mixed, SECRET, { now: NOW })).resolves.toMatchObject({ id: MSG_ID });
  });

  it('accepts the webhook-* header names', async () => {
    const sig = refSign(BODY);
    const headers = { 'webhook-id': MSG_ID, 'webhook-timestamp': String(TS), 'webhook-signature': `v1,${sig}` };
    await expect(verifyWebhook(BODY, headers, SECRET, { now: NOW })).resolves.toMatchObject({ id: MSG_ID });
  });

  it('reads a Headers instance and a plain object with mixed-case names alike', async () => {
    const sig = `v1,${refSign(BODY)}`;
    const h = new Headers({ 'Svix-Id': MSG_ID, 'SVIX-TIMESTAMP': String(TS), 'svix-Signature': sig });
    await expect(verifyWebhook(BODY, h, SECRET, { now: NOW })).resolves.toMatchObject({ id: MSG_ID });
    const plain = { 'Svix-Id': MSG_ID, 'SVIX-TIMESTAMP': String(TS), 'svix-Signature': sig, 'Content-Type': undefined };
    await expect(verifyWebhook(BODY, plain, SECRET, { now: NOW })).resolves.toMatchObject({ id: MSG_ID });
  });

  it('takes the first value of a header given as an array', async () => {
    const headers: WebhookHeaders = {
      'svix-id': [MSG_ID, 'msg_other'],
      'svix-timestamp': [String(TS)],
      'svix-signature': [`v1,${refSign(BODY)}`, 'v1,AAAA'],
    };
    await expect(verifyWebhook(BODY, headers, SECRET, { now: NOW })).resolves.toMatchObject({ id: MSG_ID });
    const secondOnly: WebhookHeaders = { ...headers, 'svix-id': ['msg_other', MSG_ID] };
    await rejection(verifyWebhook(BODY, secondOnly, SECRET, { now: NOW }), 'bad-signature');
  });
});

describe('verifyWebhook: rejected deliveries', () => {
  it('BI-18 rejects a tampered body', async () => {
    const headers = svixHeaders(BODY);
    const tampered = BODY.replace('o-42', 'o-43');
    const error = await rejection(verifyWebhook(tampered, headers, SECRET, { now: NOW }), 'bad-signature');
    // The message names the likely causes in order.
    const m = error.message;
    expect(m).toMatch(/raw request body/);
    expect(m.indexOf('parsed and re-serialised')).toBeLessThan(m.indexOf('wrong secret'));
    expect(m.indexOf('wrong secret')).toBeLessThan(m.indexOf('proxy'));
  });

  it('rejects a re-serialised (pretty-printed) body', async () => {
    const headers = svixHeaders(BODY);
    await rejection(verifyWebhook(JSON.stringify(PAYLOAD, null, 2), headers, SECRET, { now: NOW }), 'bad-signature');
  });

  it('rejects a signature over a different id or timestamp', async () => {
    const sig = refSign(BODY);
    await rejection(
      verifyWebhook(BODY, { ...svixHeaders(BODY), 'svix-id': 'msg_other', 'svix-signature': `v1,${sig}` }, SECRET, {
        now: NOW,
      }),
      'bad-signature',
    );
    await rejection(
      verifyWebhook(BODY, { ...svixHeaders(BODY), 'svix-timestamp': String(TS + 1) }, SECRET, { now: NOW }),
      'bad-signature',
    );
  });

  it('BI-20 rejects the wrong secret, naming it as a likely cause', async () => {
    const error = await rejection(verifyWebhook(BODY, svixHeaders(BODY), OTHER_SECRET, { now: NOW }), 'bad-signature');
    expect(error.message).toMatch(/the wrong secret: one from another endpoint or environment/);
  });

  it('rejects a signature header with only malformed entries', async () => {
    for (const signature of ['v1,not*base64', 'garbage', 'v1,']) {
      await rejection(verifyWebhook(BODY, svixHeaders(BODY, { signature }), SECRET, { now: NOW }), 'bad-signature');
    }
  });

  it('rejects a truncated signature', async () => {
    const sig = refSign(BODY);
    const truncated = Buffer.from(sig, 'base64').subarray(0, 16).toString('base64');
    await rejection(
      verifyWebhook(BODY, svixHeaders(BODY, { signature: `v1,${truncated}` }), SECRET, { now: NOW }),
      'bad-signature',
    );
  });

  it.each([
    ['svix-id', 'webhook-id'],
    ['svix-timestamp', 'webhook-timestamp'],
    ['svix-signature', 'webhook-signature'],
  ])('BI-21 rejects a delivery without %s, naming it', async (name, twin) => {
    const headers: Record<string, string> = svixHeaders(BODY);
    delete headers[name];
    const error = await rejection(verifyWebhook(BODY, headers, SECRET, { now: NOW }), 'missing-headers');
    expect(error.message).toContain(name);
    expect(error.message).toContain(twin);
    for (const other of ['svix-id', 'svix-timestamp', 'svix-signature'].filter((n) => n !== name)) {
      expect(error.message).not.toContain(other);
    }
  });

  it('treats an empty header as missing and names every missing header', async () => {
    const headers = { ...svixHeaders(BODY), 'svix-id': '' };
    const error = await rejection(verifyWebhook(BODY, headers, SECRET, { now: NOW }), 'missing-headers');
    expect(error.message).toContain('svix-id');
    const none = await rejection(verifyWebhook(BODY, {}, SECRET, { now: NOW }), 'missing-headers');
    for (const name of ['svix-id', 'svix-timestamp', 'svix-signature']) expect(none.message).toContain(name);
  });

  it('rejects a timestamp header that is not unix seconds', async () => {
    const headers = { ...svixHeaders(BODY), 'svix-timestamp': '2025-06-15T15:06:40Z' };
    const error = await rejection(verifyWebhook(BODY, headers, SECRET, { now: NOW }), 'missing-headers');
    expect(error.message).toContain('svix-timestamp');
  });

  it('BI-19 accepts a timestamp exactly at the tolerance either way and rejects one second beyond', async () => {
    const headers = svixHeaders(BODY);
    const at = (offsetSeconds: number) => () => (TS + offsetSeconds) * 1000;
    await expect(verifyWebhook(BODY, headers, SECRET, { now: at(300) })).resolves.toMatchObject({ id: MSG_ID });
    await expect(verifyWebhook(BODY, headers, SECRET, { now: at(-300) })).resolves.toMatchObject({ id: MSG_ID });
    const stale = await rejection(verifyWebhook(BODY, headers, SECRET, { now: at(301) }), 'stale');
    expect(stale.message).toContain('301 s old, beyond the 300 s tolerance');
    expect(stale.message).toMatch(/replayed or long-delayed delivery, or this machine's clock is ahead of real time/);
    const future = await rejection(verifyWebhook(BODY, headers, SECRET, { now: at(-301) }), 'future');
    expect(future.message).toContain('301 s in the future');
  });

  it('BI-104 an old timestamp blames a replay or a clock that runs ahead, a future one a clock behind', async () => {
    const headers = svixHeaders(BODY);
    const at = (offsetSeconds: number) => () => (TS + offsetSeconds) * 1000;
    const stale = await rejection(verifyWebhook(BODY, headers, SECRET, { now: at(3600) }), 'stale');
    expect(stale.message).toContain("this machine's clock is ahead of real time");
    expect(stale.message).not.toMatch(/behind/);
    const future = await rejection(verifyWebhook(BODY, headers, SECRET, { now: at(-3600) }), 'future');
    expect(future.message).toContain("this machine's clock is most likely behind real time: sync it (NTP)");
    expect(future.message).not.toMatch(/ahead/);
  });

  it('BI-104 a timestamp in milliseconds is named as such, not blamed on the clock', async () => {
    // Signed by a sender that used Date.now(): the signature is valid, the units are not.
    const headers = svixHeaders(BODY, { ts: TS * 1000 });
    const error = await rejection(verifyWebhook(BODY, headers, SECRET, { now: NOW }), 'future');
    expect(error.message).toMatch(/^Webhook svix-timestamp looks like milliseconds; Move \(Svix\) sends unix seconds/);
    expect(error.message).not.toMatch(/clock/);
  });

  it('honours a custom tolerance, and Infinity disables the check', async () => {
    const headers = svixHeaders(BODY);
    const at = (offsetSeconds: number) => () => (TS + offsetSeconds) * 1000;
    await expect(verifyWebhook(BODY, headers, SECRET, { now: at(60), toleranceSeconds: 60 })).resolves.toMatchObject({
      id: MSG_ID,
    });
    await rejection(verifyWebhook(BODY, headers, SECRET, { now: at(61), toleranceSeconds: 60 }), 'stale');
    await rejection(verifyWebhook(BODY, headers, SECRET, { now: at(-1), toleranceSeconds: 0 }), 'future');
    await expect(
      verifyWebhook(BODY, headers, SECRET, { now: at(10 ** 8), toleranceSeconds: Number.POSITIVE_INFINITY }),
    ).resolves.toMatchObject({ id: MSG_ID });
    await expect(verifyWebhook(BODY, headers, SECRET, { toleranceSeconds: -1 })).rejects.toBeInstanceOf(
      MoveValidationError,
    );
  });

  it('uses the real clock by default (an old delivery is stale)', async () => {
    await rejection(verifyWebhook(BODY, svixHeaders(BODY), SECRET), 'stale');
  });

  it('reports a bad signature rather than staleness for a forged old message', async () => {
    await rejection(verifyWebhook(BODY, svixHeaders(BODY), OTHER_SECRET), 'bad-signature');
  });

  it.each([
    ['an object', PAYLOAD],
    ['an array', [PAYLOAD]],
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
  ])('rejects %s as the body with parsed-body, before any other check', async (_label, body) => {
    // Headers missing and the secret invalid too: parsed-body must still win.
    const error = await rejection(verifyWebhook(body as unknown as string, {}, '', { now: NOW }), 'parsed-body');
    expect(error.message).toMatch(/raw (request )?body/);
    expect(error.message).toContain('express.raw');
    expect(error.message).toContain('request.text()');
  });

  it('BI-22 rejects an empty, missing or non-base64 secret with bad-secret and says where to find it', async () => {
    const headers = svixHeaders(BODY);
    for (const secret of ['', '   ', 'whsec_', 'whsec_not base64!', 'not-base64-@@', [] as string[]]) {
      const error = await rejection(verifyWebhook(BODY, headers, secret, { now: NOW }), 'bad-secret');
      expect(error.message).toContain('upsertWebhookEndpoint');
      expect(error.message).toMatch(/first created/);
    }
    const undef = await rejection(
      verifyWebhook(BODY, headers, undefined as unknown as string, { now: NOW }),
      'bad-secret',
    );
    expect(undef.message).toContain('environment variable');
    const second = await rejection(verifyWebhook(BODY, headers, [SECRET, 'whsec_@@'], { now: NOW }), 'bad-secret');
    expect(second.message).toContain('#2');
  });

  it('BI-23 rejects a validly signed body that is not JSON', async () => {
    const body = '{"event_name": "ugc.job.state.completed",';
    const error = await rejection(verifyWebhook(body, svixHeaders(body), SECRET, { now: NOW }), 'bad-payload');
    expect(error.message).toMatch(/not JSON/);
  });

  it('rejects a validly signed body that is not valid UTF-8', async () => {
    const body = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    await rejection(verifyWebhook(body, svixHeaders(body), SECRET, { now: NOW }), 'bad-payload');
  });

  it('checks the signature before the payload (unsigned garbage is bad-signature)', async () => {
    await rejection(verifyWebhook('not json', svixHeaders(BODY), SECRET, { now: NOW }), 'bad-signature');
  });

  it.each([
    ['a JSON array', []],
    ['a JSON string', 'hello'],
    ['no detail', { event_name: 'ugc.job.state.completed' }],
    ['no event name', { detail: { event_attributes: { job: { id: 'job-1' } } } }],
    ['no job', { event_name: 'x', detail: { event_attributes: {} } }],
    ['a job without id', { event_name: 'x', detail: { event_attributes: { job: { created: 'y' } } } }],
    ['a non-object take', { event_name: 'x', detail: { event_attributes: { job: { id: 'job-1' }, take: 'take-1' } } }],
  ])('rejects a validly signed payload with %s as bad-payload', async (_label, payload) => {
    const body = JSON.stringify(payload);
    const error = await rejection(verifyWebhook(body, svixHeaders(body), SECRET, { now: NOW }), 'bad-payload');
    expect(error.message).toContain('not a Move job event');
  });
});

describe('verifyWebhook: error messages never leak the secret or the signature', () => {
  it('keeps every failure message free of secret and signature material', async () => {
    const signature = refSign(BODY);
    const forbidden = [SECRET, SECRET_B64, signature, SECRET_B64.slice(0, 16), signature.slice(0, 16)];
    const headers = svixHeaders(BODY);
    const failures: (() => Promise<unknown>)[] = [
      () => verifyWebhook(`${BODY} `, headers, SECRET, { now: NOW }),
      () => verifyWebhook(BODY, headers, OTHER_SECRET, { now: NOW }),
      () => verifyWebhook(BODY, headers, [OTHER_SECRET, `${SECRET}@`], { now: NOW }),
      () => verifyWebhook(BODY, headers, `${SECRET_B64}!!`, { now: NOW }),
      () => verifyWebhook(BODY, headers, SECRET, { now: () => (TS + 1000) * 1000 }),
      () => verifyWebhook(BODY, headers, SECRET, { now: () => (TS - 1000) * 1000 }),
      () => verifyWebhook(BODY, { ...headers, 'svix-id': undefined }, SECRET, { now: NOW }),
      () => verifyWebhook(BODY, { ...headers, 'svix-signature': `v2,${signature}` }, SECRET, { now: NOW }),
      () => verifyWebhook(BODY, { ...headers, 'svix-signature': `v1,${signature}!` }, SECRET, { now: NOW }),
      () => verifyWebhook(PAYLOAD as unknown as string, headers, SECRET, { now: NOW }),
    ];
    const messages: string[] = [];
    for (const failure of failures) {
      const error = await failure().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MoveWebhookError);
      const e = error as MoveWebhookError;
      messages.push(`${e.message} ${e.stack ?? ''} ${String(e.cause ?? '')}`);
    }
    for (const message of messages) {
      for (const secret of forbidden) expect(message).not.toContain(secret);
    }
  });
});

describe('event mapping', () => {
  async function eventFor(payload: unknown) {
    const body = JSON.stringify(payload);
    return verifyWebhook(body, svixHeaders(body), SECRET, { now: NOW });
  }
  const withJob = (job: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    ...PAYLOAD,
    ...extra,
    detail: { ...PAYLOAD.detail, event_attributes: { ...PAYLOAD.detail.event_attributes, job } },
  });

  it('parses metadata sent as a JSON string', async () => {
    expect((await eventFor(PAYLOAD)).jobMetadata).toEqual({ orderId: 'o-42', tags: ['a', 'b'] });
  });

  it('unwraps double-encoded metadata', async () => {
    const event = await eventFor(withJob({ id: 'job-1', metadata: JSON.stringify(JSON.stringify({ a: 1 })) }));
    expect(event.jobMetadata).toEqual({ a: 1 });
  });

  it('keeps metadata sent as an object as-is', async () => {
    expect((await eventFor(withJob({ id: 'job-1', metadata: { a: { b: 2 } } }))).jobMetadata).toEqual({ a: { b: 2 } });
  });

  it('gives null for absent, null or non-object metadata, keeping it in raw', async () => {
    expect((await eventFor(withJob({ id: 'job-1' }))).jobMetadata).toBeNull();
    expect((await eventFor(withJob({ id: 'job-1', metadata: null }))).jobMetadata).toBeNull();
    const notJson = await eventFor(withJob({ id: 'job-1', metadata: 'not json' }));
    expect(notJson.jobMetadata).toBeNull();
    expect(notJson.raw.detail.event_attributes.job.metadata).toBe('not json');
    expect((await eventFor(withJob({ id: 'job-1', metadata: '[1,2]' }))).jobMetadata).toBeNull();
  });

  it('maps a failed event without take, client or created to nulls', async () => {
    const payload = {
      event_name: 'ugc.job.state.failed',
      detail: { event_attributes: { job: { id: 'job-7' } } },
    };
    const event = await eventFor(payload);
    expect(event).toMatchObject({
      eventName: 'ugc.job.state.failed',
      jobId: 'job-7',
      timestamp: null,
      clientId: null,
      jobCreated: null,
      jobMetadata: null,
      takeId: null,
    });
    expect(event.raw).toEqual(payload);
  });

  it('falls back to detail.event_name and stringifies a numeric timestamp', async () => {
    const payload = {
      timestamp: 1750000000,
      detail: { event_name: 'job.state.started', event_attributes: { job: { id: 'job-8' }, take: { id: 'take-8' } } },
    };
    const event = await eventFor(payload);
    expect(event.eventName).toBe('job.state.started');
    expect(event.timestamp).toBe('1750000000');
    expect(event.takeId).toBe('take-8');
  });
});

describe('signWebhook', () => {
  it('round-trips through verifyWebhook with an object payload', async () => {
    const signed = await signWebhook(PAYLOAD, SECRET, { id: MSG_ID, timestamp: TS });
    expect(signed.body).toBe(BODY);
    const event = await verifyWebhook(signed.body, signed.headers, SECRET, { now: NOW });
    expect(event.raw).toEqual(PAYLOAD);
    expect(event.id).toBe(MSG_ID);
  });

  it('produces the same signature as an independent node:crypto HMAC', async () => {
    const signed = await signWebhook(BODY, SECRET, { id: MSG_ID, timestamp: TS });
    expect(signed.body).toBe(BODY);
    expect(signed.headers).toEqual({
      'content-type': 'application/json',
      'svix-id': MSG_ID,
      'svix-timestamp': String(TS),
      'svix-signature': `v1,${refSign(BODY)}`,
      'webhook-id': MSG_ID,
      'webhook-timestamp': String(TS),
      'webhook-signature': `v1,${refSign(BODY)}`,
    });
    // Same result without the whsec_ prefix.
    const bare = await signWebhook(BODY, SECRET_B64, { id: MSG_ID, timestamp: TS });
    expect(bare.headers['svix-signature']).toBe(signed.headers['svix-signature']);
  });

  it('verifies through a Headers instance built from its headers', async () => {
    const signed = await signWebhook(PAYLOAD, SECRET, { id: MSG_ID, timestamp: TS });
    await expect(verifyWebhook(signed.body, new Headers(signed.headers), SECRET, { now: NOW })).resolves.toMatchObject({
      jobId: PAYLOAD.detail.event_attributes.job.id,
    });
  });

  it('defaults to a random msg_ id and the current time', async () => {
    const before = Math.floor(Date.now() / 1000);
    const a = await signWebhook(PAYLOAD, SECRET);
    const b = await signWebhook(PAYLOAD, SECRET);
    const after = Math.floor(Date.now() / 1000);
    expect(a.headers['svix-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(a.headers['svix-id']).not.toBe(b.headers['svix-id']);
    const ts = Number(a.headers['svix-timestamp']);
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(after);
    await expect(verifyWebhook(a.body, a.headers, SECRET)).resolves.toMatchObject({ id: a.headers['svix-id'] });
  });

  it('rejects a bad secret and a millisecond timestamp', async () => {
    await rejection(signWebhook(PAYLOAD, 'whsec_@@'), 'bad-secret');
    await expect(signWebhook(PAYLOAD, SECRET, { timestamp: Date.now() })).rejects.toThrow(/milliseconds/);
    await expect(signWebhook(PAYLOAD, SECRET, { timestamp: 1.5 })).rejects.toBeInstanceOf(MoveValidationError);
  });
});

describe('generateWebhookSecret', () => {
  it('returns whsec_ + base64 of 24 random bytes that sign and verify', async () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    expect(generateWebhookSecret()).not.toBe(secret);
    const signed = await signWebhook(PAYLOAD, secret, { id: MSG_ID, timestamp: TS });
    const expected = refSign(signed.body, { key: Buffer.from(secret.slice(6), 'base64') });
    expect(signed.headers['svix-signature']).toBe(`v1,${expected}`);
    await expect(verifyWebhook(signed.body, signed.headers, secret, { now: NOW })).resolves.toMatchObject({
      id: MSG_ID,
    });
  });
});
