import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MOCK_FAIL_KEY, outputChecksum, sampleVideo } from '@move-ugc/mock';
import { MoveAbortError, MoveValidationError } from '@move-ugc/sdk';
import { describe, expect, it } from 'vitest';
import {
  blobSource,
  bytesSource,
  downloadJobOutputs,
  fetchTransfer,
  MoveJobFailedError,
  MoveTransferError,
  memoryJournal,
  runSingleCam,
  type TransferAgent,
  waitForJob,
} from '../src/index';
import { directorySink } from '../src/node/index';
import { eventLog, fastSleep, memorySink, useSimulator, WAIT } from './helpers/simulator';
import { useTempDirs } from './node/helpers/temp';

const { sim, ugc } = useSimulator();

const video = () => bytesSource(sampleVideo('MP4', 4096), 'clip.mp4');
const sidecar = () => bytesSource(Buffer.from('MOVE-SIDECAR'.repeat(10)), 'clip.move');

function expectOutputsMatch(jobId: string, sink: ReturnType<typeof memorySink>, names: string[]) {
  const job = sim.jobs().find((j) => j.id === jobId)!;
  expect(job.outputs.length).toBeGreaterThan(0);
  for (const output of job.outputs) {
    const name = names.find((n) => n.includes(`.${output.format}`) || n.endsWith(`.${output.format}`));
    expect(name, `an output file for ${output.format}`).toBeDefined();
    expect(sink.sha256(name!)).toBe(outputChecksum(jobId, output.format, sink.files.get(name!)!.length));
  }
}

describe('runSingleCam', () => {
  it('uploads, creates take and job, waits, downloads every output byte for byte', async () => {
    const sink = memorySink();
    const log = eventLog();
    const result = await runSingleCam(
      { video: video(), outputs: ['main_fbx', 'RENDER_VIDEO'], name: 'dance' },
      { ugc: ugc(), sleep: fastSleep, sink, onEvent: log.onEvent, ...WAIT },
    );
    expect(result.state).toBe('FINISHED');
    expect(result.outputs.map((o) => o.fileName).sort()).toEqual(['dance.fbx', 'dance.mp4']);
    expect(sim.jobs()).toHaveLength(1);
    expect(sim.takes()).toHaveLength(1);
    expect(
      sim
        .jobs()[0]!
        .outputs.map((o) => o.format)
        .sort(),
    ).toEqual(['fbx', 'mp4']);
    expectOutputsMatch(result.jobId, sink, [...sink.files.keys()]);
    expect(result.outputs.every((o) => o.bytes === sink.files.get(o.fileName)!.length)).toBe(true);
    const types = log.types();
    for (const t of [
      'upload.started',
      'upload.progress',
      'upload.done',
      'take.created',
      'job.created',
      'job.progress',
      'outputs.ready',
      'download.done',
    ]) {
      expect(types).toContain(t);
    }
    expect(types.indexOf('upload.done')).toBeLessThan(types.indexOf('take.created'));
  });

  it('sends the .move sidecar as a second source with the same device label', async () => {
    const result = await runSingleCam(
      { video: video(), move: sidecar(), deviceLabel: 'iphone-15', outputs: ['MAIN_GLB'] },
      { ugc: ugc(), sleep: fastSleep, sink: memorySink(), ...WAIT },
    );
    const take = sim.takes()[0]!;
    expect(take.sources.map((s) => [s.format, s.deviceLabel])).toEqual([
      ['MP4', 'iphone-15'],
      ['MOVE', 'iphone-15'],
    ]);
    expect(result.fileIds.move).toBeDefined();
  });

  it('uses Move’s default outputs when none are asked for', async () => {
    const sink = memorySink();
    const result = await runSingleCam({ video: video() }, { ugc: ugc(), sleep: fastSleep, sink, ...WAIT });
    expect(result.outputs.length).toBe(7);
    expectOutputsMatch(result.jobId, sink, [...sink.files.keys()]);
  });

  it('returns URLs only when no sink is given', async () => {
    const result = await runSingleCam(
      { video: video(), outputs: ['MAIN_FBX'] },
      { ugc: ugc(), sleep: fastSleep, ...WAIT },
    );
    expect(result.outputs[0]?.url).toMatch(/^https:\/\/mock\.move-ugc\.test\//);
  });

  it('stops after job creation with wait: false', async () => {
    const result = await runSingleCam({ video: video() }, { ugc: ugc(), sleep: fastSleep, wait: false });
    expect(result.jobId).toMatch(/^job-/);
    expect(sim.countOperations('getJob')).toBe(0);
  });

  it('puts metadata and a client token in the job', async () => {
    const result = await runSingleCam(
      { video: video(), metadata: { shot: 12 }, idempotencyKey: 'ci-42' },
      { ugc: ugc(), sleep: fastSleep, wait: false },
    );
    const job = sim.jobs().find((j) => j.id === result.jobId)!;
    const metadata = JSON.parse(job.metadata!);
    expect(metadata.shot).toBe(12);
    expect(metadata._moveUgc.clientToken).toMatch(/^ct_/);
    expect(metadata._moveUgc.idempotencyKey).toBe('ci-42');
  });

  it('a failed job is MoveJobFailedError carrying the job id', async () => {
    // The simulator fails a job whose metadata carries its MOCK_FAIL_KEY.
    const err = await runSingleCam(
      { video: video(), metadata: { [MOCK_FAIL_KEY]: 'bad footage' } },
      { ugc: ugc(), sleep: fastSleep, ...WAIT },
    ).catch((e) => e);
    expect(err).toBeInstanceOf(MoveJobFailedError);
    expect(err.jobId).toBe(sim.jobs()[0]!.id);
    expect(err.message).toMatch(/failed on Move's side/);
  });
});

describe('validation before anything is sent', () => {
  const cases: [string, () => Parameters<typeof runSingleCam>[0], RegExp][] = [
    [
      'BI-26 an empty video',
      () => ({ video: bytesSource(new Uint8Array(0), 'a.mp4') }),
      /video "a\.mp4" is empty \(0 bytes\); check that it finished copying/,
    ],
    [
      'BI-27 a PDF named .mp4',
      () => ({ video: bytesSource(Buffer.from('%PDF-1.7 xxxxxxxxxxxx'), 'a.mp4') }),
      /not an MP4, MOV or AVI video: its first bytes look like a PDF document.*convert it/,
    ],
    [
      'BI-29 a video as sidecar',
      () => ({ video: video(), move: bytesSource(sampleVideo('MOV', 64), 'x.move') }),
      /is a video, not a .move sidecar. Pass the video as the video/,
    ],
    [
      'BI-30 a bad device label',
      () => ({ video: video(), deviceLabel: 'My iPhone' }),
      /deviceLabel must be lowercase letters, digits and single hyphens.*\(try "my-iphone"\)/,
    ],
    [
      'BI-31 an unknown output',
      () => ({ video: video(), outputs: ['MAIN_FBXX'] }),
      /did you mean MAIN_FBX\?.*Valid: ALL_BLEND/,
    ],
    ['BI-32 an empty outputs list', () => ({ video: video(), outputs: [] }), /at least one output.*Move's defaults/],
    [
      'BI-33 an unknown option',
      () => ({ video: video(), options: { trackFinger: true } as never }),
      /unknown option "trackFinger" \(did you mean trackFingers\?\)\. Valid: /,
    ],
    [
      'BI-34 a multi-camera model',
      () => ({ video: video(), options: { mocapModel: 'M2' } }),
      /options.mocapModel "M2" is for multi-camera jobs; a single-camera job takes S1 or S2/,
    ],
    [
      'BI-35 a reversed clip window',
      () => ({ video: video(), clipWindow: { startTime: 9, endTime: 2 } }),
      /startTime \(9\) must be before endTime \(2\); swap them/,
    ],
    [
      'BI-36 a negative clip start',
      () => ({ video: video(), clipWindow: { startTime: -1, endTime: 2 } }),
      /startTime must be 0 or more \(got -1\)/,
    ],
    ['metadata as a string', () => ({ video: video(), metadata: '{"a":1}' as never }), /plain object/],
    ['BI-37 reserved metadata', () => ({ video: video(), metadata: { _moveUgc: 1 } }), /"_moveUgc" is reserved/],
    [
      'BI-38 huge metadata',
      () => ({ video: video(), metadata: { x: 'y'.repeat(100_000) } }),
      /keep it under 65536 bytes \(store large data elsewhere/,
    ],
  ];
  it.each(cases)('%s', async (_, input, message) => {
    const err = await runSingleCam(input(), { ugc: ugc(), sleep: fastSleep }).catch((e) => e);
    expect(err).toBeInstanceOf(MoveValidationError);
    expect(err.message).toMatch(message);
    expect(sim.requests).toHaveLength(0);
  });

  it('BI-28 a video over 5 GiB is refused by its size, unread', async () => {
    const huge = { ...video(), size: 5 * 1024 ** 3 + 1 };
    await expect(runSingleCam({ video: huge }, { ugc: ugc() })).rejects.toThrow(
      /is 5\.0 GiB; Move accepts at most 5 GiB per file\. Trim or re-encode it first/,
    );
    expect(sim.requests).toHaveLength(0);
  });
});

describe('a hostile server', () => {
  const temp = useTempDirs();

  /** A fetch that hands the client Move's answers with every output naming a path outside the directory. */
  const hostileNames: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const text = await response.text();
    const evil = text.includes('"outputs"')
      ? text
          .replace(/"format":"[^"]*"/g, '"format":"../../x"')
          .replace(/"key":"[^"]*"/g, '"key":"/etc/x"')
          .replace(/"type":"[^"]*"/g, '"type":"../../../y"')
      : text;
    return new Response(evil, { status: response.status, headers: response.headers });
  };

  it('BI-39 keeps output names from the server inside the output directory, with nothing half-written', async () => {
    const root = await temp();
    const out = join(root, 'a', 'b', 'out');
    const result = await runSingleCam(
      { video: video(), outputs: ['MAIN_FBX', 'RENDER_VIDEO'], name: 'clip' },
      { ugc: ugc({ fetch: hostileNames }), sleep: fastSleep, sink: directorySink(out), ...WAIT },
    );
    const names = result.outputs.map((o) => o.fileName);
    expect(names).toHaveLength(2);
    expect(names).toEqual(['clip.x.y', 'clip.x-2.y']);
    // Everything written is a complete output directly under `out`: no escape, no .part left over.
    expect(await listFiles(root)).toEqual(names.map((name) => join('a', 'b', 'out', name)).sort());
    for (const output of result.outputs) expect((await stat(join(out, output.fileName))).size).toBe(output.bytes);
    expect(sim.jobs()).toHaveLength(1);
  });
});

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(prefix, entry.name);
    found.push(...(entry.isDirectory() ? await listFiles(join(dir, entry.name), path) : [path]));
  }
  return found.sort();
}

describe('exactly once and resumable', () => {
  it('a re-run of the same intent reuses uploads, take and job, and skips finished downloads', async () => {
    const journal = memoryJournal();
    const sink = memorySink();
    const first = await runSingleCam(
      { video: video(), outputs: ['MAIN_FBX'] },
      { ugc: ugc(), sleep: fastSleep, sink, journal, ...WAIT },
    );
    const log = eventLog();
    const second = await runSingleCam(
      { video: video(), outputs: ['MAIN_FBX'] },
      {
        ugc: ugc(),
        sleep: fastSleep,
        sink: { ...sink, held: async (_t, expected) => expected ?? 0 },
        journal,
        onEvent: log.onEvent,
        ...WAIT,
      },
    );
    expect(second.jobId).toBe(first.jobId);
    expect(second.resumed).toBe(true);
    expect(sim.countOperations('createFile')).toBe(1);
    expect(sim.countOperations('createSingleCamTake')).toBe(1);
    expect(sim.countOperations('createSingleCamJob')).toBe(1);
    expect(log.types()).toContain('download.skipped');
    expect(log.types()).not.toContain('upload.started');
  });

  it('a different intent (other outputs) is a new run', async () => {
    const journal = memoryJournal();
    await runSingleCam(
      { video: video(), outputs: ['MAIN_FBX'] },
      { ugc: ugc(), sleep: fastSleep, journal, wait: false },
    );
    await runSingleCam(
      { video: video(), outputs: ['MAIN_GLB'] },
      { ugc: ugc(), sleep: fastSleep, journal, wait: false },
    );
    expect(sim.jobs()).toHaveLength(2);
  });

  it('resumes after an abort during the wait: no second upload, take or job', async () => {
    const journal = memoryJournal();
    const controller = new AbortController();
    const err = await runSingleCam(
      { video: video() },
      {
        ugc: ugc(),
        sleep: fastSleep,
        journal,
        signal: controller.signal,
        onEvent: (e) => e.type === 'job.progress' && controller.abort(),
        ...WAIT,
      },
    ).catch((e) => e);
    expect(err).toBeInstanceOf(MoveAbortError);
    const sink = memorySink();
    const result = await runSingleCam({ video: video() }, { ugc: ugc(), sleep: fastSleep, journal, sink, ...WAIT });
    expect(result.resumed).toBe(true);
    expect(sim.countOperations('createFile')).toBe(1);
    expect(sim.countOperations('createSingleCamJob')).toBe(1);
    expect(sink.files.size).toBe(7);
  });

  it('the lost response of job creation ends with exactly one job', async () => {
    sim.setFaults({ schedule: [{ kind: 'drop-response', operation: 'createSingleCamJob' }] });
    const sink = memorySink();
    const result = await runSingleCam(
      { video: video(), outputs: ['MAIN_FBX'] },
      { ugc: ugc(), sleep: fastSleep, sink, ...WAIT },
    );
    expect(sim.jobs()).toHaveLength(1);
    expect(sim.countOperations('createSingleCamJob')).toBe(1);
    expect(result.jobId).toBe(sim.jobs()[0]!.id);
    expectOutputsMatch(result.jobId, sink, [...sink.files.keys()]);
  });

  it('a crash between sending the job and journalling its id finds the job by token', async () => {
    const journal = memoryJournal();
    // First run: the creation is performed but its response dropped, and the run gives up at once.
    sim.setFaults({ schedule: [{ kind: 'drop-response', operation: 'createSingleCamJob' }] });
    const controller = new AbortController();
    await runSingleCam(
      { video: video() },
      {
        ugc: ugc(),
        sleep: fastSleep,
        journal,
        signal: controller.signal,
        onEvent: (e) => e.type === 'retry' && controller.abort(),
      },
    ).catch(() => {});
    expect(sim.jobs()).toHaveLength(1);
    const record = [...journal.records.values()][0]!;
    expect(record.clientToken).toBeDefined();
    expect(record.jobId).toBeUndefined();
    const result = await runSingleCam({ video: video() }, { ugc: ugc(), sleep: fastSleep, journal, wait: false });
    expect(result.jobId).toBe(sim.jobs()[0]!.id);
    expect(sim.jobs()).toHaveLength(1);
  });

  it('an idempotency key finds the job made on another machine (another journal)', async () => {
    const first = await runSingleCam(
      { video: video(), idempotencyKey: 'release-7', outputs: ['MAIN_FBX'] },
      { ugc: ugc(), sleep: fastSleep, journal: memoryJournal(), wait: false },
    );
    const sink = memorySink();
    const second = await runSingleCam(
      { video: video(), idempotencyKey: 'release-7', outputs: ['MAIN_FBX'] },
      { ugc: ugc(), sleep: fastSleep, journal: memoryJournal(), sink, ...WAIT },
    );
    expect(second.reused).toBe(true);
    expect(second.jobId).toBe(first.jobId);
    expect(sim.jobs()).toHaveLength(1);
    expect(sim.countOperations('createFile')).toBe(1);
    expect(sink.files.size).toBe(1);
  });
});

describe('faults on the way', () => {
  const kinds = [
    ['http-500 on uploads', { schedule: [{ kind: 'http-500', target: 'upload', times: 2 }] }],
    ['http-503 on GraphQL', { schedule: [{ kind: 'http-503', target: 'graphql', times: 2 }] }],
    [
      'http-429 with Retry-After',
      { schedule: [{ kind: 'http-429', target: 'graphql', times: 2, retryAfterSeconds: 1 }] },
    ],
    ['a reset upload', { schedule: [{ kind: 'reset', target: 'upload' }] }],
    ['an expired upload URL', { schedule: [{ kind: 'expire-url', target: 'upload' }] }],
    ['a truncated download', { schedule: [{ kind: 'truncate', target: 'download', times: 2 }] }],
    ['an expired download URL', { schedule: [{ kind: 'expire-url', target: 'download' }] }],
    ['a reset download', { schedule: [{ kind: 'reset', target: 'download' }] }],
    ['http-502 on downloads', { schedule: [{ kind: 'http-502', target: 'download' }] }],
    ['a dropped createFile response', { schedule: [{ kind: 'drop-response', operation: 'createFile' }] }],
    ['a dropped take response', { schedule: [{ kind: 'drop-response', operation: 'createSingleCamTake' }] }],
  ] as const;
  it.each(kinds)('%s: outputs correct, exactly one job', async (_, plan) => {
    sim.setFaults(plan as never);
    const sink = memorySink();
    const result = await runSingleCam(
      { video: video(), outputs: ['MAIN_FBX', 'RENDER_VIDEO'] },
      { ugc: ugc(), sleep: fastSleep, sink, ...WAIT },
    );
    expect(sim.pendingFaults()).toEqual([]);
    expect(sim.jobs()).toHaveLength(1);
    expectOutputsMatch(result.jobId, sink, [...sink.files.keys()]);
  });

  it('a stalled GraphQL response times out and is retried', async () => {
    sim.setFaults({ schedule: [{ kind: 'stall', operation: 'getJob', stallMs: 5_000 }] });
    const sink = memorySink();
    const result = await runSingleCam(
      { video: video(), outputs: ['MAIN_FBX'] },
      { ugc: ugc({ timeoutMs: 100 }), sleep: fastSleep, sink, ...WAIT },
    );
    expect(sink.files.size).toBe(1);
    expect(result.state).toBe('FINISHED');
  });
});

describe('uploads and the upload URL’s signature', () => {
  it('send a typed File with no Content-Type (S3 did not sign one)', async () => {
    const file = new File([sampleVideo('MP4', 4096)], 'clip.mp4', { type: 'video/mp4' });
    const result = await runSingleCam(
      { video: blobSource(file, 'clip.mp4'), outputs: ['MAIN_FBX'] },
      { ugc: ugc(), sleep: fastSleep, sink: memorySink(), ...WAIT },
    );
    expect(result.state).toBe('FINISHED');
    expect(sim.countOperations('createFile')).toBe(1);
  });

  it('stop at once on SignatureDoesNotMatch, naming the likely header, before any job', async () => {
    // A transfer agent whose HTTP client adds a Content-Type, as n8n's did.
    const plain = fetchTransfer();
    const typed: TransferAgent = {
      get: plain.get,
      put: (url, body, options) =>
        fetchTransfer((input, init) =>
          fetch(input, {
            ...init,
            headers: { ...(init?.headers as object), 'content-type': 'application/x-www-form-urlencoded' },
          }),
        ).put(url, body, options),
    };
    const failure = await runSingleCam(
      { video: video(), outputs: ['MAIN_FBX'] },
      { ugc: ugc(), transfer: typed, sleep: fastSleep, ...WAIT },
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MoveTransferError);
    expect((failure as Error).message).toMatch(/HTTP 403 \(SignatureDoesNotMatch: .*such as a Content-Type/);
    expect((failure as Error).message).not.toMatch(/Signature=|SignatureProvided/);
    // A fresh URL would be refused the same way: no retries, no second file record, no job.
    expect(sim.countOperations('createFile')).toBe(1);
    expect(sim.jobs()).toHaveLength(0);
  });
});

describe('waiting on its own', () => {
  it('waitForJob by id after the fact returns the finished job with output URLs', async () => {
    const { jobId } = await runSingleCam(
      { video: video(), outputs: ['MAIN_FBX'] },
      { ugc: ugc(), sleep: fastSleep, wait: false },
    );
    const job = await waitForJob(jobId, { ugc: ugc(), sleep: fastSleep, ...WAIT });
    expect(job.progress?.state).toBe('FINISHED');
    expect(job.outputs?.[0]?.file.presignedUrl).toBeTruthy();
  });

  it('downloadJobOutputs fetches a finished job’s outputs by id', async () => {
    const { jobId } = await runSingleCam(
      { video: video(), outputs: ['MAIN_USDZ'] },
      { ugc: ugc(), sleep: fastSleep, wait: false },
    );
    const sink = memorySink();
    const done = await downloadJobOutputs(jobId, { ugc: ugc(), sleep: fastSleep, sink, ...WAIT });
    expect(done.outputs).toHaveLength(1);
    expect(createHash('sha256').update(sink.files.get(done.outputs[0]!.fileName)!).digest('hex')).toBe(
      outputChecksum(jobId, 'usdz', sink.files.get(done.outputs[0]!.fileName)!.length),
    );
  });
});

describe('abort', () => {
  it.each(['upload.started', 'take.created', 'job.created', 'outputs.ready'])(
    'aborting at %s stops with MoveAbortError',
    async (at) => {
      const controller = new AbortController();
      const err = await runSingleCam(
        { video: video() },
        {
          ugc: ugc(),
          sleep: fastSleep,
          sink: memorySink(),
          signal: controller.signal,
          onEvent: (e) => e.type === at && controller.abort(),
          ...WAIT,
        },
      ).catch((e) => e);
      expect(err).toBeInstanceOf(MoveAbortError);
      expect(sim.jobs().length).toBeLessThanOrEqual(1);
    },
  );
});
