import { outputChecksum, sampleVideo } from '@move-ugc/mock';
import { describe, expect, it } from 'vitest';
import { bytesSource, runSingleCam } from '../src/index';
import { fastSleep, memorySink, useSimulator, WAIT } from './helpers/simulator';

// Move's outputs may be listed only once a job FINISHED (the simulator's default) or from creation
// with null URLs: the wait must treat neither an empty list nor URL-less entries as ready.
const { sim, ugc } = useSimulator({ outputsListed: 'created', outputDelayMs: 120 });

describe('waiting for outputs listed from creation', () => {
  it('downloads every output once each has its URL', async () => {
    const sink = memorySink();
    const result = await runSingleCam(
      { video: bytesSource(sampleVideo('MP4', 4096), 'clip.mp4'), outputs: ['MAIN_FBX', 'RENDER_VIDEO'] },
      { ugc: ugc(), sleep: fastSleep, sink, ...WAIT },
    );
    expect(result.state).toBe('FINISHED');
    expect(result.outputs).toHaveLength(2);
    for (const output of sim.jobs()[0]!.outputs) {
      const saved = result.outputs.find((o) => o.fileName.endsWith(`.${output.format}`));
      expect(saved, output.format).toBeDefined();
      expect(sink.sha256(saved!.fileName)).toBe(outputChecksum(result.jobId, output.format, saved!.bytes ?? -1));
    }
  });
});
