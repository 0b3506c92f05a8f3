import type { OutputType, SourceFormat } from './catalog';
import type { Run } from './lifecycle';

// All state of a simulator: plain records in maps, owned by one client each. Times are epoch ms;
// `seq` orders records created within the same millisecond (a fake clock makes that common).

/** Move answers `metadata` with a JSON string even where none was ever set (its SDK's models need one). */
export const NO_METADATA = '{}';

export interface ClientRecord {
  id: string;
  apiKey: string;
  name: string;
  created: number;
  metadata: string;
}

export interface UploadRecord {
  size: number;
  md5: string;
  path: string;
  /** The first bytes, kept so a job can tell a real video from anything else without disk reads. */
  head: Uint8Array;
  at: number;
}

interface Owned {
  id: string;
  clientId: string;
  created: number;
  seq: number;
  name: string | null;
  metadata: string;
}

export interface FileRecord extends Owned {
  type: string;
  /** Set once bytes were PUT (source files only). */
  upload: UploadRecord | null;
  /** Set on files a job or volume produced. */
  output: OutputRef | null;
}

export interface OutputRef {
  /** The job or volume that produced it. */
  ownerId: string;
  outputType: OutputType;
  format: string;
  /** The simulator's `outputBytes` when it was made; what a download gives is `outputContent(...)`. */
  size: number;
}

export interface SourceRecord {
  deviceLabel: string;
  fileId: string;
  format: SourceFormat;
  lens: string | null;
}

export interface SyncMethodRecord {
  clapWindow: { startTime: number; endTime: number } | null;
  timecodeSync: { useTimecode: boolean } | null;
}

export interface ClipWindow {
  startTime: number;
  endTime: number;
}

export interface TakeRecord extends Owned {
  takeType: 'SINGLE_CAM' | 'MULTI_CAM';
  sources: SourceRecord[];
  syncMethod: SyncMethodRecord | null;
  volumeId: string | null;
}

export interface JobOptions {
  floorPlane?: boolean | null;
  mocapModel?: string | null;
  trackBall?: boolean | null;
  trackFingers?: boolean | null;
  trackJerseyNumbers?: boolean | null;
}

export interface JobRecord extends Owned {
  takeId: string;
  takeType: 'SINGLE_CAM' | 'MULTI_CAM';
  /** Output file ids, in the order the outputs were asked for. */
  outputFileIds: string[];
  options: JobOptions | null;
  clipWindow: ClipWindow | null;
  numberOfActors: number | null;
  rig: string | null;
  run: Run;
  /** How far the simulator has noticed the job's life (webhook events go out once per step). */
  noticed: 'none' | 'started' | 'ended';
}

export interface VolumeRecord extends Owned {
  sources: SourceRecord[];
  areaType: 'NORMAL' | 'LARGE';
  humanHeight: number;
  syncMethod: SyncMethodRecord | null;
  clipWindow: ClipWindow | null;
  outputFileIds: string[];
  run: Run;
}

export interface WebhookEndpointRecord {
  uid: string;
  clientId: string;
  url: string;
  events: string[];
  description: string | null;
  metadata: string;
  secret: string;
  created: number;
}

export class Store {
  readonly clients = new Map<string, ClientRecord>();
  readonly files = new Map<string, FileRecord>();
  readonly takes = new Map<string, TakeRecord>();
  readonly jobs = new Map<string, JobRecord>();
  readonly volumes = new Map<string, VolumeRecord>();
  /** Keyed by `${clientId} ${uid}`: uids are per client. */
  readonly webhookEndpoints = new Map<string, WebhookEndpointRecord>();
  private seq = 0;

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  clientByKey(apiKey: string): ClientRecord | undefined {
    for (const client of this.clients.values()) if (client.apiKey === apiKey) return client;
    return undefined;
  }

  /** A record of `map` that belongs to `clientId`: another client's objects do not exist for it. */
  owned<T extends { clientId: string }>(map: Map<string, T>, id: string, clientId: string): T | undefined {
    const record = map.get(id);
    return record && record.clientId === clientId ? record : undefined;
  }

  endpointsOf(clientId: string): WebhookEndpointRecord[] {
    return [...this.webhookEndpoints.values()].filter((endpoint) => endpoint.clientId === clientId);
  }

  /** Drops every object but the clients. */
  clear(): void {
    this.files.clear();
    this.takes.clear();
    this.jobs.clear();
    this.volumes.clear();
    this.webhookEndpoints.clear();
  }
}
