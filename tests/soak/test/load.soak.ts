// Load soak: `move-ugc batch` of many small videos, 16 at a time, against the simulator. Every video
// must finish with correct outputs and one job, and the CLI's memory must stay flat: its resident
// set is sampled from /proc while it runs. As users run it, V8 grows its heap lazily (measured: RSS
// rises from ~113 to ~150 MiB over 400 videos), so that run only has to stay under a limit; a
// second run caps the heap, and there the peak while the last quarter of the videos finishes may
// not be above the first quarter's by more than a small margin (a leak would show as growth, or as
// an out-of-memory crash).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expectNoSecrets, expectOutputsMatch } from '@move-ugc/cli/test/helpers.ts';
import { type RequestRecord, sampleVideo } from '@move-ugc/mock';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Env,
  isOperation,
  isPut,
  jobsByVideo,
  json,
  leaksIn,
  MiB,
  mib,
  OUTPUTS,
  type OutputDoc,
  requestsBetween,
  saveSection,
  start,
  startSim,
} from './harness';
import { seed, sizes } from './settings';

interface BatchDoc {
  ok: number;
  failed: number;
  items: { video: string; state: string; jobId: string | null; outputs: OutputDoc[]; error: unknown }[];
}

interface Sample {
  rss: number;
  hwm: number;
  finished: number;
}

/** Growth allowed from the first quarter's peak to the last's, for GC timing. */
const GROWTH_ALLOWED = { factor: 1.1, bytes: 8 * MiB };
/** The V8 heap cap of the flatness run: RSS then follows live memory, not V8's lazy heap growth. */
const HEAP_CAP_MIB = 32;
const SAMPLE_EVERY_MS = 50;

interface LoadRun {
  label: string;
  seconds: number;
  code: number | null;
  doc: BatchDoc | undefined;
  jobs: Map<string, string[]>;
  sim: Env['sim'];
  records: RequestRecord[];
  samples: Sample[];
  firstQuarter: Sample[];
  lastQuarter: Sample[];
  highWater: number;
  leaks: string[];
  stderr: string;
}

const envs: Env[] = [];
const runs: LoadRun[] = [];
let passed = 0;

afterAll(async () => {
  expectNoSecrets();
  if (runs.length > 0) saveSection(section(runs, passed === 2));
  await Promise.all(envs.map((env) => env.close()));
});

/** VmRSS and VmHWM (peak) of a process, in bytes; undefined once it has gone. */
function memoryOf(pid: number): { rss: number; hwm: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  const rss = kib('VmRSS') * 1024;
  const hwm = kib('VmHWM') * 1024;
  return Number.isNaN(rss) ? undefined : { rss, hwm };
}

const peak = (samples: Sample[]) => Math.max(...samples.map((s) => s.rss));

/** One batch over fresh videos and a fresh simulator, its memory sampled as it goes. */
async function loadRun(label: string, nodeOptions?: string): Promise<LoadRun> {
  const n = sizes.loadItems;
  // Every request of the batch is checked afterwards: keep them all (well over 100 a video).
  const t = await startSim({
    jobDurationMs: 1500,
    outputDelayMs: 50,
    outputBytes: 64 * 1024,
    seed: seed(),
    requestLogLimit: 1000 * n,
  });
  envs.push(t);
  mkdirSync(join(t.dir, 'clips'));
  for (let i = 0; i < n; i++) {
    writeFileSync(join(t.dir, 'clips', `load-${String(i).padStart(3, '0')}.mp4`), sampleVideo('MP4', 16 * 1024 + i));
  }
  const started = Date.now();
  const args = ['batch', 'clips', '--concurrency', String(sizes.loadConcurrency), '--outputs', OUTPUTS];
  const cli = start([...args, '--poll-interval', '250ms', '-o', 'out'], {
    env: nodeOptions ? { ...t.env, NODE_OPTIONS: nodeOptions } : t.env,
    cwd: t.dir,
  });
  const pid = cli.child.pid!;
  let finished = 0;
  // One line per finished video: `✓ clips/load-007.mp4: 2 outputs (8/200)`.
  createInterface({ input: cli.child.stderr! }).on('line', (line) => {
    const done = /^✓ .*\((\d+)\/\d+\)$/.exec(line);
    if (done) finished = Number(done[1]);
  });
  const samples: Sample[] = [];
  const sampler = setInterval(() => {
    const memory = memoryOf(pid);
    if (memory) samples.push({ ...memory, finished });
  }, SAMPLE_EVERY_MS);
  const result = await cli.done;
  clearInterval(sampler);
  const run: LoadRun = {
    label,
    seconds: (Date.now() - started) / 1000,
    code: result.code,
    doc: result.code === 0 ? json<BatchDoc>(result) : undefined,
    jobs: jobsByVideo(t.sim),
    sim: t.sim,
    records: requestsBetween(t.sim, 0),
    samples,
    firstQuarter: samples.filter((s) => s.finished < n / 4),
    lastQuarter: samples.filter((s) => s.finished >= (3 * n) / 4),
    highWater: Math.max(...samples.map((s) => s.hwm)),
    leaks: leaksIn(`${result.stdout}\n${result.stderr}`),
    stderr: result.stderr,
  };
  runs.push(run);
  return run;
}

/** All videos finished, each with one job and its outputs byte for byte; nothing sent twice. */
function expectAllFinished(run: LoadRun): void {
  const n = sizes.loadItems;
  expect(run.leaks).toEqual([]);
  expect(run.code, run.stderr.slice(-2000)).toBe(0);
  expect(run.doc).toMatchObject({ ok: n, failed: 0 });
  expect(run.doc!.items).toHaveLength(n);
  for (const item of run.doc!.items) {
    expect(item.state, item.video).toBe('FINISHED');
    expect(run.jobs.get(item.video.split('/').at(-1)!), `${item.video}: exactly one job`).toEqual([item.jobId]);
    expect(item.outputs).toHaveLength(2);
    expectOutputsMatch(run.sim, item.jobId!, item.outputs);
  }
  expect(run.sim.jobs()).toHaveLength(n);
  expect(run.records.filter(isOperation('createSingleCamJob'))).toHaveLength(n);
  expect(run.records.filter(isPut)).toHaveLength(n);
  expect(run.firstQuarter.length, 'RSS samples while the first quarter finished').toBeGreaterThan(5);
  expect(run.lastQuarter.length, 'RSS samples while the last quarter finished').toBeGreaterThan(5);
}

const bound = (run: LoadRun) => peak(run.firstQuarter) * GROWTH_ALLOWED.factor + GROWTH_ALLOWED.bytes;

function section(done: LoadRun[], allPassed: boolean) {
  const n = sizes.loadItems;
  const row = (name: string, cell: (run: LoadRun) => string | number) => [name, ...done.map(cell)];
  return {
    order: 3,
    title: 'Load soak',
    setup:
      `\`move-ugc batch clips --concurrency ${sizes.loadConcurrency} --outputs ${OUTPUTS}\` over ${n} videos ` +
      `(16 KiB each; two 64 KiB outputs; 1.5 s jobs), twice: as users run it, and with the V8 heap capped ` +
      `(NODE_OPTIONS=--max-old-space-size=${HEAP_CAP_MIB}) so that RSS follows live memory instead of V8's lazy ` +
      `heap growth. RSS read from /proc/<pid>/status every ${SAMPLE_EVERY_MS} ms; the capped run's peak while the ` +
      `last quarter of the videos finished may exceed the first quarter's by ${Math.round((GROWTH_ALLOWED.factor - 1) * 100)}% ` +
      `+ ${GROWTH_ALLOWED.bytes / MiB} MiB at most.`,
    passed: allPassed,
    tables: [
      {
        head: ['measure', ...done.map((run) => run.label)],
        rows: [
          row('videos', () => n),
          row('finished (outputs verified by checksum)', (run) => run.doc?.ok ?? 0),
          row('failed', (run) => run.doc?.failed ?? 'no summary'),
          row('jobs in the simulator', (run) => run.sim.jobs().length),
          row('jobs per video (min / max)', (run) => {
            const counts = [...run.jobs.values()].map((ids) => ids.length);
            return `${Math.min(...counts)} / ${Math.max(...counts)}`;
          }),
          row('uploads (PUT)', (run) => run.records.filter(isPut).length),
          row('requests served', (run) => run.records.length),
          row('wall time', (run) => `${run.seconds.toFixed(1)} s (${(n / run.seconds).toFixed(1)} videos/s)`),
          row('RSS samples (first quarter / last quarter / all)', (run) =>
            [run.firstQuarter.length, run.lastQuarter.length, run.samples.length].join(' / '),
          ),
          row('peak RSS while the first quarter finished', (run) => mib(peak(run.firstQuarter))),
          row('peak RSS while the last quarter finished', (run) => mib(peak(run.lastQuarter))),
          row('peak RSS of the whole run (VmHWM)', (run) => mib(run.highWater)),
          row('secrets in output (key, presigned query)', (run) => run.leaks.length),
        ],
      },
    ],
  };
}

describe(`load soak: a batch of ${sizes.loadItems} videos, ${sizes.loadConcurrency} at a time`, () => {
  it('finishes them all as users run it, under the RSS limit', async () => {
    const run = await loadRun('as users run it');
    expectAllFinished(run);
    expect(run.highWater, 'peak RSS').toBeLessThan(sizes.loadRssLimitMiB * MiB);
    passed++;
  });

  it(`keeps memory flat: with the heap capped at ${HEAP_CAP_MIB} MiB, the last quarter peaks no higher than the first`, async () => {
    const run = await loadRun(`heap capped at ${HEAP_CAP_MIB} MiB`, `--max-old-space-size=${HEAP_CAP_MIB}`);
    expectAllFinished(run);
    expect(peak(run.lastQuarter), 'peak RSS, last quarter against the first').toBeLessThanOrEqual(bound(run));
    passed++;
  });
});
