// A run of the single-camera workflow in its own process, for crash tests: prints each event as a
// JSON line on stdout so the parent can SIGKILL it at a chosen moment, then run it again.
import { runSingleCam } from '@move-ugc/core';
import { directorySink, fileJournal, fileSource, nodeSleep, undiciTransfer } from '@move-ugc/core/node';
import { MoveUgc } from '@move-ugc/sdk';

const [endpoint, apiKey, video, outDir, journalDir] = process.argv.slice(2);
const ugc = new MoveUgc({ apiKey, endpoint, sleep: nodeSleep });
const result = await runSingleCam(
  { video: await fileSource(video), outputs: ['MAIN_FBX', 'RENDER_VIDEO'] },
  {
    ugc,
    transfer: undiciTransfer(),
    sleep: nodeSleep,
    sink: directorySink(outDir),
    journal: fileJournal(journalDir),
    initialIntervalMs: 50,
    maxIntervalMs: 200,
    onEvent: (event) => process.stdout.write(`${JSON.stringify(event)}\n`),
  },
);
process.stdout.write(`${JSON.stringify({ type: 'result', jobId: result.jobId, resumed: result.resumed })}\n`);
