// Conformance with `standardwebhooks`, the reference implementation of the Standard Webhooks scheme
// that Svix (and so Move) signs with: each side must accept what the other signs, and both must refuse
// the same forgeries. standardwebhooks is a devDependency only; the SDK itself has no runtime one.
import { randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { MoveWebhookError } from '../src/core/errors.ts';
import {
  generateWebhookSecret,
  type MoveWebhookPayload,
  signWebhook,
  verifyWebhook,
  type WebhookHeaders,
} from '../src/webhooks/index.ts';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const OTHER_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const MSG_ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';

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
        // Non-ASCII on purpose: both sides must sign the UTF-8 bytes.
        metadata: '{"shot":"Café — señal ✓ 🎬"}',
      },
      take: { id: 'take-99999999-8888-7777-6666-555555555555' },
    },
  },
};
const BODY = JSON.stringify(PAYLOAD);

/** Unix seconds now: standardwebhooks checks its tolerance against the real clock. */
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A delivery signed by the reference implementation, under the Standard Webhooks header names. */
function referenceDelivery(
  body: string,
  opts: { secret?: string; id?: string; timestamp?: number } = {},
): Record<string, string> {
  const id = opts.id ?? MSG_ID;
  const timestamp = opts.timestamp ?? nowSeconds();
  const signature = new Webhook(opts.secret ?? SECRET).sign(id, new Date(timestamp * 1000), body);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
}

/** What the reference implementation says about a delivery: the parsed payload, or its error. */
function referenceVerify(body: string, headers: Record<string, string>, secret = SECRET): unknown {
  try {
    return new Webhook(secret).verify(body, headers);
  } catch (error) {
    return error;
  }
}

async function ourReason(promise: Promise<unknown>): Promise<MoveWebhookError['reason']> {
  const error = await promise.then(
    () => {
      throw new Error('expected verifyWebhook to refuse the delivery');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MoveWebhookError);
  return (error as MoveWebhookError).reason;
}

describe('standardwebhooks signs, verifyWebhook verifies', () => {
  it('accepts the reference signature under the webhook-* header names', async () => {
    const headers = referenceDelivery(BODY);
    const event = await verifyWebhook(BODY, headers, SECRET);
    expect(event.id).toBe(MSG_ID);
    expect(event.jobId).toBe('job-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');
    expect(event.jobMetadata).toEqual({ shot: 'Café — señal ✓ 🎬' });
    expect(event.raw).toEqual(PAYLOAD);
  });

  it('accepts it under the svix-* names, as a fetch Headers object and as raw bytes', async () => {
    const reference = referenceDelivery(BODY);
    const svix = {
      'svix-id': reference['webhook-id']!,
      'svix-timestamp': reference['webhook-timestamp']!,
      'svix-signature': reference['webhook-signature']!,
    };
    await expect(verifyWebhook(BODY, svix, SECRET)).resolves.toMatchObject({ id: MSG_ID });
    await expect(verifyWebhook(BODY, new Headers(reference), SECRET)).resolves.toMatchObject({ id: MSG_ID });
    await expect(verifyWebhook(Buffer.from(BODY), reference, SECRET)).resolves.toMatchObject({ id: MSG_ID });
  });

  it('accepts a secret given without its whsec_ prefix, as standardwebhooks does', async () => {
    const bare = SECRET.slice('whsec_'.length);
    await expect(verifyWebhook(BODY, referenceDelivery(BODY, { secret: bare }), SECRET)).resolves.toBeDefined();
    await expect(verifyWebhook(BODY, referenceDelivery(BODY), bare)).resolves.toBeDefined();
  });

  it('accepts a multi-signature header (secret rotation) when any entry matches', async () => {
    const headers = referenceDelivery(BODY);
    const retired = referenceDelivery(BODY, { secret: OTHER_SECRET, timestamp: Number(headers['webhook-timestamp']) });
    const rotated = {
      ...headers,
      'webhook-signature': `${retired['webhook-signature']} ${headers['webhook-signature']}`,
    };
    await expect(verifyWebhook(BODY, rotated, SECRET)).resolves.toMatchObject({ id: MSG_ID });
    expect(referenceVerify(BODY, rotated)).toEqual(PAYLOAD);
  });
});

describe('signWebhook signs, standardwebhooks verifies', () => {
  it('produces a delivery the reference implementation accepts', async () => {
    const signed = await signWebhook(PAYLOAD, SECRET, { id: MSG_ID });
    expect(signed.body).toBe(BODY);
    expect(referenceVerify(signed.body, signed.headers)).toEqual(PAYLOAD);
  });

  it('produces exactly the reference signature for the same id, timestamp and body', async () => {
    const timestamp = 1_750_000_000;
    const signed = await signWebhook(BODY, SECRET, { id: MSG_ID, timestamp });
    const reference = new Webhook(SECRET).sign(MSG_ID, new Date(timestamp * 1000), BODY);
    expect(signed.headers['webhook-signature']).toBe(reference);
    expect(signed.headers['svix-signature']).toBe(reference);
    expect(signed.headers['webhook-timestamp']).toBe(String(timestamp));
  });

  it('signs with a secret from generateWebhookSecret that the reference implementation can load', async () => {
    const secret = generateWebhookSecret();
    const signed = await signWebhook(PAYLOAD, secret);
    expect(referenceVerify(signed.body, signed.headers, secret)).toEqual(PAYLOAD);
  });
});

describe('both refuse the same forgeries', () => {
  it('a tampered body', async () => {
    const signed = await signWebhook(PAYLOAD, SECRET, { id: MSG_ID });
    const tampered = signed.body.replace('job-aaaaaaaa', 'job-zzzzzzzz');
    expect(tampered).not.toBe(signed.body);
    expect(referenceVerify(tampered, signed.headers)).toBeInstanceOf(WebhookVerificationError);
    expect(await ourReason(verifyWebhook(tampered, signed.headers, SECRET))).toBe('bad-signature');

    const reference = referenceDelivery(BODY);
    expect(referenceVerify(tampered, reference)).toBeInstanceOf(WebhookVerificationError);
    expect(await ourReason(verifyWebhook(tampered, reference, SECRET))).toBe('bad-signature');
  });

  it('a body re-serialised with different whitespace', async () => {
    const reference = referenceDelivery(BODY);
    const reformatted = JSON.stringify(PAYLOAD, null, 2);
    expect(referenceVerify(reformatted, reference)).toBeInstanceOf(WebhookVerificationError);
    expect(await ourReason(verifyWebhook(reformatted, reference, SECRET))).toBe('bad-signature');
  });

  it('the wrong secret', async () => {
    const ours = await signWebhook(PAYLOAD, OTHER_SECRET, { id: MSG_ID });
    expect(referenceVerify(ours.body, ours.headers, SECRET)).toBeInstanceOf(WebhookVerificationError);
    expect(await ourReason(verifyWebhook(ours.body, ours.headers, SECRET))).toBe('bad-signature');

    const reference = referenceDelivery(BODY, { secret: OTHER_SECRET });
    expect(referenceVerify(BODY, reference, SECRET)).toBeInstanceOf(WebhookVerificationError);
    expect(await ourReason(verifyWebhook(BODY, reference, SECRET))).toBe('bad-signature');
  });

  it('a tampered id or timestamp header', async () => {
    const signed = await signWebhook(PAYLOAD, SECRET, { id: MSG_ID });
    const ts = Number(signed.headers['webhook-timestamp']);
    const variants: Record<string, string>[] = [
      { ...signed.headers, 'svix-id': 'msg_other', 'webhook-id': 'msg_other' },
      { ...signed.headers, 'svix-timestamp': String(ts - 1), 'webhook-timestamp': String(ts - 1) },
    ];
    for (const headers of variants) {
      expect(referenceVerify(signed.body, headers)).toBeInstanceOf(WebhookVerificationError);
      expect(await ourReason(verifyWebhook(signed.body, headers as WebhookHeaders, SECRET))).toBe('bad-signature');
    }
  });

  it('a stale timestamp, beyond the shared 5-minute tolerance', async () => {
    const old = nowSeconds() - 10 * 60;
    const ours = await signWebhook(PAYLOAD, SECRET, { id: MSG_ID, timestamp: old });
    expect(referenceVerify(ours.body, ours.headers)).toBeInstanceOf(WebhookVerificationError);
    expect(await ourReason(verifyWebhook(ours.body, ours.headers, SECRET))).toBe('stale');

    const reference = referenceDelivery(BODY, { timestamp: old });
    expect(referenceVerify(BODY, reference)).toBeInstanceOf(WebhookVerificationError);
    expect(await ourReason(verifyWebhook(BODY, reference, SECRET))).toBe('stale');
  });

  it('a timestamp from the future, beyond the same tolerance', async () => {
    const ahead = nowSeconds() + 10 * 60;
    const ours = await signWebhook(PAYLOAD, SECRET, { id: MSG_ID, timestamp: ahead });
    expect(referenceVerify(ours.body, ours.headers)).toBeInstanceOf(WebhookVerificationError);
    expect(await ourReason(verifyWebhook(ours.body, ours.headers, SECRET))).toBe('future');

    const reference = referenceDelivery(BODY, { timestamp: ahead });
    expect(referenceVerify(BODY, reference)).toBeInstanceOf(WebhookVerificationError);
    expect(await ourReason(verifyWebhook(BODY, reference, SECRET))).toBe('future');
  });

  it('a signature of another version only', async () => {
    const signed = await signWebhook(PAYLOAD, SECRET, { id: MSG_ID });
    const v2 = signed.headers['webhook-signature']!.replace(/^v1,/, 'v2,');
    const headers = { ...signed.headers, 'svix-signature': v2, 'webhook-signature': v2 };
    expect(referenceVerify(signed.body, headers)).toBeInstanceOf(WebhookVerificationError);
    expect(await ourReason(verifyWebhook(signed.body, headers, SECRET))).toBe('bad-signature');
  });
});
