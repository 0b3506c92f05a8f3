// `move-ugc takes create|get|list|update`.
import { checkDeviceLabel } from '@move-ugc/core';
import type { SourceInput, Take, TakeExpand } from '@move-ugc/sdk';
import { LABEL_OPTIONS, parse, parseExpand, parseId, parseLabels, SHOW_URLS } from '../args';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { showHelp } from '../help';
import { LIST_OPTIONS, pageRequest, printPages } from '../listing';
import type { Io } from '../output/io';
import { clientSummary, fileRows, printRecord, sourceRows } from '../output/render';
import { cameraSources, formatOf, parseCameraFileIds, parseSyncMethod } from '../source-inputs';
import { subcommands } from '../subcommands';
import { openSession } from '../workflow';

async function create(argv: string[], io: Io): Promise<number> {
  const { values } = parse('takes', argv, {
    ...LABEL_OPTIONS,
    video: { type: 'string', multiple: true },
    move: { type: 'string' },
    'device-label': { type: 'string' },
    volume: { type: 'string' },
    clap: { type: 'string' },
    timecode: { type: 'boolean' },
  });
  if (values.help) return showHelp('takes', io);
  const labels = parseLabels(values);

  if (values.volume !== undefined) {
    // Multi-camera: one video per camera of the volume, each with its lens.
    const volumeId = parseId(values.volume, 'volume', 'takes create');
    const cameras = parseCameraFileIds(values.video, '--video', 'takes', 2);
    if (values.move !== undefined || values['device-label'] !== undefined) {
      throw new UsageError(
        '--move and --device-label are for single-camera takes; a multi-camera take names its cameras cam-1, cam-2, ...',
        'takes',
      );
    }
    const syncMethod = parseSyncMethod(values, 'takes', false);
    const session = await openSession(values, io);
    const sources = await cameraSources(session.ugc, cameras, session.signal);
    const take = await session.ugc.takes.createMultiCam(
      { sources, volumeId, syncMethod, ...labels },
      { signal: session.signal },
    );
    printRecord(io, take);
    return EXIT.ok;
  }

  const [video, ...extra] = values.video ?? [];
  if (video === undefined)
    throw new UsageError('Give the uploaded video: --video <file-id> (from `move-ugc files upload`).', 'takes');
  if (extra.length > 0)
    throw new UsageError(
      'A single-camera take has one --video; for several cameras add --volume <volume-id>.',
      'takes',
    );
  if (values.clap !== undefined || values.timecode)
    throw new UsageError('--clap and --timecode are for multi-camera takes (with --volume).', 'takes');
  const videoId = parseId(video, 'file', 'takes create');
  const moveId = values.move === undefined ? undefined : parseId(values.move, 'file', 'takes create');
  const deviceLabel = checkDeviceLabel(values['device-label'] ?? 'iphone', '--device-label');

  const session = await openSession(values, io);
  const sources: SourceInput[] = [
    { deviceLabel, fileId: videoId, format: await formatOf(session.ugc, videoId, session.signal) },
  ];
  if (moveId) sources.push({ deviceLabel, fileId: moveId, format: 'MOVE' });
  const take = await session.ugc.takes.createSingleCam({ sources, ...labels }, { signal: session.signal });
  printRecord(io, take);
  return EXIT.ok;
}

const TAKE_EXPAND: readonly TakeExpand[] = ['sources', 'client', 'volume'];

async function get(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('takes', argv, { ...SHOW_URLS, expand: { type: 'string' } }, 1);
  if (values.help) return showHelp('takes', io);
  const takeId = parseId(positionals[0], 'take', 'takes get');
  const expand = parseExpand(values.expand, TAKE_EXPAND, 'takes');
  const session = await openSession(values, io);
  const take = await session.ugc.takes.retrieve(takeId, { expand }, { signal: session.signal });
  printRecord(io, take, { showUrls: values['show-urls'], human: humanTake });
  return EXIT.ok;
}

/** Sources as one row per file, instead of every field of every file. */
function humanTake(take: Take & Partial<Take<TakeExpand>>): object {
  const { sources, additionalFiles, client, ...rest } = take;
  return {
    ...rest,
    ...clientSummary(client),
    ...(sources ? { sources: sourceRows(sources) } : {}),
    ...(additionalFiles?.length ? { additionalFiles: fileRows(additionalFiles) } : {}),
  };
}

async function list(argv: string[], io: Io): Promise<number> {
  const { values } = parse('takes', argv, LIST_OPTIONS);
  if (values.help) return showHelp('takes', io);
  const request = pageRequest(values);
  const session = await openSession(values, io);
  const pages = session.ugc.takes.list(
    { first: request.first, after: request.after, sortDirection: 'DESC' },
    { signal: session.signal },
  );
  await printPages(io, { noun: 'takes', argv }, request, pages, [
    { header: 'TAKE', value: (t) => t.id },
    { header: 'TYPE', value: (t) => t.takeType },
    { header: 'CREATED', value: (t) => t.created },
    { header: 'NAME', value: (t) => t.name },
  ]);
  return EXIT.ok;
}

async function update(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('takes', argv, LABEL_OPTIONS, 1);
  if (values.help) return showHelp('takes', io);
  const takeId = parseId(positionals[0], 'take', 'takes update');
  const labels = parseLabels(values);
  if (labels.name === undefined && labels.metadata === undefined) {
    throw new UsageError('Nothing to update: give --name and/or --metadata.', 'takes');
  }
  const session = await openSession(values, io);
  printRecord(io, await session.ugc.takes.update(takeId, labels, { signal: session.signal }));
  return EXIT.ok;
}

export const takes = subcommands('takes', { create, get, list, update });
