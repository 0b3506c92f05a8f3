// What the three soaks share, on top of the CLI's own test harness (the built binary as a real
// process, the simulator's HTTP server, the end-of-file secrets scan): the simulator's request log
// read per run, jobs found by their video, output checks and retry counts from the CLI's stderr.
import { readdirSync } from 'node:fs';
import {
  API_KEY,
  type Env,
  expectOutputsMatch,
  json,
  type OutputDoc,
  type Result,
  type RunDoc,
  run,
  start,
  startSim,
} from '@move-ugc/cli/test/helpers.ts';
import { type FaultKind, PRESIGNED_QUERY, type RequestRecord, type Simulator } from '@move-ugc/mock';
import { expect, inject } from 'vitest';
import { type Section, writeSection } from './report';

export { API_KEY, type Env, json, type OutputDoc, type Result, type RunDoc, run, start, startSim };

export interface ErrorDoc {
  error: { type: string; message: string; exitCode: number; jobId?: string };
}

/** The outputs every soak run asks for: two, so downloads run side by side. */
export const OUTPUTS = 'MAIN_FBX,RENDER_VIDEO';

export function saveSection(section: Section): void {
  writeSection(inject('soakReportDir'), section);
}

/** The latest request number so far: what a later run's requests are counted from. */
export function lastSeq(sim: Simulator): number {
  return sim.requests.at(-1)?.seq ?? 0;
}

/** Requests numbered after `from` (and up to `to`). The log must not have dropped any of them. */
export function requestsBetween(sim: Simulator, from: number, to = Number.POSITIVE_INFINITY): RequestRecord[] {
  const all = sim.requests;
  expect(all[0]?.seq ?? 1, 'the simulator kept every request (raise its log limit)').toBeLessThanOrEqual(from + 1);
  return all.filter((r) => r.seq > from && r.seq <= to);
}

export const isPut = (r: RequestRecord) => r.kind === 'upload' && r.method === 'PUT';
export const isGet = (r: RequestRecord) => r.kind === 'download' && r.method === 'GET';
export const isOperation = (name: string) => (r: RequestRecord) =>
  r.kind === 'graphql' && (r.operationName === name || r.fields.includes(name));
/** `/uploads/<fileId>` or `/outputs/<jobId>/<fileId>`: the file a transfer was for. */
export const fileOf = (r: RequestRecord) => r.path.split('/').at(-1)!;

/** Faults injected, by kind and by the kind of request they hit. */
export function faultsByKind(records: readonly RequestRecord[]): Map<FaultKind, Record<string, number>> {
  const counts = new Map<FaultKind, Record<string, number>>();
  for (const r of records) {
    if (!r.fault) continue;
    const row = counts.get(r.fault) ?? {};
    row[r.kind] = (row[r.kind] ?? 0) + 1;
    counts.set(r.fault, row);
  }
  return counts;
}

/** The jobs made from each video (by file name), found through take -> source file -> file name. */
export function jobsByVideo(sim: Simulator): Map<string, string[]> {
  const names = new Map(sim.files().map((f) => [f.id, f.name]));
  const videoOfTake = new Map(sim.takes().map((t) => [t.id, names.get(t.sources[0]?.fileId ?? '') ?? null]));
  const jobs = new Map<string, string[]>();
  for (const job of sim.jobs()) {
    const video = videoOfTake.get(job.takeId) ?? '?';
    jobs.set(video, [...(jobs.get(video) ?? []), job.id]);
  }
  return jobs;
}

/** Every output holds the simulator's bytes (by checksum), and no partial download is left behind. */
export function expectRunComplete(sim: Simulator, doc: RunDoc, outDir: string): void {
  expect(doc.state).toBe('FINISHED');
  expect(doc.outputs).toHaveLength(2);
  expectOutputsMatch(sim, doc.jobId, doc.outputs);
  expect(readdirSync(outDir).filter((name) => name.endsWith('.part'))).toEqual([]);
}

/** Retries a CLI run made: the SDK's (its debug log, MOVE_UGC_DEBUG=1) and the workflow's own. */
export function retriesIn(stderr: string): { sdk: number; workflow: number } {
  return {
    sdk: stderr.match(/^debug: move-ugc \w+ retrying in /gm)?.length ?? 0,
    workflow: stderr.match(/^ {2}(upload|download|job|volume): .*; retrying in /gm)?.length ?? 0,
  };
}

/** Credentials in what a CLI run printed: the API key, or a presigned URL's signature or credential. */
export function leaksIn(text: string): string[] {
  const found: string[] = [];
  if (text.includes(API_KEY)) found.push('the API key');
  if (PRESIGNED_QUERY.test(text)) found.push('a presigned query string');
  return found;
}

export const MiB = 1024 * 1024;

export function mib(bytes: number): string {
  return `${(bytes / MiB).toFixed(1)} MiB`;
}
