import { randomBytes } from 'node:crypto';
import { FaultInjector } from './faults';
import { type IdPrefix, isoTime, newId } from './ids';
import { failRun, isTerminal, outputsReady, type Run, runStatus } from './lifecycle';
import { type ResolvedOptions, resolveOptions, type SimulatorOptions, trimBaseUrl } from './options';
import { Paginator } from './pagination';
import { Presigner } from './presign';
import { createRandom, type Random, randomSeed } from './random';
import { RequestLog } from './request-log';
import { Storage } from './storage';
import { type FileRecord, type JobRecord, NO_METADATA, Store } from './store';
import { WebhookDispatcher } from './webhooks';

// The state and the rules every face shares: resolvers, transfers and the router all work on this.

export class Engine {
  readonly options: ResolvedOptions;
  readonly seed: number;
  readonly store = new Store();
  readonly log: RequestLog;
  readonly faults: FaultInjector;
  readonly presigner: Presigner;
  readonly paginator = new Paginator(randomBytes(32));
  readonly storage: Storage;
  readonly webhooks: WebhookDispatcher;
  baseUrl: string;
  /** Jobs whose end has not been noticed yet: the only ones a transition scan looks at. */
  private readonly openJobs = new Set<string>();
  private ids: Random;
  private closing = new AbortController();

  constructor(options: SimulatorOptions) {
    this.options = resolveOptions(options);
    this.log = new RequestLog(this.options.requestLogLimit);
    this.seed = options.seed ?? randomSeed();
    const random = createRandom(this.seed);
    this.ids = random.fork('ids');
    this.faults = new FaultInjector(random.fork('faults'));
    this.faults.set(this.options.faults);
    this.baseUrl = this.options.baseUrl;
    this.presigner = new Presigner(randomBytes(32), () => this.now());
    this.storage = new Storage(this.options.storageDir);
    this.webhooks = new WebhookDispatcher({
      fetch: this.options.fetch,
      now: () => this.now(),
      retryDelaysMs: this.options.webhookRetryDelaysMs,
      timeoutMs: this.options.webhookTimeoutMs,
      onAttempt: (delivery, attempt) => {
        const record = this.log.start({
          at: attempt.at,
          kind: 'webhook',
          method: 'POST',
          path: safePath(delivery.url),
        });
        record.status = attempt.status;
        record.performed = attempt.status !== null;
      },
    });
    this.createClients();
  }

  now(): number {
    return this.options.now();
  }

  /** Aborts when the simulator closes: stalled requests give up then. */
  get closingSignal(): AbortSignal {
    return this.closing.signal;
  }

  newId(prefix: IdPrefix): string {
    return newId(prefix, this.ids);
  }

  setBaseUrl(url: string): void {
    this.baseUrl = trimBaseUrl(url);
  }

  get basePath(): string {
    return new URL(this.baseUrl).pathname.replace(/\/$/, '');
  }

  private createClients(): void {
    this.options.apiKeys.forEach((apiKey, index) => {
      const id = this.newId('client');
      this.store.clients.set(id, {
        id,
        apiKey,
        name: `Mock client ${index + 1}`,
        created: this.now(),
        metadata: NO_METADATA,
      });
    });
  }

  /** The run (life) of a job or volume. */
  runOf(ownerId: string): Run | undefined {
    return (this.store.jobs.get(ownerId) ?? this.store.volumes.get(ownerId))?.run;
  }

  outputReady(file: FileRecord, now: number): boolean {
    const run = file.output && this.runOf(file.output.ownerId);
    return !!run && outputsReady(run, now, this.options.outputDelayMs);
  }

  /** The presigned URL `File.presignedUrl` shows: PUT before upload, GET after; outputs once ready. */
  fileUrl(file: FileRecord, now: number): string | null {
    const ttl = this.options.urlTtlMs;
    if (file.output) {
      if (!this.outputReady(file, now)) return null;
      return this.presigner.sign(this.baseUrl, `/outputs/${file.output.ownerId}/${file.id}`, 'GET', ttl);
    }
    return this.presigner.sign(this.baseUrl, `/uploads/${file.id}`, file.upload ? 'GET' : 'PUT', ttl);
  }

  addJob(job: JobRecord): void {
    this.store.jobs.set(job.id, job);
    this.openJobs.add(job.id);
  }

  /** Ends a job FAILED now; a no-op on a job that already FAILED. Throws on an unknown or FINISHED job. */
  failJob(jobId: string, reason: string): void {
    const job = this.store.jobs.get(jobId);
    if (!job) throw new Error(`No job ${jobId} in this simulator.`);
    if (failRun(job.run, this.now(), reason)) this.noticeTransitions();
    else if (job.run.outcome === 'FINISHED') throw new Error(`Job ${jobId} has already FINISHED.`);
  }

  /** Looks for jobs that started or ended since the last look and sends their webhook events. */
  noticeTransitions(): void {
    if (this.openJobs.size === 0) return;
    const now = this.now();
    for (const jobId of this.openJobs) {
      const job = this.store.jobs.get(jobId);
      if (!job) {
        this.openJobs.delete(jobId);
        continue;
      }
      const { state } = runStatus(job.run, now);
      if (state === 'NOT_STARTED') continue;
      if (job.noticed === 'none') {
        job.noticed = 'started';
        this.announce(job, 'job.state.started');
      }
      if (!isTerminal(state)) continue;
      job.noticed = 'ended';
      this.openJobs.delete(jobId);
      if (state === 'FINISHED') {
        this.announce(job, 'ugc.job.state.completed');
        this.announce(job, 'job.state.completed');
      } else {
        this.announce(job, 'ugc.job.state.failed');
      }
    }
  }

  private announce(job: JobRecord, eventName: string): void {
    const endpoints = this.store.endpointsOf(job.clientId).filter((endpoint) => endpoint.events.includes(eventName));
    if (endpoints.length === 0) return;
    const payload = {
      event_name: eventName,
      timestamp: isoTime(this.now()),
      detail: {
        client_id: job.clientId,
        event_name: eventName,
        event_attributes: {
          job: { id: job.id, created: isoTime(job.created), metadata: parseOrNull(job.metadata) },
          take: { id: job.takeId },
        },
      },
    };
    for (const endpoint of endpoints) this.webhooks.send(endpoint, eventName, job.id, payload);
  }

  /** Starts the webhook ticker (idempotent): called when an endpoint is registered. */
  watchForWebhooks(): void {
    this.webhooks.startTicker(this.options.webhookIntervalMs, () => this.noticeTransitions());
  }

  /** Forgets every object, recorded request and stored byte; keeps the clients, options and faults. */
  async reset(): Promise<void> {
    this.webhooks.clear();
    this.store.clear();
    this.openJobs.clear();
    this.log.clear();
    this.presigner.rotate(randomBytes(32));
    await this.storage.clear();
  }

  async close(): Promise<void> {
    this.closing.abort();
    this.closing = new AbortController();
    this.webhooks.close();
    await this.storage.clear();
  }
}

function parseOrNull(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** A URL without its query (which may carry credentials). */
function safePath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid url)';
  }
}
