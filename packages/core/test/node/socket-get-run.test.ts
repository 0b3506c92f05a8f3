// A whole run against the simulator's HTTP server, as the CLI wires it (undiciTransfer and
// directorySink): outputs are read off the socket and lent into their files with progress events,
// and the simulator's download faults (S3 error answers, expired URLs, truncated and reset bodies)
// end with every output byte for byte: through undici's path for the answers the socket GET leaves,
// through a resumed 206 for the cut ones.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createSimulator,
  DEFAULT_API_KEY,
  type FaultPlan,
  outputChecksum,
  type RunningServer,
  type Simulator,
  sampleVideo,
  startServer,
} from '@move-ugc/mock';
import { MoveUgc } from '@move-ugc/sdk';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { isLendingBody, memoryJournal, type RunEvent, runSingleCam, type TransferAgent } from '../../src/index';
import { directorySink, fileSource, undiciTransfer } from '../../src/node/index';
import { eventLog, fastSleep, WAIT } from '../helpers/simulator';
import { useTempDirs } from './helpers/temp';

const OUTPUT_BYTES = 3 * 1024 * 1024 + 17;
const tempDir = useTempDirs();
let sim: Simulator;
let server: RunningServer;
beforeAll(async () => {
  sim = createSimulator({ jobDurationMs: 80, outputDelayMs: 30, outputBytes: OUTPUT_BYTES, seed: 19 });
  server = await startServer(sim);
});
afterEach(async () => {
  sim.clearFaults();
  await sim.reset();
});
afterAll(async () => {
  await server.close();
  await sim.close();
});

/** The CLI's transfer agent, noting for each GET whether its answer was read off the socket. */
function observedTransfer() {
  const agent = undiciTransfer({ env: {} });
  const lent: boolean[] = [];
  const transfer: TransferAgent = {
    put: agent.put,
    async get(url, options) {
      const result = await agent.get(url, options);
      lent.push(isLendingBody(result.body));
      return result;
    },
  };
  return { transfer, lent, close: agent.close };
}

const faults: [string, FaultPlan, (lent: boolean[], events: RunEvent[]) => void][] = [
  ['no fault', {}, (lent) => expect(lent).toEqual([true, true])],
  [
    'http-502 (an S3 error answer) on a download',
    { schedule: [{ kind: 'http-502', target: 'download' }] },
    (lent) => expect(lent.filter((l) => !l)).toHaveLength(1),
  ],
  [
    'an expired download URL (403)',
    { schedule: [{ kind: 'expire-url', target: 'download' }] },
    (lent) => expect(lent.filter((l) => !l)).toHaveLength(1),
  ],
  [
    'two truncated downloads',
    { schedule: [{ kind: 'truncate', target: 'download', times: 2 }] },
    (lent, events) => {
      expect(lent.every((l) => l)).toBe(true);
      // Resumed where the cut left them, off the socket too.
      expect(events.filter((e) => e.type === 'download.started' && e.offset > 0)).toHaveLength(2);
    },
  ],
  ['a reset download', { schedule: [{ kind: 'reset', target: 'download' }] }, () => {}],
];

it.each(faults)('%s: every output byte for byte, progress reported', { timeout: 30_000 }, async (_, plan, check) => {
  const dir = await tempDir();
  const videoPath = join(dir, 'clip.mp4');
  await writeFile(videoPath, sampleVideo('MP4', 4096));
  sim.setFaults(plan);
  const { transfer, lent, close } = observedTransfer();
  const log = eventLog();
  const out = join(dir, 'out');
  try {
    const result = await runSingleCam(
      { video: await fileSource(videoPath), outputs: ['MAIN_FBX', 'RENDER_VIDEO'] },
      {
        ugc: new MoveUgc({ apiKey: DEFAULT_API_KEY, endpoint: server.endpoint, sleep: fastSleep }),
        transfer,
        sleep: fastSleep,
        sink: directorySink(out),
        journal: memoryJournal(),
        onEvent: log.onEvent,
        ...WAIT,
      },
    );
    expect(sim.pendingFaults()).toEqual([]);
    const job = sim.jobs().find((j) => j.id === result.jobId)!;
    expect(result.outputs).toHaveLength(job.outputs.length);
    for (const output of result.outputs) {
      const bytes = await readFile(join(out, output.fileName));
      expect(bytes.byteLength).toBe(output.bytes);
      expect(createHash('sha256').update(bytes).digest('hex'), output.fileName).toBe(
        outputChecksum(job.id, output.format, bytes.byteLength),
      );
      const progress = log.events.filter((e) => e.type === 'download.progress' && e.fileName === output.fileName);
      expect(progress.at(-1)).toMatchObject({ receivedBytes: output.bytes, totalBytes: output.bytes });
    }
    check(lent, log.events);
  } finally {
    await close();
  }
});
