import { outputChecksum, sampleVideo } from '@move-ugc/mock';
import { MoveAbortError, MoveValidationError } from '@move-ugc/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bytesSource,
  type CameraInput,
  MoveVolumeFailedError,
  type MultiCamInput,
  memoryJournal,
  type RunEvent,
  runMultiCam,
} from '../src/index';
import { eventLog, fastSleep, type MemorySink, memorySink, useSimulator, WAIT } from './helpers/simulator';

/** The simulator's clock, held still while `frozenAt` is set (state is a function of it). */
let frozenAt: number | undefined;
const { sim, ugc } = useSimulator({ now: () => frozenAt ?? Date.now() });
afterEach(() => {
  frozenAt = undefined;
});

const LENS = 'iphone15pro-main';

/** Two cameras by default; each video differs in size, so each has its own identity. */
function cameras(prefix: string, count = 2, lens = LENS): CameraInput[] {
  return Array.from({ length: count }, (_, i) => ({
    video: bytesSource(sampleVideo('MP4', 2048 + i), `${prefix}-${i + 1}.mp4`),
    deviceLabel: `cam-${i + 1}`,
    lens,
  }));
}

const volume = (): MultiCamInput & { volume: object } => ({
  volume: { cameras: cameras('calibration'), humanHeight: 1.8, sync: { clapWindow: { startTime: 1, endTime: 3 } } },
  take: { cameras: cameras('take') },
});

function expectOutputsMatch(jobId: string, sink: MemorySink) {
  const job = sim.jobs().find((j) => j.id === jobId)!;
  expect(job.outputs.length).toBeGreaterThan(0);
  expect(sink.files.size).toBe(job.outputs.length);
  for (const output of job.outputs) {
    const name = [...sink.files.keys()].find((n) => n.includes(`.${output.format}`));
    expect(name, `an output file for ${output.format}`).toBeDefined();
    expect(sink.sha256(name!)).toBe(outputChecksum(jobId, output.format, output.size));
  }
}

const roles = (events: RunEvent[], type: RunEvent['type']) =>
  events.flatMap((e) => (e.type === type && 'role' in e ? [e.role] : []));

describe('runMultiCam', () => {
  it('uploads the calibration videos, makes the volume, then the take and job, and downloads every output', async () => {
    const sink = memorySink();
    const log = eventLog();
    const result = await runMultiCam(
      {
        ...volume(),
        outputs: ['MAIN_FBX', 'render_video'],
        numberOfActors: 2,
        rig: 'move_ue5',
        options: { mocapModel: 'M2' },
        name: 'duet',
      },
      { ugc: ugc(), sleep: fastSleep, sink, onEvent: log.onEvent, ...WAIT },
    );
    expect(result.state).toBe('FINISHED');
    expect(result.outputs.map((o) => o.fileName).sort()).toEqual(['duet.fbx', 'duet.mp4']);
    expectOutputsMatch(result.jobId, sink);

    const [made] = sim.volumes();
    expect(sim.volumes()).toHaveLength(1);
    expect(made!.id).toBe(result.volumeId);
    expect(made!.humanHeight).toBe(1.8);
    expect(made!.areaType).toBe('NORMAL');
    expect(made!.sources.map((s) => [s.deviceLabel, s.lens, s.format])).toEqual([
      ['cam-1', LENS, 'MP4'],
      ['cam-2', LENS, 'MP4'],
    ]);
    const [take] = sim.takes();
    expect(take!.takeType).toBe('MULTI_CAM');
    expect(take!.volumeId).toBe(result.volumeId);
    expect(take!.id).toBe(result.takeId);
    // A clap window belongs to one recording: it is not carried over to the take.
    expect(take!.syncMethod).toBeNull();
    const [job] = sim.jobs();
    expect([job!.takeType, job!.rig, job!.numberOfActors, job!.options?.mocapModel]).toEqual([
      'MULTI_CAM',
      'move_ue5',
      2,
      'M2',
    ]);
    expect(JSON.parse(job!.metadata!)._moveUgc.clientToken).toMatch(/^ct_/);
    expect(JSON.parse(made!.metadata!)._moveUgc.clientToken).toMatch(/^ct_/);

    expect(roles(log.events, 'upload.done')).toEqual(['volume-0', 'volume-1', 'camera-0', 'camera-1']);
    expect(Object.keys(result.fileIds).sort()).toEqual(['camera-0', 'camera-1', 'volume-0', 'volume-1']);
    expect(result.fileIds['volume-0']).toBe(made!.sources[0]!.fileId);
    const types = log.types();
    const order: RunEvent['type'][] = [
      'volume.created',
      'volume.progress',
      'take.created',
      'job.created',
      'job.progress',
      'outputs.ready',
      'download.done',
    ];
    expect(order.map((t) => types.indexOf(t))).toEqual(order.map((t) => types.indexOf(t)).sort((a, b) => a - b));
    expect(order.every((t) => types.includes(t))).toBe(true);
    // The volume was polled to FINISHED before any take video went up.
    const finished = log.events.findIndex((e) => e.type === 'volume.progress' && e.state === 'FINISHED');
    expect(finished).toBeGreaterThan(-1);
    expect(finished).toBeLessThan(log.events.findIndex((e) => e.type === 'upload.started' && e.role === 'camera-0'));
  });

  it('makes Move’s multi-camera defaults (no overlay video) when no outputs are named', async () => {
    const sink = memorySink();
    const result = await runMultiCam(volume(), { ugc: ugc(), sleep: fastSleep, sink, ...WAIT });
    expect(result.outputs).toHaveLength(6);
    expect(result.outputs.some((o) => o.format.includes('overlay'))).toBe(false);
    expectOutputsMatch(result.jobId, sink);
  });

  it('timecode sync on the volume carries over to the take; LARGE area and a volume clip window are sent', async () => {
    await runMultiCam(
      {
        volume: {
          cameras: cameras('calibration', 3),
          humanHeight: 1.62,
          areaType: 'LARGE',
          sync: { timecode: true },
          clipWindow: { startTime: 0, endTime: 20 },
        },
        take: { cameras: cameras('take', 3) },
      },
      { ugc: ugc(), sleep: fastSleep, wait: false, ...WAIT },
    );
    expect(sim.volumes()[0]!.areaType).toBe('LARGE');
    expect(sim.volumes()[0]!.sources).toHaveLength(3);
    expect(sim.takes()[0]!.syncMethod).toEqual({ clapWindow: null, timecodeSync: { useTimecode: true } });
    const create = sim.requests.find((r) => r.operationName === 'CreateVolumeWithHuman')!;
    expect(create.variables).toMatchObject({
      clipWindow: { startTime: 0, endTime: 20 },
      syncMethod: { timecodeSync: { useTimecode: true } },
    });
  });

  it('a take may be filmed by some of the volume’s cameras, with its own clap window', async () => {
    await runMultiCam(
      {
        volume: {
          cameras: cameras('calibration', 3),
          humanHeight: 1.7,
          sync: { clapWindow: { startTime: 1, endTime: 2 } },
        },
        take: { cameras: cameras('take', 3).slice(1), sync: { clapWindow: { startTime: 4, endTime: 6 } } },
      },
      { ugc: ugc(), sleep: fastSleep, wait: false, ...WAIT },
    );
    const take = sim.takes()[0]!;
    expect(take.sources.map((s) => s.deviceLabel)).toEqual(['cam-2', 'cam-3']);
    expect(take.syncMethod?.clapWindow).toEqual({ startTime: 4, endTime: 6 });
  });

  it('reuses an existing FINISHED volume by id: no calibration upload, no second volume', async () => {
    const first = await runMultiCam(volume(), { ugc: ugc(), sleep: fastSleep, wait: false, ...WAIT });
    const filesBefore = sim.countOperations('createFile');
    const log = eventLog();
    const sink = memorySink();
    const second = await runMultiCam(
      { volumeId: first.volumeId, take: { cameras: cameras('second-take') }, outputs: ['MAIN_GLB'] },
      { ugc: ugc(), sleep: fastSleep, sink, onEvent: log.onEvent, ...WAIT },
    );
    expect(second.volumeId).toBe(first.volumeId);
    expect(sim.volumes()).toHaveLength(1);
    expect(sim.countOperations('createVolumeWithHuman')).toBe(1);
    expect(sim.countOperations('createFile') - filesBefore).toBe(2);
    expect(roles(log.events, 'upload.started')).toEqual(['camera-0', 'camera-1']);
    expect(sim.takes().map((t) => t.volumeId)).toEqual([first.volumeId, first.volumeId]);
    expect(Object.keys(second.fileIds).sort()).toEqual(['camera-0', 'camera-1']);
    expectOutputsMatch(second.jobId, sink);
  });

  it('a volume given by id that is still processing is waited for before the take', async () => {
    const controller = new AbortController();
    await runMultiCam(volume(), {
      ugc: ugc(),
      sleep: fastSleep,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type !== 'volume.created') return;
        frozenAt = Date.now();
        controller.abort();
      },
    }).catch(() => {});
    const volumeId = sim.volumes()[0]!.id;
    expect(['NOT_STARTED', 'RUNNING']).toContain(sim.volumes()[0]!.state);
    const log = eventLog();
    const result = await runMultiCam(
      { volumeId, take: { cameras: cameras('take') }, outputs: ['MAIN_FBX'] },
      {
        ugc: ugc(),
        sleep: fastSleep,
        onEvent: (e) => {
          log.onEvent(e);
          if (e.type === 'volume.progress') frozenAt = undefined;
        },
        ...WAIT,
      },
    );
    const states = log.events.flatMap((e) => (e.type === 'volume.progress' ? [e.state] : []));
    expect(['NOT_STARTED', 'RUNNING']).toContain(states[0]);
    expect(states.at(-1)).toBe('FINISHED');
    expect(log.types().indexOf('take.created')).toBeGreaterThan(log.types().lastIndexOf('volume.progress'));
    expect(result.state).toBe('FINISHED');
  });

  it('an idempotency key finds the multi-camera job made with another journal, with its volume and take', async () => {
    const input = { ...volume(), idempotencyKey: 'shoot-9', outputs: ['MAIN_FBX'] };
    const first = await runMultiCam(input, {
      ugc: ugc(),
      sleep: fastSleep,
      journal: memoryJournal(),
      wait: false,
      ...WAIT,
    });
    const second = await runMultiCam(
      { ...volume(), idempotencyKey: 'shoot-9', outputs: ['MAIN_FBX'] },
      { ugc: ugc(), sleep: fastSleep, journal: memoryJournal(), wait: false, ...WAIT },
    );
    expect(second.reused).toBe(true);
    expect([second.jobId, second.volumeId, second.takeId]).toEqual([first.jobId, first.volumeId, first.takeId]);
    expect(sim.volumes()).toHaveLength(1);
    expect(sim.jobs()).toHaveLength(1);
    expect(sim.countOperations('createFile')).toBe(4);
  });
});

describe('validation before anything is uploaded', () => {
  const base = volume;
  type Case = [string, () => MultiCamInput, RegExp, string[]];
  const none: string[] = [];
  const cases: Case[] = [
    [
      'one camera in the volume',
      () => ({ ...base(), volume: { ...base().volume!, cameras: cameras('c', 1) } }),
      /volume.cameras must list 2 or more cameras.*got 1/,
      none,
    ],
    [
      'one camera in the take',
      () => ({ ...base(), take: { cameras: cameras('t', 1) } }),
      /take.cameras must list 2 or more cameras/,
      none,
    ],
    [
      'no volume and no volumeId',
      () => ({ take: { cameras: cameras('t') } }) as never,
      /either volume .* or volumeId/,
      none,
    ],
    [
      'a height in centimetres',
      () => ({ ...base(), volume: { ...base().volume!, humanHeight: 180 } }),
      /metres.*180 looks like centimetres: use 1.8/,
      none,
    ],
    [
      'a height of 0.3 m',
      () => ({ ...base(), volume: { ...base().volume!, humanHeight: 0.3 } }),
      /from 0.5 to 2.5 \(got 0.3\)/,
      none,
    ],
    [
      'the overlay video',
      () => ({ ...base(), outputs: ['MAIN_FBX', 'RENDER_OVERLAY_VIDEO'] }),
      /RENDER_OVERLAY_VIDEO .*single-camera jobs only/,
      none,
    ],
    [
      'a single-camera model',
      () => ({ ...base(), options: { mocapModel: 'S2' } }),
      /options.mocapModel "S2" is for single-camera jobs; a multi-camera job takes M1 or M2/,
      none,
    ],
    [
      'take labels that are not the volume’s',
      () => ({ ...base(), take: { cameras: cameras('t').map((c, i) => ({ ...c, deviceLabel: `side-${i}` })) } }),
      /"side-0" is not a camera of the volume \(its cameras: cam-1, cam-2\)/,
      none,
    ],
    [
      'a camera whose lens changed',
      () => ({ ...base(), take: { cameras: cameras('t', 2, 'iphone14pro-main') } }),
      /has lens iphone14pro-main here but iphone15pro-main in the volume/,
      none,
    ],
    [
      'two cameras with one label',
      () => ({ ...base(), take: { cameras: cameras('t').map((c) => ({ ...c, deviceLabel: 'cam-1' })) } }),
      /two cameras are labelled "cam-1"/,
      none,
    ],
    [
      'a bad device label',
      () => ({ ...base(), take: { cameras: cameras('t').map((c) => ({ ...c, deviceLabel: 'Cam 1' })) } }),
      /try "cam-1"/,
      none,
    ],
    [
      'both sync methods',
      () => ({
        ...base(),
        volume: { ...base().volume!, sync: { clapWindow: { startTime: 1, endTime: 2 }, timecode: true } as never },
      }),
      /exactly one of/,
      none,
    ],
    [
      'a reversed clap window',
      () => ({ ...base(), volume: { ...base().volume!, sync: { clapWindow: { startTime: 3, endTime: 1 } } } }),
      /volume.sync.clapWindow: startTime \(3\) must be before endTime/,
      none,
    ],
    [
      'zero actors',
      () => ({ ...base(), numberOfActors: 0 }),
      /numberOfActors must be a whole number from 1 to 10/,
      none,
    ],
    [
      'a PDF as a camera video',
      () => ({
        ...base(),
        take: {
          cameras: [
            cameras('t')[0]!,
            { ...cameras('t')[1]!, video: bytesSource(Buffer.from('%PDF-1.7 xxxxxxxxxxxx'), 'b.mp4') },
          ],
        },
      }),
      /take.cameras\[1\].video "b.mp4" is not an MP4/,
      none,
    ],
    [
      'an unknown rig',
      () => ({ ...base(), rig: 'move_ue6' }),
      /rig: "move_ue6" is not a rig Move knows \(did you mean move_ue5\?\)\. Valid: move_mo, move_ue5/,
      ['listCameraSettings', 'listRigs'],
    ],
    [
      'an unknown volume id',
      () => ({ volumeId: 'volume-00000000-0000-0000-0000-000000000000', take: { cameras: cameras('t') } }),
      /no volume volume-0+.* in this account/,
      ['listCameraSettings', 'getVolume'],
    ],
  ];
  it.each(cases)('%s', async (_, input, message, lookups) => {
    const err = await runMultiCam(input(), { ugc: ugc(), sleep: fastSleep }).catch((e) => e);
    expect(err).toBeInstanceOf(MoveValidationError);
    expect(err.message).toMatch(message);
    // Nothing but catalogue lookups: no file, volume, take or job.
    expect(sim.requests.flatMap((r) => r.fields).sort()).toEqual([...lookups].sort());
    expect(sim.countOperations('createFile')).toBe(0);
  });

  it('an unknown lens names the field, suggests the nearest lens and lists the valid ones', async () => {
    const err = await runMultiCam(
      {
        ...base(),
        volume: { ...base().volume!, cameras: cameras('c', 2, 'iphone15pro') },
        take: { cameras: cameras('t', 2, 'iphone15pro') },
      },
      { ugc: ugc(), sleep: fastSleep },
    ).catch((e) => e);
    expect(err).toBeInstanceOf(MoveValidationError);
    expect(err.message).toMatch(
      /^volume.cameras\[0\].lens: "iphone15pro" is not a camera lens Move knows \(did you mean iphone15pro-main\?\)/,
    );
    expect(err.message).toMatch(/Valid: goprohero10-fhd, .*iphone15pro-main.*\(from ugc.cameraSettings.list\(\)\)/);
    expect(sim.countOperations('listCameraSettings')).toBe(1);
    expect(sim.requests).toHaveLength(1);
  });

  it('a FAILED volume is refused by id before any upload', async () => {
    sim.setFaults({ jobFailureRate: 1 });
    const err = await runMultiCam(volume(), { ugc: ugc(), sleep: fastSleep, ...WAIT }).catch((e) => e);
    expect(err).toBeInstanceOf(MoveVolumeFailedError);
    const files = sim.countOperations('createFile');
    const again = await runMultiCam(
      { volumeId: err.volumeId, take: { cameras: cameras('t') } },
      { ugc: ugc(), sleep: fastSleep },
    ).catch((e) => e);
    expect(again).toBeInstanceOf(MoveValidationError);
    expect(again.message).toMatch(/FAILED, so it cannot calibrate a take/);
    expect(sim.countOperations('createFile')).toBe(files);
  });
});

describe('exactly once and resumable', () => {
  it('the lost response of createVolumeWithHuman ends with exactly one volume', async () => {
    sim.setFaults({ schedule: [{ kind: 'drop-response', operation: 'createVolumeWithHuman' }] });
    const log = eventLog();
    const sink = memorySink();
    const result = await runMultiCam(
      { ...volume(), outputs: ['MAIN_FBX'] },
      { ugc: ugc(), sleep: fastSleep, sink, onEvent: log.onEvent, ...WAIT },
    );
    expect(sim.pendingFaults()).toEqual([]);
    expect(sim.volumes()).toHaveLength(1);
    expect(sim.countOperations('createVolumeWithHuman')).toBe(1);
    expect(result.volumeId).toBe(sim.volumes()[0]!.id);
    expect(log.events).toContainEqual(expect.objectContaining({ type: 'retry', phase: 'volume' }));
    expect(log.events).toContainEqual({ type: 'volume.created', volumeId: result.volumeId, resumed: true });
    expectOutputsMatch(result.jobId, sink);
  });

  it('the lost response of createMultiCamJob ends with exactly one job', async () => {
    sim.setFaults({ schedule: [{ kind: 'drop-response', operation: 'createMultiCamJob' }] });
    const sink = memorySink();
    const result = await runMultiCam(
      { ...volume(), outputs: ['MAIN_FBX', 'RENDER_VIDEO'] },
      { ugc: ugc(), sleep: fastSleep, sink, ...WAIT },
    );
    expect(sim.pendingFaults()).toEqual([]);
    expect(sim.jobs()).toHaveLength(1);
    expect(sim.countOperations('createMultiCamJob')).toBe(1);
    expect(result.jobId).toBe(sim.jobs()[0]!.id);
    expectOutputsMatch(result.jobId, sink);
  });

  it('a lost take response is simply sent again (a take costs nothing), with a pause, up to 5 times', async () => {
    sim.setFaults({ schedule: [{ kind: 'drop-response', operation: 'createMultiCamTake', times: 4 }] });
    const events: RunEvent[] = [];
    const result = await runMultiCam(volume(), {
      ugc: ugc(),
      sleep: fastSleep,
      wait: false,
      onEvent: (e) => events.push(e),
      ...WAIT,
    });
    expect(sim.countOperations('createMultiCamTake')).toBe(5);
    expect(events.filter((e) => e.type === 'retry' && e.phase === 'take')).toHaveLength(4);
    expect(sim.jobs()[0]!.takeId).toBe(result.takeId);
  });

  it('resumes after an abort during the volume wait: no second volume, no second calibration upload', async () => {
    const journal = memoryJournal();
    const controller = new AbortController();
    const err = await runMultiCam(volume(), {
      ugc: ugc(),
      sleep: fastSleep,
      journal,
      signal: controller.signal,
      onEvent: (e) => e.type === 'volume.progress' && controller.abort(),
      ...WAIT,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(MoveAbortError);
    expect(sim.countOperations('createFile')).toBe(2);
    expect(sim.takes()).toHaveLength(0);

    const log = eventLog();
    const sink = memorySink();
    const result = await runMultiCam(volume(), {
      ugc: ugc(),
      sleep: fastSleep,
      journal,
      sink,
      onEvent: log.onEvent,
      ...WAIT,
    });
    expect(result.resumed).toBe(true);
    expect(sim.countOperations('createVolumeWithHuman')).toBe(1);
    expect(sim.countOperations('createFile')).toBe(4);
    expect(roles(log.events, 'upload.started')).toEqual(['camera-0', 'camera-1']);
    expect(log.events).toContainEqual({ type: 'volume.created', volumeId: result.volumeId, resumed: true });
    expect(sink.files.size).toBe(6);
    expectOutputsMatch(result.jobId, sink);
  });

  it('a crash between sending the volume and journalling its id finds the volume by its token', async () => {
    const journal = memoryJournal();
    sim.setFaults({ schedule: [{ kind: 'drop-response', operation: 'createVolumeWithHuman' }] });
    const controller = new AbortController();
    await runMultiCam(volume(), {
      ugc: ugc(),
      sleep: fastSleep,
      journal,
      signal: controller.signal,
      onEvent: (e) => e.type === 'retry' && controller.abort(),
    }).catch(() => {});
    const record = [...journal.records.values()][0]!;
    expect(record.volumeToken).toMatch(/^ct_/);
    expect(record.volumeId).toBeUndefined();
    expect(sim.volumes()).toHaveLength(1);

    const result = await runMultiCam(volume(), { ugc: ugc(), sleep: fastSleep, journal, wait: false, ...WAIT });
    expect(result.volumeId).toBe(sim.volumes()[0]!.id);
    expect(sim.volumes()).toHaveLength(1);
    expect(sim.countOperations('createFile')).toBe(4);
  });

  it('a re-run after the job was made goes straight to the outputs', async () => {
    const journal = memoryJournal();
    const first = await runMultiCam(volume(), { ugc: ugc(), sleep: fastSleep, journal, wait: false, ...WAIT });
    const sink = memorySink();
    const second = await runMultiCam(volume(), { ugc: ugc(), sleep: fastSleep, journal, sink, ...WAIT });
    expect([second.jobId, second.volumeId, second.takeId]).toEqual([first.jobId, first.volumeId, first.takeId]);
    expect(sim.countOperations('createFile')).toBe(4);
    expect(sim.countOperations('createMultiCamTake')).toBe(1);
    expectOutputsMatch(second.jobId, sink);
  });
});

describe('a FAILED volume', () => {
  it('is MoveVolumeFailedError with the volume id; nothing further is made, and a re-run makes a new volume without uploading again', async () => {
    const journal = memoryJournal();
    sim.setFaults({ jobFailureRate: 1 });
    const log = eventLog();
    const err = await runMultiCam(volume(), {
      ugc: ugc(),
      sleep: fastSleep,
      journal,
      onEvent: log.onEvent,
      ...WAIT,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(MoveVolumeFailedError);
    expect(err.volumeId).toBe(sim.volumes()[0]!.id);
    expect(err.message).toContain(err.volumeId);
    expect(log.events).toContainEqual(expect.objectContaining({ type: 'volume.progress', state: 'FAILED' }));
    expect(sim.takes()).toHaveLength(0);
    expect(sim.jobs()).toHaveLength(0);

    sim.clearFaults();
    const result = await runMultiCam(volume(), { ugc: ugc(), sleep: fastSleep, journal, wait: false, ...WAIT });
    expect(sim.volumes()).toHaveLength(2);
    expect(result.volumeId).not.toBe(err.volumeId);
    expect(sim.countOperations('createFile')).toBe(4);
  });
});
