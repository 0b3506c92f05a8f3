// Crash and resume: the workflow runs in a child process that is killed with SIGKILL at chosen
// points (no chance to clean up), then run again with the same journal. Whatever the point: one
// job, no second upload of a finished file, every output complete and byte-identical.
// The child imports the built package (`@move-ugc/core` by its own name), so turbo builds first.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  createSimulator,
  DEFAULT_API_KEY,
  outputChecksum,
  type RunningServer,
  type Simulator,
  sampleVideo,
  startServer,
} from '@move-ugc/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const CHILD = new URL('./crash/run-child.mjs', import.meta.url).pathname;
const MiB = 1024 * 1024;

let sim: Simulator;
let server: RunningServer;
let dir: string;
let video: string;

beforeAll(async () => {
  // A slow link (4 MiB/s) so there is time to kill mid-upload and mid-download.
  sim = createSimulator({ jobDurationMs: 600, outputDelayMs: 100, outputBytes: 3 * MiB, seed: 5 });
  server = await startServer(sim, { bandwidthBytesPerSec: 4 * MiB });
  dir = await mkdtemp(join(tmpdir(), 'move-ugc-crash-'));
  video = join(dir, 'clip.mp4');
  await writeFile(video, sampleVideo('MP4', 3 * MiB));
});

afterAll(async () => {
  await server.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await sim.reset();
});

interface ChildEvent {
  type: string;
  [key: string]: unknown;
}

/** Runs the child; kills it with SIGKILL once `killAt(event)` says so. Resolves with its events and exit. */
function runChild(workDir: string, killAt?: (event: ChildEvent) => boolean) {
  const child = spawn(
    process.execPath,
    [CHILD, server.endpoint, DEFAULT_API_KEY, video, join(workDir, 'out'), join(workDir, 'journal')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const events: ChildEvent[] = [];
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const event = JSON.parse(line) as ChildEvent;
    events.push(event);
    if (killAt?.(event)) child.kill('SIGKILL');
  });
  return new Promise<{ events: ChildEvent[]; code: number | null; signal: string | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ events, code, signal, stderr })),
  );
}

const points: [string, (e: ChildEvent) => boolean][] = [
  ['mid-upload', (e) => e.type === 'upload.progress' && (e.sentBytes as number) > MiB],
  ['after the upload', (e) => e.type === 'upload.done'],
  ['after the take', (e) => e.type === 'take.created'],
  ['after the job was created', (e) => e.type === 'job.created'],
  ['while the job runs', (e) => e.type === 'job.progress' && e.state === 'RUNNING'],
  ['mid-download', (e) => e.type === 'download.progress' && (e.receivedBytes as number) > MiB],
  ['after the first output', (e) => e.type === 'download.done'],
];

describe('SIGKILL at each step, then run again', () => {
  it.each(points)(
    '%s',
    async (_, killAt) => {
      const work = await mkdtemp(join(dir, 'run-'));
      const first = await runChild(work, killAt);
      expect(first.signal, `killed as planned (stderr: ${first.stderr})`).toBe('SIGKILL');
      const uploadsFinished = first.events.some((e) => e.type === 'upload.done');

      const second = await runChild(work);
      expect(second.code, second.stderr).toBe(0);
      const result = second.events.find((e) => e.type === 'result')!;

      expect(sim.jobs()).toHaveLength(1);
      expect(result.jobId).toBe(sim.jobs()[0]!.id);
      // A finished upload is never repeated; an interrupted one is (with a fresh file record).
      expect(sim.countOperations('createFile')).toBe(uploadsFinished ? 1 : 2);
      expect(second.events.some((e) => e.type === 'upload.started')).toBe(!uploadsFinished);

      const job = sim.jobs()[0]!;
      const files = (await readdir(join(work, 'out'))).sort();
      expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
      expect(files).toHaveLength(job.outputs.length);
      for (const output of job.outputs) {
        const name = files.find((f) => f === `clip.${output.format}` || f.startsWith(`clip.${output.format}.`))!;
        const bytes = await readFile(join(work, 'out', name));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(
          outputChecksum(job.id, output.format, bytes.length),
        );
        expect(bytes.length).toBe(3 * MiB);
      }
    },
    90_000,
  );
});
