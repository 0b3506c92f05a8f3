// `move-ugc files upload|get|share`: single files, outside of a run.
import {
  checkMoveSidecar,
  checkVideo,
  createContext,
  Journal,
  memoryJournal,
  type UploadSource,
  uploadSource,
} from '@move-ugc/core';
import { fileSource } from '@move-ugc/core/node';
import { parse, parseExpand, parseId, SHOW_URLS } from '../args';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { showHelp } from '../help';
import type { Io } from '../output/io';
import { printJson, printRecord } from '../output/render';
import { subcommands } from '../subcommands';
import { commandLine, openSession, withProgress } from '../workflow';

const FILE_TYPES = ['mp4', 'mov', 'avi', 'move'];

async function upload(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('files', argv, { type: { type: 'string' }, name: { type: 'string' } }, 1);
  if (values.help) return showHelp('files', io);
  const path = positionals[0];
  if (!path) throw new UsageError('Give the file to upload: move-ugc files upload <path>.', 'files');
  const source = await fileSource(path, values.name);
  const type = await fileTypeOf(source, path, values.type);

  const session = await openSession(values, io);
  const fileId = await withProgress(session, io, commandLine(['files', 'upload'], argv), async (view) => {
    // A fresh upload every time: a file record costs nothing, and its id is what the user wants.
    const ctx = createContext({ ...session.workflow, journal: memoryJournal(), onEvent: view.handle });
    const journal = await Journal.open(ctx.journal, 'files-upload');
    return uploadSource(ctx, journal, { role: type === 'move' ? 'move' : 'video', source, fileType: type });
  });
  if (io.json) printJson(io, { id: fileId, name: source.name, type, bytes: source.size });
  else io.stdout.write(`${fileId}\n`);
  return EXIT.ok;
}

/** `--type`, else `.move` by extension, else the video container its first bytes show. */
async function fileTypeOf(source: UploadSource, path: string, flag: string | undefined): Promise<string> {
  const type = flag?.toLowerCase().replace(/^\./, '');
  if (type !== undefined && !FILE_TYPES.includes(type)) {
    throw new UsageError(`--type takes one of ${FILE_TYPES.join(', ')} (got "${flag}").`, 'files');
  }
  if (type === 'move' || (type === undefined && /\.move$/i.test(path))) {
    await checkMoveSidecar(source);
    return 'move';
  }
  const container = (await checkVideo(source)).toLowerCase();
  return type ?? container;
}

async function get(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('files', argv, { ...SHOW_URLS, expand: { type: 'string' } }, 1);
  if (values.help) return showHelp('files', io);
  const fileId = parseId(positionals[0], 'file', 'files get');
  const expand = parseExpand(values.expand, ['client'], 'files');
  const session = await openSession(values, io);
  const file = await session.ugc.files.retrieve(fileId, { expand }, { signal: session.signal });
  printRecord(io, file, { showUrls: values['show-urls'] });
  return EXIT.ok;
}

async function share(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('files', argv, SHOW_URLS, 1);
  if (values.help) return showHelp('files', io);
  const fileId = parseId(positionals[0], 'file', 'files share');
  const session = await openSession(values, io);
  const code = await session.ugc.files.createShareCode(fileId, { signal: session.signal });
  printRecord(io, code, { showUrls: values['show-urls'] });
  return EXIT.ok;
}

export const files = subcommands('files', { upload, get, share });
