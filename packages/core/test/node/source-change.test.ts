// A video written to while it uploads: the upload is not used, no take or job is made from it,
// and a re-run once the file is complete uploads the new content.
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sampleVideo } from '@move-ugc/mock';
import { MoveValidationError } from '@move-ugc/sdk';
import { describe, expect, it } from 'vitest';
import { fetchTransfer, memoryJournal, runSingleCam, type TransferAgent } from '../../src/index';
import { fileSource } from '../../src/node/index';
import { fastSleep, useSimulator, WAIT } from '../helpers/simulator';
import { useTempDirs } from './helpers/temp';

const { sim, ugc } = useSimulator();
const tempDir = useTempDirs();

describe('a source file that changes during its upload', () => {
  it('fails the run before the take, and a re-run uploads the finished file', async () => {
    const path = join(await tempDir(), 'growing.mp4');
    await writeFile(path, sampleVideo('MP4', 4096));
    const plain = fetchTransfer();
    // The camera app is still writing: more bytes land while the PUT is in flight.
    const writing: TransferAgent = {
      get: plain.get,
      put: async (url, body, options) => {
        const result = await plain.put(url, body, options);
        await appendFile(path, Buffer.alloc(1000));
        return result;
      },
    };
    const journal = memoryJournal();
    const failure = await runSingleCam(
      { video: await fileSource(path), outputs: ['MAIN_FBX'] },
      { ugc: ugc(), transfer: writing, journal, sleep: fastSleep, wait: false },
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MoveValidationError);
    expect((failure as Error).message).toContain(`${path} changed while it was uploading; the upload is not used`);
    expect((failure as Error).message).toMatch(/4096 -> 5096 bytes/);
    expect(sim.takes()).toHaveLength(0);
    expect(sim.jobs()).toHaveLength(0);

    const again = await runSingleCam(
      { video: await fileSource(path), outputs: ['MAIN_FBX'] },
      { ugc: ugc(), journal, sleep: fastSleep, ...WAIT },
    );
    expect(again.state).toBe('FINISHED');
    const take = sim.takes()[0]!;
    expect(sim.storedBytes(take.sources[0]!.fileId)).toBe(5096);
  });
});
