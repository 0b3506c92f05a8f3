// `move-ugc volumes create|get|list`: the calibration of a multi-camera set-up.
import { checkAreaType, checkClipWindow, checkHumanHeight, createVolume } from '@move-ugc/core';
import type { AreaType, Volume, VolumeExpand } from '@move-ugc/sdk';
import { parse, parseExpand, parseId, parseLabels, parseNumber, parseWindow } from '../args';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { cameraFlagTerms, inFlagTerms } from '../flag-terms';
import { showHelp } from '../help';
import { pageRequest, printPages } from '../listing';
import type { Io } from '../output/io';
import { clientSummary, fileRows, printRecord, sourceRows } from '../output/render';
import { parseCameraFileIds, parseSyncMethod } from '../source-inputs';
import { VOLUMES_CREATE, VOLUMES_GET, VOLUMES_LIST } from '../spec/commands';
import { checkStateDir, openSession } from '../workflow';

/** `--human-height` in metres; core checks it is a person's height (and not centimetres). */
export function parseHumanHeight(value: string | undefined, command: string): number {
  if (value === undefined) {
    throw new UsageError(
      'Give the height of the person in the calibration clip: --human-height <metres>, e.g. 1.8.',
      command,
    );
  }
  return checkHumanHeight(parseNumber(value, '--human-height'), '--human-height');
}

export function parseArea(value: string | undefined): AreaType {
  return checkAreaType(value?.toUpperCase(), '--area');
}

async function create(argv: string[], io: Io): Promise<number> {
  const { values } = parse('volumes', argv, VOLUMES_CREATE.options);
  if (values.help) return showHelp('volumes', io);
  const cameras = parseCameraFileIds(values.video, '--video', 'volumes');
  const humanHeight = parseHumanHeight(values['human-height'], 'volumes');
  const areaType = parseArea(values.area);
  const sync = parseSyncMethod(values, 'volumes');
  const clipWindow = checkClipWindow(values.clip === undefined ? undefined : parseWindow(values.clip, '--clip'));
  const labels = parseLabels(values);

  await checkStateDir(io);

  const session = await openSession(values, io);
  const created = await inFlagTerms(
    createVolume(
      {
        cameras,
        humanHeight,
        areaType,
        sync,
        clipWindow,
        ...labels,
      },
      { ...session.workflow, fresh: values.fresh },
    ),
    cameraFlagTerms('--video'),
  );
  printRecord(io, { ...created.volume, resumed: created.resumed });
  if (created.resumed) {
    io.stderr.write(
      `${created.volume.id} was made by an earlier run of this command, so it is not paid for again (--fresh makes a new one).\n`,
    );
  }
  return EXIT.ok;
}

const VOLUME_EXPAND: readonly VolumeExpand[] = ['sources', 'outputs', 'client'];

async function get(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('volumes', argv, VOLUMES_GET.options, 1);
  if (values.help) return showHelp('volumes', io);
  const volumeId = parseId(positionals[0], 'volume', 'volumes get');
  const expand = parseExpand(values.expand, VOLUME_EXPAND, 'volumes');
  const session = await openSession(values, io);
  const volume = await session.ugc.volumes.retrieve(volumeId, { expand }, { signal: session.signal });
  printRecord(io, volume, { showUrls: values['show-urls'], human: humanVolume });
  return EXIT.ok;
}

/** One row per source and output file, for a terminal. */
function humanVolume(volume: Volume & Partial<Volume<VolumeExpand>>): object {
  const { sources, outputs, client, ...rest } = volume;
  return {
    ...rest,
    ...clientSummary(client),
    ...(sources ? { sources: sourceRows(sources) } : {}),
    ...(outputs ? { outputs: fileRows(outputs) } : {}),
  };
}

async function list(argv: string[], io: Io): Promise<number> {
  const { values } = parse('volumes', argv, VOLUMES_LIST.options);
  if (values.help) return showHelp('volumes', io);
  const request = pageRequest(values);
  const session = await openSession(values, io);
  const pages = session.ugc.volumes.list(
    { first: request.first, after: request.after, sortDirection: 'DESC' },
    { signal: session.signal },
  );
  await printPages(io, { noun: 'volumes', argv }, request, pages, [
    { header: 'VOLUME', value: (v) => v.id },
    { header: 'STATE', value: (v) => v.state ?? v.progress?.state },
    { header: 'AREA', value: (v) => v.areaType },
    { header: 'HEIGHT', value: (v) => v.humanHeight },
    { header: 'CREATED', value: (v) => v.created },
    { header: 'NAME', value: (v) => v.name },
  ]);
  return EXIT.ok;
}

export const volumes = { create, get, list };
