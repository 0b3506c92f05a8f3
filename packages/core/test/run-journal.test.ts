// A run's journal across runs: kept apart per account and endpoint, named when it points at what
// Move does not have, started anew on request, and held by one run at a time.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_API_KEY, sampleVideo } from '@move-ugc/mock';
import { MoveUgc } from '@move-ugc/sdk';
import { describe, expect, it } from 'vitest';
import { bytesSource, MoveRunLockedError, MoveStaleJournalError, memoryJournal, runSingleCam } from '../src/index';
import { fileJournal } from '../src/node/index';
import { createContext } from '../src/steps/context';
import { openRunJournal } from '../src/steps/run-journal';
import { eventLog, fastSleep, memorySink, useSimulator, WAIT } from './helpers/simulator';
import { useTempDirs } from './node/helpers/temp';

const OTHER_KEY = 'sk_other_account_4f1c2e9a7b';
const { sim, ugc } = useSimulator({ apiKeys: [DEFAULT_API_KEY, OTHER_KEY] });
const temp = useTempDirs();

const video = () => bytesSource(sampleVideo('MP4', 4096), 'clip.mp4');
const input = () => ({ video: video(), outputs: ['MAIN_FBX'] });

describe('the journal of a run', () => {
  it('belongs to one account and endpoint: the same intent under another key starts anew', async () => {
    const journal = memoryJournal();
    const first = await runSingleCam(input(), { ugc: ugc(), journal, sleep: fastSleep, ...WAIT });
    const other = await runSingleCam(input(), {
      ugc: ugc({ apiKey: OTHER_KEY }),
      journal,
      sleep: fastSleep,
      ...WAIT,
    });
    expect(other.resumed).toBe(false);
    expect(other.jobId).not.toBe(first.jobId);
    expect(new Set(sim.jobs().map((job) => job.clientId)).size).toBe(2);
    // Back on the first account, the first run's journal is found again: nothing is paid twice.
    const again = await runSingleCam(input(), { ugc: ugc(), journal, sleep: fastSleep, ...WAIT });
    expect(again).toMatchObject({ jobId: first.jobId, resumed: true });
    expect(sim.jobs()).toHaveLength(2);
  });

  it('is keyed by the endpoint too, and never by the key itself', async () => {
    const store = memoryJournal();
    const keyOf = async (client: MoveUgc) => {
      const journal = await openRunJournal(createContext({ ugc: client, journal: store }), 'single-cam', 'intent');
      await journal.update(() => {});
      await journal.close();
      return journal.key;
    };
    const local = await keyOf(ugc());
    const elsewhere = await keyOf(
      new MoveUgc({ apiKey: DEFAULT_API_KEY, endpoint: 'https://api.example.test/graphql' }),
    );
    expect(local).not.toBe(elsewhere);
    expect(await keyOf(ugc())).toBe(local);
    const stored = JSON.stringify([...store.records]);
    expect(stored).not.toContain(DEFAULT_API_KEY);
  });

  it('that names a job Move does not have is a clear error naming the journal and --fresh', async () => {
    const dir = await temp();
    const journal = fileJournal(dir);
    const first = await runSingleCam(input(), { ugc: ugc(), journal, sleep: fastSleep, wait: false });
    // The job is gone from Move's side (another endpoint behind the same name, a reset simulator...).
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    const path = join(dir, files[0]!);
    const record = JSON.parse(readFileSync(path, 'utf8'));
    record.jobId = 'job-00000000-0000-4000-8000-000000000000';
    writeFileSync(path, JSON.stringify(record));

    const failure = await runSingleCam(input(), { ugc: ugc(), journal, sleep: fastSleep, ...WAIT }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(MoveStaleJournalError);
    const message = (failure as Error).message;
    expect(message).toContain(path);
    expect(message).toContain(new URL(sim.endpoint).host);
    expect(message).toMatch(/--fresh/);
    expect(sim.jobs()).toHaveLength(1);

    // Starting anew on purpose: a new upload and a new job, and the journal now names that job.
    const fresh = await runSingleCam(input(), {
      ugc: ugc(),
      journal,
      sleep: fastSleep,
      sink: memorySink(),
      fresh: true,
      ...WAIT,
    });
    expect(fresh).toMatchObject({ resumed: false, state: 'FINISHED' });
    expect(fresh.jobId).not.toBe(first.jobId);
    expect(sim.jobs()).toHaveLength(2);
    expect(JSON.parse(readFileSync(path, 'utf8')).jobId).toBe(fresh.jobId);
  });
});

describe('two runs of the same intent at once', () => {
  it('make one job: the second waits for the first, then continues from what it did', async () => {
    const journal = memoryJournal();
    const logs = [eventLog(), eventLog()];
    const [a, b] = await Promise.all(
      logs.map((log) =>
        runSingleCam(input(), {
          ugc: ugc(),
          journal,
          sleep: fastSleep,
          sink: memorySink(),
          onEvent: log.onEvent,
          ...WAIT,
        }),
      ),
    );
    expect(sim.jobs()).toHaveLength(1);
    expect(b!.jobId).toBe(a!.jobId);
    // Whichever came second waited first, then resumed the first one's run.
    const waiter = logs.findIndex((log) => log.types()[0] === 'run.waiting');
    expect(waiter).not.toBe(-1);
    expect([a, b][waiter]!.resumed).toBe(true);
    expect(logs[1 - waiter]!.types()).not.toContain('run.waiting');
    expect(sim.countOperations('createFile')).toBe(1);
  });

  it('with ifRunning: fail, the second stops at once, before any request', async () => {
    const journal = memoryJournal();
    let started!: () => void;
    const uploading = new Promise<void>((resolve) => {
      started = resolve;
    });
    // The first holds the lock from before its upload on.
    const first = runSingleCam(input(), {
      ugc: ugc(),
      journal,
      sleep: fastSleep,
      onEvent: (event) => event.type === 'upload.started' && started(),
      ...WAIT,
    });
    await uploading;
    const failure = await runSingleCam(input(), {
      ugc: ugc(),
      journal,
      sleep: fastSleep,
      ifRunning: 'fail',
      ...WAIT,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MoveRunLockedError);
    expect((failure as Error).message).toMatch(/in progress \(another run in this process/);
    await first;
    expect(sim.jobs()).toHaveLength(1);
  });
});
