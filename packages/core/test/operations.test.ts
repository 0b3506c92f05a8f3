// The operations, each on its own: checked before anything is sent, created once whatever is lost
// on the way, and found again when the same request is sent a second time with the same journal.
import { sampleVideo } from '@move-ugc/mock';
import { MoveValidationError } from '@move-ugc/sdk';
import { describe, expect, it } from 'vitest';
import {
  bytesSource,
  createJob,
  createTake,
  createVolume,
  downloadJobOutputs,
  memoryJournal,
  runSingleCam,
  uploadFile,
  type VolumeCamera,
} from '../src/index';
import { eventLog, fastSleep, memorySink, useSimulator, WAIT } from './helpers/simulator';

const { sim, ugc } = useSimulator();
const LENS = 'iphone15pro-main';

const video = (size = 4096, name = 'clip.mp4') => bytesSource(sampleVideo('MP4', size), name);

async function singleCamTake(): Promise<string> {
  const client = ugc();
  const file = await uploadFile({ source: video() }, { ugc: client, sleep: fastSleep });
  const take = await client.takes.createSingleCam({
    sources: [{ deviceLabel: 'iphone', fileId: file.fileId, format: file.format }],
  });
  return take.id;
}

async function calibrationCameras(count = 2): Promise<VolumeCamera[]> {
  const cameras: VolumeCamera[] = [];
  for (let i = 0; i < count; i++) {
    const file = await uploadFile({ source: video(2048 + i, `cal-${i}.mp4`) }, { ugc: ugc(), sleep: fastSleep });
    cameras.push({ fileId: file.fileId, deviceLabel: `cam-${i + 1}`, lens: LENS });
  }
  return cameras;
}

describe('uploadFile', () => {
  it('reads the container from the content, and uploads the same file once per journal', async () => {
    const journal = memoryJournal();
    const options = { ugc: ugc(), sleep: fastSleep, journal };
    const source = bytesSource(sampleVideo('MOV', 3000), 'clip.mp4');
    const first = await uploadFile({ source }, options);
    const again = await uploadFile({ source }, options);
    expect(first).toMatchObject({ format: 'MOV', bytes: 3000, resumed: false });
    expect(again).toEqual({ ...first, resumed: true });
    expect(sim.files()).toHaveLength(1);
    expect(sim.requests.filter((r) => r.kind === 'upload')).toHaveLength(1);
  });

  it('refuses a video given as a .move sidecar before anything is sent', async () => {
    const err = await uploadFile({ source: video(), format: 'MOVE' }, { ugc: ugc() }).catch((e) => e);
    expect(err).toBeInstanceOf(MoveValidationError);
    expect(err.message).toMatch(/is a video, not a \.move sidecar/);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('createJob', () => {
  it('makes one job for a take, and the same request sent again returns it instead of paying twice', async () => {
    const takeId = await singleCamTake();
    const journal = memoryJournal();
    const log = eventLog();
    const options = { ugc: ugc(), sleep: fastSleep, journal, onEvent: log.onEvent };
    const first = await createJob({ takeId, outputs: ['main_fbx', 'RENDER_VIDEO'] }, options);
    const again = await createJob({ takeId, outputs: ['RENDER_VIDEO', 'MAIN_FBX'] }, options);
    expect(first).toMatchObject({ setup: 'single', resumed: false, reused: false });
    expect(first.job.take?.id).toBe(takeId);
    expect(again.job.id).toBe(first.job.id);
    expect(again.resumed).toBe(true);
    expect(sim.countOperations('createSingleCamJob')).toBe(1);
    expect(log.events).toContainEqual({ type: 'job.created', jobId: first.job.id, resumed: true, reused: false });
  });

  it('a lost answer to createSingleCamJob ends with exactly one job', async () => {
    const takeId = await singleCamTake();
    sim.setFaults({ schedule: [{ kind: 'drop-response', operation: 'createSingleCamJob' }] });
    const created = await createJob({ takeId }, { ugc: ugc(), sleep: fastSleep });
    expect(sim.pendingFaults()).toEqual([]);
    expect(sim.jobs().map((job) => job.id)).toEqual([created.job.id]);
    expect(created.resumed).toBe(true);
  });

  it('reuses the job an earlier run made with the same idempotency key, from any journal', async () => {
    const takeId = await singleCamTake();
    const first = await createJob({ takeId, idempotencyKey: 'nightly-42' }, { ugc: ugc(), sleep: fastSleep });
    const other = await createJob({ takeId, idempotencyKey: 'nightly-42' }, { ugc: ugc(), sleep: fastSleep });
    expect(other).toMatchObject({ reused: true, resumed: false });
    expect(other.job.id).toBe(first.job.id);
    expect(sim.jobs()).toHaveLength(1);
  });

  it('checks the settings against the take before anything is paid for', async () => {
    const takeId = await singleCamTake();
    const cases: [object, RegExp][] = [
      [
        { options: { mocapModel: 'M1' } },
        /options.mocapModel "M1" is for multi-camera jobs; a single-camera job takes S1 or S2/,
      ],
      [{ numberOfActors: 2 }, /numberOfActors is for multi-camera jobs; take-[\w-]+ is a single-camera take/],
      [{ numberOfActors: 2, rig: 'move_mo' }, /numberOfActors and rig are for multi-camera jobs/],
      [{ outputs: ['MAIN_FBXX'] }, /did you mean MAIN_FBX/],
    ];
    for (const [settings, message] of cases) {
      const err = await createJob({ takeId, ...settings }, { ugc: ugc(), sleep: fastSleep }).catch((e) => e);
      expect(err, JSON.stringify(settings)).toBeInstanceOf(MoveValidationError);
      expect(err.message).toMatch(message);
    }
    expect(sim.jobs()).toHaveLength(0);
  });
});

describe('createVolume', () => {
  const base = { humanHeight: 1.8, sync: { clapWindow: { startTime: 1, endTime: 3 } } };

  it('makes one volume from files on Move, once, even when its answer is lost', async () => {
    const cameras = await calibrationCameras();
    sim.setFaults({ schedule: [{ kind: 'drop-response', operation: 'createVolumeWithHuman' }] });
    const journal = memoryJournal();
    const created = await createVolume({ ...base, cameras }, { ugc: ugc(), sleep: fastSleep, journal });
    const again = await createVolume({ ...base, cameras }, { ugc: ugc(), sleep: fastSleep, journal });
    expect(sim.volumes().map((volume) => volume.id)).toEqual([created.volume.id]);
    expect(again.volume.id).toBe(created.volume.id);
    expect(again.resumed).toBe(true);
    expect(created.volume.sources?.map((source) => [source.deviceLabel, source.format])).toEqual([
      ['cam-1', 'MP4'],
      ['cam-2', 'MP4'],
    ]);
  });

  it('uploads cameras given as videos, and refuses what cannot make a volume before paying', async () => {
    const cameras: VolumeCamera[] = [0, 1].map((i) => ({
      video: video(5000 + i),
      deviceLabel: `cam-${i + 1}`,
      lens: LENS,
    }));
    const created = await createVolume({ ...base, cameras }, { ugc: ugc(), sleep: fastSleep });
    expect(sim.requests.filter((r) => r.kind === 'upload')).toHaveLength(2);
    expect(created.volume.sources).toHaveLength(2);

    const bad: [object, RegExp][] = [
      [{ cameras: cameras.slice(0, 1) }, /cameras must list 2 or more cameras, one video each \(got 1\)/],
      [{ cameras: [cameras[0], { ...cameras[1], deviceLabel: 'cam-1' }] }, /two cameras are labelled "cam-1"/],
      [
        { cameras: [cameras[0], { ...cameras[1], lens: 'iphone15pro' }] },
        /cameras\[1\].lens: "iphone15pro" is not a camera lens Move knows \(did you mean iphone15pro-main\?\)/,
      ],
    ];
    for (const [input, message] of bad) {
      const err = await createVolume({ ...base, ...input } as never, { ugc: ugc(), sleep: fastSleep }).catch((e) => e);
      expect(err).toBeInstanceOf(MoveValidationError);
      expect(err.message).toMatch(message);
    }
    expect(sim.volumes()).toHaveLength(1);
  });
});

describe('a run that does not wait', () => {
  it("reports a reused job's own state, not NOT_STARTED", async () => {
    const options = { ugc: ugc(), sleep: fastSleep, wait: false } as const;
    const first = await runSingleCam({ video: video(), idempotencyKey: 'k-1' }, options);
    expect(first.state).toBe('NOT_STARTED');
    // The simulator's jobs take 80 ms: by now this one has finished.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await runSingleCam({ video: video(4097), idempotencyKey: 'k-1' }, options);
    expect(again.reused).toBe(true);
    expect(again.jobId).toBe(first.jobId);
    expect(again.state).toBe('FINISHED');
  });
});

describe('createTake', () => {
  it('makes a single-camera take from a file on Move or a file to upload, once per request', async () => {
    const file = await uploadFile({ source: video() }, { ugc: ugc(), sleep: fastSleep });
    const journal = memoryJournal();
    const options = { ugc: ugc(), sleep: fastSleep, journal };
    const byId = await createTake({ video: { fileId: file.fileId }, name: 'walk' }, options);
    const again = await createTake({ video: { fileId: file.fileId }, name: 'walk' }, options);
    expect(byId.take.sources?.map((s) => [s?.deviceLabel, s?.format])).toEqual([['iphone', 'MP4']]);
    expect([again.take.id, again.resumed]).toEqual([byId.take.id, true]);

    const uploaded = await createTake(
      { video: { source: video(4100) }, move: { source: bytesSource(new Uint8Array([1, 2, 3]), 'clip.move') } },
      options,
    );
    expect(uploaded.take.sources?.map((s) => s?.format)).toEqual(['MP4', 'MOVE']);
    expect(sim.takes()).toHaveLength(2);
  });

  it("makes a multi-camera take of the volume's own cameras, and refuses others before anything is sent", async () => {
    const volume = await createVolume(
      { cameras: await calibrationCameras(), humanHeight: 1.8, sync: { timecode: true } },
      { ugc: ugc(), sleep: fastSleep },
    );
    const cameras: VolumeCamera[] = [0, 1].map((i) => ({
      video: video(6000 + i),
      deviceLabel: `cam-${i + 1}`,
      lens: LENS,
    }));
    const created = await createTake(
      { volumeId: volume.volume.id, cameras, sync: { timecode: true } },
      { ugc: ugc(), sleep: fastSleep },
    );
    expect(created.take.takeType).toBe('MULTI_CAM');
    expect(created.take.sources).toHaveLength(2);

    const takes = sim.takes().length;
    const bad: [object, RegExp][] = [
      [
        { cameras: [cameras[0], { ...cameras[1], deviceLabel: 'cam-9' }] },
        /cameras\[1\].deviceLabel "cam-9" is not a camera of volume/,
      ],
      [
        { cameras: [cameras[0], { ...cameras[1], lens: 'goprohero10-fhd' }] },
        /has lens goprohero10-fhd here but iphone15pro-main in volume/,
      ],
      [{ volumeId: 'volume-00000000-0000-0000-0000-000000000000' }, /there is no volume volume-0{8}-/],
    ];
    for (const [change, message] of bad) {
      const input = { volumeId: volume.volume.id, cameras, ...change };
      const err = await createTake(input as never, { ugc: ugc(), sleep: fastSleep }).catch((e) => e);
      expect(err).toBeInstanceOf(MoveValidationError);
      expect(err.message).toMatch(message);
    }
    expect(sim.takes()).toHaveLength(takes);
  });
});

describe('downloadJobOutputs', () => {
  it('downloads only the formats asked for', async () => {
    const options = { ugc: ugc(), sleep: fastSleep, ...WAIT };
    const run = await runSingleCam(
      { video: video(), outputs: ['MAIN_FBX', 'MAIN_GLB', 'RENDER_VIDEO'] },
      { ...options, wait: false },
    );
    const sink = memorySink();
    const saved = await downloadJobOutputs(run.jobId, { ...options, sink, formats: ['GLB', 'mp4'] });
    expect(saved.outputs.map((output) => output.format).sort()).toEqual(['glb', 'mp4']);
    expect([...sink.files.keys()].sort()).toEqual(saved.outputs.map((output) => output.fileName).sort());
  });
});
