// Crash soak: CLI runs SIGKILLed at a random moment of their course (no chance to clean up), then the
// same command run again with the same state dir. Whatever the moment: one job per run, no second
// upload of a file the journal had as uploaded, no second download of an output it had as saved,
// and every output byte-identical to what the simulator made.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expectNoSecrets } from '@move-ugc/cli/test/helpers.ts';
import { sampleVideo } from '@move-ugc/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Env,
  expectRunComplete,
  fileOf,
  isGet,
  isOperation,
  isPut,
  jobsByVideo,
  json,
  lastSeq,
  leaksIn,
  MiB,
  OUTPUTS,
  type RunDoc,
  requestsBetween,
  saveSection,
  start,
  startSim,
} from './harness';
import { prng, seed, sizes } from './settings';

/** The part of the CLI's journal this soak reads. */
interface Journal {
  uploads: Record<string, { fileId: string; uploaded: boolean }>;
  takeId?: string;
  clientToken?: string;
  jobId?: string;
  outputs: Record<string, { complete: boolean }>;
  finishedAt?: string;
}

interface CrashRun {
  video: string;
  delayMs: number;
  killed: boolean;
  /** How far the journal had got when the process died. */
  phase: string;
  journal: Journal | undefined;
  code: number | null;
  doc?: RunDoc;
  outDir: string;
  jobCreations: number;
  /** Uploads / downloads the re-run repeated although the journal had them as done. */
  reUploads: number;
  reDownloads: number;
  /** PUTs of the killed run and of the re-run: an interrupted upload is redone, with a new file. */
  puts: { killed: number; rerun: number };
  /** Most PUTs any one file got. */
  putsPerFile: number;
  leaks: string[];
}

/** Runs at most, killed or not. */
const MAX_RUNS = 2 * sizes.crashRuns;

let t: Env;
const random = prng(seed() ^ 0x5eed);

beforeAll(async () => {
  // A slow link (4 MiB/s) and MiB-sized files, so that uploads and downloads take a good part of a run.
  t = await startSim(
    { jobDurationMs: 1000, outputDelayMs: 100, outputBytes: 1.5 * MiB, seed: seed() },
    { bandwidthBytesPerSec: 4 * MiB },
    // Runs killed mid-download resume with Range and If-Match: the audit asks for the If-Match.
    { resumed: true },
  );
  mkdirSync(join(t.dir, 'clips'));
});

afterAll(async () => {
  expectNoSecrets();
  await t?.close();
});

function readJournal(dir: string): Journal | undefined {
  const names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  expect(names.length, `one journal in ${dir}`).toBeLessThanOrEqual(1);
  return names[0] === undefined ? undefined : (JSON.parse(readFileSync(join(dir, names[0]), 'utf8')) as Journal);
}

function phaseOf(journal: Journal | undefined): string {
  if (!journal) return '1 nothing journalled';
  if (journal.finishedAt) return '8 finished';
  const outputs = Object.values(journal.outputs);
  if (outputs.some((o) => o.complete)) return '7 some outputs saved';
  if (outputs.length > 0) return '6 downloading';
  if (journal.jobId) return '5 job created';
  if (journal.clientToken) return '4 job being created';
  if (journal.takeId) return '3 take created';
  if (journal.uploads.video?.uploaded) return '2 uploaded';
  return '1 uploading';
}

function setup(index: number) {
  const video = `crash-${String(index).padStart(3, '0')}.mp4`;
  writeFileSync(join(t.dir, 'clips', video), sampleVideo('MP4', 2 * MiB + index));
  const stateDir = join(t.dir, 'state', String(index));
  mkdirSync(stateDir, { recursive: true });
  const outDir = join(t.dir, 'out', String(index));
  const args = ['run', join('clips', video), '--outputs', OUTPUTS, '--poll-interval', '100ms', '-o', outDir];
  return { video, outDir, args, env: { ...t.env, MOVE_UGC_STATE_DIR: stateDir }, stateDir };
}

/** Where the odd-numbered runs are killed: as soon as their journal shows they got there. */
const TARGET_PHASES = ['1 uploading', '5 job created', '6 downloading', '7 some outputs saved', '3 take created'];

async function crashRun(index: number, spanMs: number): Promise<CrashRun> {
  const { video, outDir, args, env, stateDir } = setup(index);
  const from = lastSeq(t.sim);
  const began = Date.now();
  const first = start(args, { env, cwd: t.dir });
  const kill = () => first.child.kill('SIGKILL');
  let delayMs: number;
  let stop: () => void;
  if (index % 2 === 0) {
    // Stratified: one random moment in each of the equal slices of an undisturbed run, so that even
    // the short CI size kills all along the run instead of, by chance, only in a few steps.
    const slices = Math.ceil(sizes.crashRuns / 2);
    delayMs = Math.round(((((index / 2) % slices) + random()) / slices) * spanMs);
    const timer = setTimeout(kill, delayMs);
    stop = () => clearTimeout(timer);
  } else {
    // Targeted: the steps a random moment rarely hits (start-up and the job's wait take most of a run).
    const target = TARGET_PHASES[((index - 1) / 2) % TARGET_PHASES.length]!;
    delayMs = 0;
    const watch = setInterval(() => {
      let phase: string;
      try {
        phase = phaseOf(readJournal(stateDir));
      } catch {
        return; // caught mid-write: look again
      }
      if (phase.slice(0, 1) >= target.slice(0, 1) && phase !== '1 nothing journalled') {
        delayMs = Date.now() - began;
        kill();
      }
    }, 5);
    stop = () => clearInterval(watch);
  }
  const killedRun = await first.done;
  stop();
  // Let the server notice the dropped connection and finish its record of the request.
  await sleep(200);
  const journal = readJournal(stateDir);
  const killedUntil = lastSeq(t.sim);

  const again = await start(args, { env, cwd: t.dir }).done;
  const all = requestsBetween(t.sim, from);
  const rerun = all.filter((r) => r.seq > killedUntil);
  const uploadedBefore = journal?.uploads.video?.uploaded === true;
  const savedBefore = new Set(
    Object.entries(journal?.outputs ?? {})
      .filter(([, o]) => o.complete)
      .map(([fileId]) => fileId),
  );
  const putsByFile = new Map<string, number>();
  for (const r of all.filter(isPut)) putsByFile.set(fileOf(r), (putsByFile.get(fileOf(r)) ?? 0) + 1);

  return {
    video,
    delayMs,
    killed: killedRun.signal === 'SIGKILL',
    phase: phaseOf(journal),
    journal,
    code: again.code,
    doc: again.code === 0 ? json<RunDoc>(again) : undefined,
    outDir,
    jobCreations: all.filter(isOperation('createSingleCamJob')).length,
    reUploads: uploadedBefore ? rerun.filter((r) => isPut(r) || isOperation('createFile')(r)).length : 0,
    reDownloads: rerun.filter((r) => isGet(r) && savedBefore.has(fileOf(r))).length,
    puts: { killed: all.filter((r) => r.seq <= killedUntil && isPut(r)).length, rerun: rerun.filter(isPut).length },
    putsPerFile: Math.max(0, ...putsByFile.values()),
    leaks: leaksIn([killedRun, again].map((r) => `${r.stdout}\n${r.stderr}`).join('\n')),
  };
}

describe(`crash soak: ${sizes.crashRuns} CLI runs SIGKILLed at a random moment, then run again`, () => {
  it('loses nothing and pays for nothing twice', async () => {
    // How long an undisturbed run takes (the faster of two, so warm): the kills are spread over that.
    // How long an undisturbed run takes (the faster of two, so warm): the timed kills are spread over that.
    let spanMs = Number.POSITIVE_INFINITY;
    for (const extra of [0, 1]) {
      const calibration = setup(MAX_RUNS + extra);
      const began = Date.now();
      const clean = await start(calibration.args, { env: calibration.env, cwd: t.dir }).done;
      spanMs = Math.min(spanMs, Date.now() - began);
      expect(clean.code, clean.stderr).toBe(0);
    }

    // A run that finishes before its kill is checked too, but does not count: go on until enough were killed.
    const runs: CrashRun[] = [];
    while (runs.filter((run) => run.killed).length < sizes.crashRuns && runs.length < MAX_RUNS) {
      runs.push(await crashRun(runs.length, spanMs));
    }

    const jobs = jobsByVideo(t.sim);
    const phases = new Map<string, number>();
    for (const run of runs.filter((r) => r.killed)) phases.set(run.phase, (phases.get(run.phase) ?? 0) + 1);
    const count = (pick: (run: CrashRun) => boolean) => runs.filter(pick).length;
    const total = (pick: (run: CrashRun) => number) => runs.reduce((sum, run) => sum + pick(run), 0);
    const jobsPerRun = runs.map((run) => jobs.get(run.video)?.length ?? 0);
    const delays = runs.map((run) => run.delayMs);
    const section = {
      order: 2,
      title: 'Crash-resume soak',
      setup:
        `Runs of \`move-ugc run <2 MiB clip> --outputs ${OUTPUTS}\` (1.5 MiB outputs, a 4 MiB/s link, ` +
        `1 s jobs), each SIGKILLed: half after a random delay, one in each of ${Math.ceil(sizes.crashRuns / 2)} equal slices of ` +
        `[0, ${spanMs} ms] (an undisturbed run), half as soon as their journal reached a step (${TARGET_PHASES.map((p) => p.slice(2)).join(', ')}, in turn), then the same command run again with the same state dir, until ${sizes.crashRuns} were ` +
        'killed.',
      passed: false,
      tables: [
        {
          head: ['measure', 'value'],
          rows: [
            ['runs killed by SIGKILL', count((run) => run.killed)],
            ['runs that finished before their kill (checked, not counted)', count((run) => !run.killed)],
            ['kill delays (min / max)', `${Math.min(...delays)} / ${Math.max(...delays)} ms`],
            ['re-runs that finished (exit 0, outputs verified by checksum)', count((run) => run.code === 0)],
            ['re-runs that failed', count((run) => run.code !== 0)],
            ['jobs per run (min / max)', `${Math.min(...jobsPerRun)} / ${Math.max(...jobsPerRun)}`],
            ['createSingleCamJob requests, all runs', total((run) => run.jobCreations)],
            ['re-uploads of files the journal had as uploaded', total((run) => run.reUploads)],
            ['re-downloads of outputs the journal had as saved', total((run) => run.reDownloads)],
            [
              'uploads redone after a kill mid-upload (new file each)',
              count((run) => run.puts.killed > 0 && run.puts.rerun > 0),
            ],
            ['most PUTs to one file', Math.max(...runs.map((run) => run.putsPerFile))],
            ['secrets in output (key, presigned query)', total((run) => run.leaks.length)],
          ],
        },
        {
          head: ['where the kill landed (journal at death)', 'killed runs'],
          rows: [...phases.entries()].sort().map(([phase, n]) => [phase.slice(2), n]),
        },
      ],
    };
    saveSection(section);

    for (const run of runs) {
      const where = `${run.video} (killed after ${run.delayMs} ms, ${run.phase.slice(2)})`;
      expect(run.leaks, `${where}: secrets in output`).toEqual([]);
      expect(run.code, `${where}: the re-run's exit code`).toBe(0);
      const doc = run.doc!;
      expect(jobs.get(run.video), `${where}: exactly one job`).toEqual([doc.jobId]);
      if (run.journal?.jobId) expect(doc.jobId, `${where}: the journalled job`).toBe(run.journal.jobId);
      expect(run.jobCreations, `${where}: job creations sent`).toBe(1);
      expect(run.reUploads, `${where}: re-uploads of a finished file`).toBe(0);
      expect(run.reDownloads, `${where}: re-downloads of a saved output`).toBe(0);
      // Without faults, a file gets one PUT: an interrupted upload is redone under a new file.
      expect(run.putsPerFile, `${where}: PUTs to one file`).toBe(1);
      expect(doc.resumed, `${where}: the re-run continued the journal`).toBe(
        run.journal !== undefined && (Object.keys(run.journal.uploads).length > 0 || !!run.journal.takeId),
      );
      expectRunComplete(t.sim, doc, run.outDir);
    }
    expect(
      count((run) => run.killed),
      'runs killed',
    ).toBe(sizes.crashRuns);
    // The kills landed all along the run, not only at its start.
    expect(phases.size, 'kill points in distinct steps').toBeGreaterThanOrEqual(Math.min(4, sizes.crashRuns));

    saveSection({ ...section, passed: true });
  });
});
