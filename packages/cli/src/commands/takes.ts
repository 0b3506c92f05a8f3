// `move-ugc takes create|get|list|update`.
import { type CreateTakeInput, checkDeviceLabel, createTake } from '@move-ugc/core';
import type { Take, TakeExpand } from '@move-ugc/sdk';
import { parse, parseExpand, parseId, parseLabels } from '../args';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { cameraFlagTerms, inFlagTerms } from '../flag-terms';
import { showHelp } from '../help';
import { pageRequest, printPages } from '../listing';
import type { Io } from '../output/io';
import { clientSummary, fileRows, printRecord, sourceRows } from '../output/render';
import { parseCameraFileIds, parseSyncMethod } from '../source-inputs';
import { TAKES_CREATE, TAKES_GET, TAKES_LIST, TAKES_UPDATE } from '../spec/commands';
import { openSession } from '../workflow';

async function create(argv: string[], io: Io): Promise<number> {
  const { values } = parse('takes', argv, TAKES_CREATE.options);
  if (values.help) return showHelp('takes', io);
  const input = { ...takeInput(values), ...parseLabels(values) };

  const session = await openSession(values, io);
  const created = await inFlagTerms(createTake(input, session.workflow), [
    ...cameraFlagTerms('--video'),
    [/^video\.fileId: /, '--video: '],
    [/^volumeId: /, '--volume: '],
  ]);
  printRecord(io, created.take);
  return EXIT.ok;
}

/** A multi-camera take with --volume (one video per camera, each with its lens), else a single-camera one. */
function takeInput(values: {
  volume?: string;
  video?: string[];
  move?: string;
  'device-label'?: string;
  clap?: string;
  timecode?: boolean;
}): CreateTakeInput {
  if (values.volume !== undefined) {
    if (values.move !== undefined || values['device-label'] !== undefined) {
      throw new UsageError(
        '--move and --device-label are for single-camera takes; a multi-camera take names its cameras cam-1, cam-2, ...',
        'takes',
      );
    }
    return {
      volumeId: parseId(values.volume, 'volume', 'takes create'),
      cameras: parseCameraFileIds(values.video, '--video', 'takes'),
      sync: parseSyncMethod(values, 'takes', false),
    };
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
  return {
    video: { fileId: parseId(video, 'file', 'takes create') },
    move: values.move === undefined ? undefined : { fileId: parseId(values.move, 'file', 'takes create') },
    deviceLabel: checkDeviceLabel(values['device-label'] ?? 'iphone', '--device-label'),
  };
}

const TAKE_EXPAND: readonly TakeExpand[] = ['sources', 'client', 'volume'];

async function get(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('takes', argv, TAKES_GET.options, 1);
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
  const { values } = parse('takes', argv, TAKES_LIST.options);
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
  const { values, positionals } = parse('takes', argv, TAKES_UPDATE.options, 1);
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

export const takes = { create, get, list, update };
