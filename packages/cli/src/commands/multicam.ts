// `move-ugc multicam`: calibrate a volume from a clip of a person (or reuse one), then process a
// take filmed by the same cameras; resumable like `run`.
import { type CameraInput, type MultiCamInput, runMultiCam, type VolumeInput } from '@move-ugc/core';
import { fileSource } from '@move-ugc/core/node';
import { parse, parseCameraSource, parseId, parsePositiveInt, parseWindow } from '../args';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { cameraFlagTerms, inFlagTerms, JOB_FLAG_TERMS } from '../flag-terms';
import { showHelp } from '../help';
import type { Io } from '../output/io';
import { outputEntries, printRunResult } from '../output/outputs';
import { parseJobFlags, parseOutputFlags, runOptions } from '../run-flags';
import { cameraLabel, parseSyncMethod } from '../source-inputs';
import { MULTICAM } from '../spec/commands';
import { checkStateDir, commandLine, openSession, withProgress } from '../workflow';
import { parseArea, parseHumanHeight } from './volumes';

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
  const { values } = parse('multicam', argv, MULTICAM.options);
  if (values.help) return showHelp('multicam', io);

  // Every argument is checked before any network call.
  const volume = await volumeInput(values);
  const takeClap = values['take-clap'] === undefined ? undefined : parseWindow(values['take-clap'], '--take-clap');
  const settings = {
    ...parseJobFlags(values, true),
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
  const output = parseOutputFlags(values);

  await checkStateDir(io);
  const session = await openSession(values, io);
  const result = await withProgress(session, io, commandLine(['multicam'], argv), (view) =>
    inFlagTerms(runMultiCam(input, runOptions(output, session, view.handle)), [
      ...cameraFlagTerms('--volume-video', 'volume.cameras'),
      ...cameraFlagTerms('--take-video', 'take.cameras'),
      ...JOB_FLAG_TERMS,
    ]),
  );
  printRunResult(io, {
    volumeId: result.volumeId,
    takeId: result.takeId,
    jobId: result.jobId,
    state: result.state,
    resumed: result.resumed,
    reused: result.reused,
    outputDir: result.outputs.length > 0 ? output.outDir : null,
    outputs: outputEntries(result.outputs),
  });
  return EXIT.ok;
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
  return {
    volume: {
      cameras: await cameras(values['volume-video'], '--volume-video'),
      humanHeight: parseHumanHeight(values['human-height'], 'multicam'),
      areaType: parseArea(values.area),
      sync: parseSyncMethod(values, 'multicam'),
    },
  };
}
