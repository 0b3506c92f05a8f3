import { createHash } from 'node:crypto';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, expect } from 'vitest';
import {
  createSimulator,
  DEFAULT_API_KEY,
  handlers,
  type Simulator,
  type SimulatorOptions,
  sampleVideo,
} from '../src/index';

/** A clock tests move by hand: job state is computed from it, so no test waits for real time. */
export class FakeClock {
  constructor(public ms = Date.UTC(2025, 4, 1, 12, 0, 0)) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface ErrorEntry {
  message: string;
  errorType?: string;
  errorInfo?: unknown;
  path?: (string | number)[] | null;
  data?: unknown;
  locations?: { line: number; column: number; sourceName?: null }[];
}

export interface GqlResult<T> {
  status: number;
  body: { data?: T | null; errors?: ErrorEntry[] };
}

export interface FileShape {
  id: string;
  type: string;
  name: string | null;
  metadata: string | null;
  presignedUrl: string | null;
  created: string;
}

export interface OutputShape {
  format: string;
  key: string;
  file: { id: string; type: string; presignedUrl: string | null };
}

export interface JobShape {
  id: string;
  created: string;
  state: string;
  metadata: string | null;
  progress: { state: string; percentageComplete: number };
  outputs: OutputShape[];
}

export interface PageShape<T> {
  first: number;
  after: string | null;
  items: T[];
}

export async function gql<T = Record<string, unknown>>(
  endpoint: string,
  query: string,
  variables: Record<string, unknown> = {},
  apiKey: string | null = DEFAULT_API_KEY,
): Promise<GqlResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (apiKey !== null) headers.authorization = apiKey;
  const response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as GqlResult<T>['body'] };
}

/** Like gql() but fails the test on any GraphQL error, returning `data`. */
export async function data<T = Record<string, unknown>>(
  endpoint: string,
  query: string,
  variables: Record<string, unknown> = {},
  apiKey: string = DEFAULT_API_KEY,
): Promise<T> {
  const result = await gql<T>(endpoint, query, variables, apiKey);
  if (result.status !== 200 || result.body.errors || !result.body.data) {
    throw new Error(`GraphQL failed (${result.status}): ${JSON.stringify(result.body)}`);
  }
  return result.body.data;
}

/** The errors of a call expected to fail. */
export async function errorsOf(endpoint: string, query: string, variables: Record<string, unknown> = {}) {
  const result = await gql(endpoint, query, variables);
  expect(result.status).toBe(200);
  expect(result.body.errors?.length).toBeGreaterThan(0);
  return result.body.errors ?? [];
}

export const CREATE_FILE = `mutation($type: String!, $name: String, $metadata: AWSJSON) {
  createFile(type: $type, name: $name, metadata: $metadata) { id type name metadata presignedUrl created }
}`;

export const CREATE_TAKE = `mutation($sources: [SourceInput!], $metadata: AWSJSON) {
  createSingleCamTake(sources: $sources, metadata: $metadata) { id takeType created sources { deviceLabel format file { id } } }
}`;

export const CREATE_JOB = `mutation($takeId: String!, $outputs: [OutputType], $metadata: AWSJSON, $clipWindow: ClipWindowInput) {
  createSingleCamJob(takeId: $takeId, outputs: $outputs, metadata: $metadata, clipWindow: $clipWindow) {
    id created metadata state progress { state percentageComplete }
  }
}`;

export const GET_JOB = `query($jobId: ID!) {
  getJob(jobId: $jobId) {
    id state metadata progress { state percentageComplete }
    outputs { format key file { id type presignedUrl } }
  }
}`;

export async function put(url: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'PUT', body, headers });
}

/** createFile + PUT: returns the file id. */
export async function uploadFile(
  endpoint: string,
  bytes: Uint8Array<ArrayBuffer>,
  type = 'mp4',
  apiKey = DEFAULT_API_KEY,
) {
  const { createFile } = await data<{ createFile: FileShape }>(endpoint, CREATE_FILE, { type }, apiKey);
  if (!createFile.presignedUrl) throw new Error('createFile gave no presignedUrl');
  const response = await put(createFile.presignedUrl, bytes);
  if (response.status !== 200) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  return createFile.id;
}

/** Upload a video (default: a valid MP4 header) + single-cam take: returns the take id. */
export async function createTake(
  endpoint: string,
  bytes: Uint8Array<ArrayBuffer> = sampleVideo('MP4'),
  format: 'MP4' | 'MOV' | 'AVI' = 'MP4',
  apiKey = DEFAULT_API_KEY,
) {
  const fileId = await uploadFile(endpoint, bytes, format.toLowerCase(), apiKey);
  const { createSingleCamTake } = await data<{ createSingleCamTake: { id: string } }>(
    endpoint,
    CREATE_TAKE,
    { sources: [{ deviceLabel: 'cam-1', fileId, format }] },
    apiKey,
  );
  return createSingleCamTake.id;
}

export async function createJob(endpoint: string, takeId: string, extra: Record<string, unknown> = {}) {
  const { createSingleCamJob } = await data<{ createSingleCamJob: JobShape }>(endpoint, CREATE_JOB, {
    takeId,
    ...extra,
  });
  return createSingleCamJob.id;
}

/** One msw server per test file; each test gets a fresh simulator through `useMswSimulator`. */
export function useMswSimulator() {
  const server = setupServer();
  server.listen({ onUnhandledRequest: 'bypass' });
  const sims: Simulator[] = [];
  afterEach(async () => {
    server.resetHandlers();
    await Promise.all(sims.splice(0).map((sim) => sim.close()));
  });
  afterAll(() => server.close());
  return (options: SimulatorOptions = {}): Simulator => {
    const sim = createSimulator({ seed: 1, ...options });
    sims.push(sim);
    server.use(...handlers(sim));
    return sim;
  };
}

export async function getJob(endpoint: string, jobId: string): Promise<JobShape> {
  return (await data<{ getJob: JobShape }>(endpoint, GET_JOB, { jobId })).getJob;
}

export function sha256(bytes: ArrayBuffer | Uint8Array): string {
  return createHash('sha256').update(new Uint8Array(bytes)).digest('hex');
}
