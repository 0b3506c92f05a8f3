import { createHmac, randomBytes } from 'node:crypto';
import { sleep } from './sleep';

// Svix-style deliveries: the simulator notices a job's end lazily (a light ticker while endpoints
// exist, and every request), then POSTs a signed event to each subscribed endpoint, retrying with
// backoff when the receiver fails or cannot be reached.

export const WEBHOOK_EVENTS = [
  'ugc.job.state.completed',
  'ugc.job.state.failed',
  'job.state.completed',
  'job.state.started',
] as const;

export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

/** `whsec_` and the base64 of 24 random bytes, as Svix issues them. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The secret's key bytes: base64 after the optional `whsec_` prefix. */
export function webhookSecretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/** One `svix-signature` entry: `v1,` + base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`. */
export function signWebhookPayload(secret: string, id: string, timestamp: number | string, body: string): string {
  const digest = createHmac('sha256', webhookSecretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${digest}`;
}

export interface WebhookAttempt {
  /** Simulator clock when sent, epoch ms. */
  at: number;
  /** The receiver's HTTP status; null when it could not be reached. */
  status: number | null;
  error: string | null;
}

export interface WebhookDelivery {
  /** The Svix message id (`svix-id`), the same on every attempt. */
  id: string;
  endpointUid: string;
  url: string;
  eventName: string;
  jobId: string;
  /** The raw JSON body sent. */
  body: string;
  attempts: WebhookAttempt[];
  state: 'pending' | 'delivered' | 'failed';
}

export interface WebhookTarget {
  uid: string;
  url: string;
  secret: string;
}

export interface DispatcherOptions {
  fetch: typeof fetch;
  now: () => number;
  retryDelaysMs: number[];
  timeoutMs: number;
  onAttempt: (delivery: WebhookDelivery, attempt: WebhookAttempt) => void;
}

export class WebhookDispatcher {
  private readonly list: WebhookDelivery[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private ticker: ReturnType<typeof setInterval> | undefined;
  private controller = new AbortController();
  private counter = 0;

  constructor(private readonly options: DispatcherOptions) {}

  get deliveries(): readonly WebhookDelivery[] {
    return this.list;
  }

  send(target: WebhookTarget, eventName: string, jobId: string, payload: unknown): void {
    this.counter += 1;
    const delivery: WebhookDelivery = {
      id: `msg_${randomBytes(12).toString('hex')}${this.counter}`,
      endpointUid: target.uid,
      url: target.url,
      eventName,
      jobId,
      body: JSON.stringify(payload),
      attempts: [],
      state: 'pending',
    };
    this.list.push(delivery);
    const run = this.deliver(delivery, target.secret).finally(() => this.inflight.delete(run));
    this.inflight.add(run);
  }

  /** Calls `tick` every `intervalMs` (unref'd: it never keeps a process alive) until close(). */
  startTicker(intervalMs: number, tick: () => void): void {
    if (this.ticker) return;
    this.ticker = setInterval(tick, intervalMs);
    this.ticker.unref?.();
  }

  /** Resolves once every queued delivery has succeeded or used up its retries. */
  async flush(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** Stops the ticker and abandons pending retries. */
  close(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    this.controller.abort();
    this.controller = new AbortController();
  }

  clear(): void {
    this.close();
    this.list.length = 0;
  }

  private async deliver(delivery: WebhookDelivery, secret: string): Promise<void> {
    const { signal } = this.controller;
    for (let attempt = 0; ; attempt++) {
      if (await this.attempt(delivery, secret, signal)) {
        delivery.state = 'delivered';
        return;
      }
      const delay = this.options.retryDelaysMs[attempt];
      if (delay === undefined || !(await sleep(delay, signal))) {
        delivery.state = 'failed';
        return;
      }
    }
  }

  private async attempt(delivery: WebhookDelivery, secret: string, signal: AbortSignal): Promise<boolean> {
    const at = this.options.now();
    const timestamp = String(Math.floor(at / 1000));
    const signature = signWebhookPayload(secret, delivery.id, timestamp, delivery.body);
    const record: WebhookAttempt = { at, status: null, error: null };
    try {
      const response = await this.options.fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Svix-Webhooks/1.0 (move-ugc-mock)',
          'svix-id': delivery.id,
          'svix-timestamp': timestamp,
          'svix-signature': signature,
          'webhook-id': delivery.id,
          'webhook-timestamp': timestamp,
          'webhook-signature': signature,
        },
        body: delivery.body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutMs)]),
      });
      record.status = response.status;
      // Read the (small) answer to the end: a cancelled body can pin a keep-alive connection when
      // the fetch is an msw-patched one passing the request through.
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
    delivery.attempts.push(record);
    this.options.onAttempt(delivery, record);
    return record.status !== null && record.status >= 200 && record.status < 300;
  }
}
