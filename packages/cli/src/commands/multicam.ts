// `move-ugc multicam`: calibrate a volume from a clip of a person (or reuse one), then process a
// take filmed by the same cameras; resumable like `run`.
import { type CameraInput, type MultiCamInput, runMultiCam, type VolumeInput } from '@move-ugc/core';
import { directorySink, fileSource } from '@move-ugc/core/node';
import { MoveValidationError } from '@move-ugc/sdk';
import { parse, parseCameraSource, parseId, parsePositiveInt, parseWindow } from '../args';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { showHelp } from '../help';
import type { Io } from '../output/io';
import { outputEntries, printRunResult } from '../output/outputs';
import { JOB_OPTIONS, OUTPUT_OPTIONS, parseJobFlags, parseOutputFlags } from '../run-flags';
import { cameraLabel, parseSyncMethod } from '../source-inputs';
import { checkStateDir, commandLine, openSession, withProgress } from '../workflow';
import { parseArea, parseHumanHeight } from './volumes';

const MULTICAM_OPTIONS = {
  'volume-video': { type: 'string', multiple: true },
  'volume-id': { type: 'string' },
  'take-video': { type: 'string', multiple: true },
  'human-height': { type: 'string' },
  area: { type: 'string' },
  clap: { type: 'string' },
  'take-clap': { type: 'string' },
  timecode: { type: 'boolean' },
  actors: { type: 'string' },
  rig: { type: 'string' },
  name: { type: 'string' },
  'idempotency-key': { type: 'string' },
  ...JOB_OPTIONS,
  ...OUTPUT_OPTIONS,
} as const;

/** Repeated `--<flag> file:lens`, opened in order as cam-1, cam-2, ... */
async function cameras(values: string[] | undefined, flag: string): Promise<CameraInput[]> {
  const specs = (values ?? []).map((value) => parseCameraSource(value, flag));
  if (specs.length < 2) {
    throw new UsageError(
      `Give 2 or more ${flag} <file:lens> flags, one per camera, always in the same camera order (got ${specs.length}).`,
      'multicam',
    );
  }
  return Promise.all(
    specs.map(async ({ target, lens }, i) => ({ video: await fileSource(target), deviceLabel: cameraLabel(i), lens })),
  );
}

export async function multicam(argv: string[], io: Io): Promise<number> {
  const { values } = parse('multicam', argv, MULTICAM_OPTIONS);
  if (values.help) return showHelp('multicam', io);

  // Every argument is checked before any network call.
  const volume = await volumeInput(values);
  const takeClap = values['take-clap'] === undefined ? undefined : parseWindow(values['take-clap'], '--take-clap');
  const settings = {
    ...parseJobFlags(values, true, 'multicam'),
    take: {
      cameras: await cameras(values['take-video'], '--take-video'),
      sync: takeClap ? { clapWindow: takeClap } : values.timecode ? { timecode: true as const } : undefined,
    },
    numberOfActors: values.actors === undefined ? undefined : parsePositiveInt(values.actors, '--actors', 100),
    rig: values.rig,
    name: values.name,
    idempotencyKey: values['idempotency-key'],
  };
  const input: MultiCamInput =
    'volumeId' in volume ? { ...settings, volumeId: volume.volumeId } : { ...settings, volume: volume.volume };
  const { outDir, overwrite, wait, concurrency, timeoutMs, pollIntervalMs, journal } = parseOutputFlags(values);

  await checkStateDir(io);
  const session = await openSession(values, io);
  const result = await withProgress(session, io, commandLine(['multicam'], argv), (view) =>
    runMultiCam(input, {
      ...session.workflow,
      ...journal,
      onEvent: view.handle,
      sink: directorySink(outDir, { overwrite }),
      wait,
      timeoutMs,
      pollIntervalMs,
      concurrency,
    }).catch((err: unknown) => {
      throw err instanceof MoveValidationError ? new MoveValidationError(inFlagTerms(err.message), err.field) : err;
    }),
  );
  printRunResult(io, {
    volumeId: result.volumeId,
    takeId: result.takeId,
    jobId: result.jobId,
    state: result.state,
    resumed: result.resumed,
    reused: result.reused,
    outputDir: result.outputs.length > 0 ? outDir : null,
    outputs: outputEntries(result.outputs),
  });
  return EXIT.ok;
}

/** Core names cameras by input path (`take.cameras[1]`); the user gave them as flags. */
function inFlagTerms(message: string): string {
  return message
    .replace(/\bvolume\.cameras\[(\d+)\](\.\w+)?/g, (_, i: string) => `--volume-video ${Number(i) + 1}`)
    .replace(/\btake\.cameras\[(\d+)\](\.\w+)?/g, (_, i: string) => `--take-video ${Number(i) + 1}`);
}

/** A volume to make from `--volume-video` flags, or the one `--volume-id` names. */
async function volumeInput(values: {
  'volume-video'?: string[];
  'volume-id'?: string;
  'human-height'?: string;
  area?: string;
  clap?: string;
  timecode?: boolean;
}): Promise<{ volume: VolumeInput } | { volumeId: string }> {
  if (values['volume-id'] !== undefined) {
    const making = ['volume-video', 'human-height', 'area', 'clap'].filter(
      (f) => values[f as keyof typeof values] !== undefined,
    );
    if (making.length > 0) {
      throw new UsageError(
        `--volume-id reuses a volume, so ${making.map((f) => `--${f}`).join(', ')} (for making one) do not apply; ` +
          'for the clap in the take videos use --take-clap.',
        'multicam',
      );
    }
    return { volumeId: parseId(values['volume-id'], 'volume', 'multicam') };
  }
  if (values['volume-video'] === undefined) {
    throw new UsageError(
      'Give the calibration videos (--volume-video <file:lens>, one per camera) or a volume made earlier (--volume-id).',
      'multicam',
    );
  }
  const sync = parseSyncMethod(values, 'multicam');
  return {
    volume: {
      cameras: await cameras(values['volume-video'], '--volume-video'),
      humanHeight: parseHumanHeight(values['human-height'], 'multicam'),
      areaType: parseArea(values.area, 'multicam'),
      sync: sync.clapWindow ? { clapWindow: sync.clapWindow } : { timecode: true },
    },
  };
}
