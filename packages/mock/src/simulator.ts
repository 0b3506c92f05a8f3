import type { OutputType } from './catalog';
import { Engine } from './engine';
import type { FaultPlan, ScheduledFault } from './faults';
import type { SimRequest, SimResponse } from './http';
import { isoTime } from './ids';
import { type Run, type RunState, runStatus } from './lifecycle';
import type { SimulatorOptions } from './options';
import { outputContent } from './output-bytes';
import { type AuditOptions, auditRequests } from './request-audit';
import type { RequestRecord } from './request-log';
import { handleRequest } from './router';
import type { ClipWindow, FileRecord, JobOptions, SourceRecord, SyncMethodRecord } from './store';
import type { WebhookDelivery } from './webhooks';

// The public face of the engine: control (faults, failures, reset) and inspection for tests.

export interface ClientInfo {
  id: string;
  apiKey: string;
  name: string;
  metadata: string;
}

export interface OutputInfo {
  fileId: string;
  outputType: OutputType;
  format: string;
  /** Bytes a download gives (MAIN_GLB and RENDER_VIDEO have sizes of their own; see outputBytes). */
  size: number;
  /** Whether its presigned URL is out (FINISHED + outputDelayMs). */
  ready: boolean;
}

export interface FileInfo {
  id: string;
  clientId: string;
  created: string;
  name: string | null;
  metadata: string;
  type: string;
  /** Bytes stored by the last successful PUT; null before any. */
  storedBytes: number | null;
  md5: string | null;
  /** Set for files a job or volume produced. */
  output: (OutputInfo & { ownerId: string }) | null;
}

export interface TakeInfo {
  id: string;
  clientId: string;
  created: string;
  name: string | null;
  metadata: string;
  takeType: 'SINGLE_CAM' | 'MULTI_CAM';
  sources: SourceRecord[];
  syncMethod: SyncMethodRecord | null;
  volumeId: string | null;
}

interface RunInfo {
  state: RunState;
  percentageComplete: number;
  /** Why it fails or failed (inspection only: the API has no field for it). */
  failureReason: string | null;
  outputs: OutputInfo[];
}

export interface JobInfo extends RunInfo {
  id: string;
  clientId: string;
  takeId: string;
  takeType: 'SINGLE_CAM' | 'MULTI_CAM';
  created: string;
  name: string | null;
  metadata: string;
  options: JobOptions | null;
  clipWindow: ClipWindow | null;
  numberOfActors: number | null;
  rig: string | null;
}

export interface VolumeInfo extends RunInfo {
  id: string;
  clientId: string;
  created: string;
  name: string | null;
  metadata: string;
  areaType: 'NORMAL' | 'LARGE';
  humanHeight: number;
  sources: SourceRecord[];
}

export interface WebhookEndpointInfo {
  uid: string;
  clientId: string;
  url: string;
  events: string[];
  description: string | null;
  metadata: string;
  secret: string;
}

export class Simulator {
  readonly #engine: Engine;

  constructor(options: SimulatorOptions = {}) {
    this.#engine = new Engine(options);
  }

  /** The seed of ids and fault draws: pass it back as `seed` to replay a run. */
  get seed(): number {
    return this.#engine.seed;
  }

  get baseUrl(): string {
    return this.#engine.baseUrl;
  }

  /** `${baseUrl}/graphql`. */
  get endpoint(): string {
    return `${this.#engine.baseUrl}/graphql`;
  }

  get apiKeys(): readonly string[] {
    return this.#engine.options.apiKeys;
  }

  /** Every request seen (latest 10 000), oldest first. Test-only data: never print variables. */
  get requests(): readonly RequestRecord[] {
    return this.#engine.log.all;
  }

  /**
   * What the requests so far did that Move or its S3 could hold against a client (an upload with a
   * Content-Type or without its exact Content-Length, a GraphQL POST with a Bearer key, a Range on a
   * fresh download, ...), one line each; empty when there is nothing. Meant for the HTTP server:
   * through msw, fetch's own Content-Length is not visible.
   */
  auditRequests(options?: AuditOptions): string[] {
    return auditRequests(this.#engine.log.all, (fileId) => this.storedBytes(fileId), options);
  }

  /** Moves the simulator to another origin (URLs minted earlier keep their old origin). */
  setBaseUrl(url: string): void {
    this.#engine.setBaseUrl(url);
  }

  /** Used by startServer: adopts the server's origin unless `baseUrl` was given explicitly. */
  adoptOrigin(origin: string): void {
    if (!this.#engine.options.baseUrlExplicit) this.#engine.setBaseUrl(origin);
  }

  /** The request-handling core, for custom adapters: msw and the HTTP server both call this. */
  handle(request: SimRequest): Promise<SimResponse> {
    return handleRequest(this.#engine, request);
  }

  setFaults(plan: FaultPlan): void {
    this.#engine.faults.set(plan);
  }

  clearFaults(): void {
    this.#engine.faults.clear();
  }

  /** Scheduled faults that have not fired yet. */
  pendingFaults(): ScheduledFault[] {
    return this.#engine.faults.pending();
  }

  /** Ends a job as FAILED now (a no-op when it already FAILED; throws when it already FINISHED). */
  failJob(jobId: string, reason = 'Failed by the test (sim.failJob).'): void {
    this.#engine.failJob(jobId, reason);
  }

  /** GraphQL requests received for an operation (operationName or root field, any case), faulted ones included. */
  countOperations(name: string): number {
    return this.#engine.log.count(name);
  }

  /** Bytes stored for a file by its last successful upload; undefined when none. */
  storedBytes(fileId: string): number | undefined {
    return this.#engine.store.files.get(fileId)?.upload?.size;
  }

  clients(): ClientInfo[] {
    return [...this.#engine.store.clients.values()].map(({ id, apiKey, name, metadata }) => ({
      id,
      apiKey,
      name,
      metadata,
    }));
  }

  files(): FileInfo[] {
    const now = this.#engine.now();
    return [...this.#engine.store.files.values()].map((file) => ({
      id: file.id,
      clientId: file.clientId,
      created: isoTime(file.created),
      name: file.name,
      metadata: file.metadata,
      type: file.type,
      storedBytes: file.upload?.size ?? null,
      md5: file.upload?.md5 ?? null,
      output: file.output ? { ownerId: file.output.ownerId, ...this.#outputInfo(file, now) } : null,
    }));
  }

  takes(): TakeInfo[] {
    return [...this.#engine.store.takes.values()].map((take) => ({
      id: take.id,
      clientId: take.clientId,
      created: isoTime(take.created),
      name: take.name,
      metadata: take.metadata,
      takeType: take.takeType,
      sources: take.sources.map((source) => ({ ...source })),
      syncMethod: take.syncMethod,
      volumeId: take.volumeId,
    }));
  }

  jobs(): JobInfo[] {
    const now = this.#engine.now();
    return [...this.#engine.store.jobs.values()].map((job) => ({
      id: job.id,
      clientId: job.clientId,
      takeId: job.takeId,
      takeType: job.takeType,
      created: isoTime(job.created),
      name: job.name,
      metadata: job.metadata,
      options: job.options,
      clipWindow: job.clipWindow,
      numberOfActors: job.numberOfActors,
      rig: job.rig,
      ...this.#runInfo(job.run, job.outputFileIds, now),
    }));
  }

  volumes(): VolumeInfo[] {
    const now = this.#engine.now();
    return [...this.#engine.store.volumes.values()].map((volume) => ({
      id: volume.id,
      clientId: volume.clientId,
      created: isoTime(volume.created),
      name: volume.name,
      metadata: volume.metadata,
      areaType: volume.areaType,
      humanHeight: volume.humanHeight,
      sources: volume.sources.map((source) => ({ ...source })),
      ...this.#runInfo(volume.run, volume.outputFileIds, now),
    }));
  }

  webhookEndpoints(): WebhookEndpointInfo[] {
    return [...this.#engine.store.webhookEndpoints.values()].map(
      ({ uid, clientId, url, events, description, metadata, secret }) => ({
        uid,
        clientId,
        url,
        events: [...events],
        description,
        metadata,
        secret,
      }),
    );
  }

  /** Webhook deliveries queued so far, with each attempt. */
  webhookDeliveries(): readonly WebhookDelivery[] {
    return this.#engine.webhooks.deliveries;
  }

  /** Notices job transitions now and waits until every webhook delivery has ended (retries included). */
  async flushWebhooks(): Promise<void> {
    this.#engine.noticeTransitions();
    await this.#engine.webhooks.flush();
  }

  /** Forgets all objects, requests and stored bytes (clients, options and the fault plan stay). */
  reset(): Promise<void> {
    return this.#engine.reset();
  }

  /** Stops the webhook ticker and retries, ends stalled requests and removes stored bytes. */
  close(): Promise<void> {
    return this.#engine.close();
  }

  #outputInfo(file: FileRecord, now: number): OutputInfo {
    const output = file.output!;
    return {
      fileId: file.id,
      outputType: output.outputType,
      format: output.format,
      size: outputContent(output.ownerId, output.format, output.size).size,
      ready: this.#engine.outputReady(file, now),
    };
  }

  #runInfo(run: Run, fileIds: string[], now: number): RunInfo {
    const status = runStatus(run, now);
    const outputs = fileIds.flatMap((id) => {
      const file = this.#engine.store.files.get(id);
      return file?.output ? [this.#outputInfo(file, now)] : [];
    });
    return { ...status, failureReason: run.outcome === 'FAILED' ? run.failureReason : null, outputs };
  }
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  return new Simulator(options);
}
