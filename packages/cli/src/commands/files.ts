// `move-ugc files upload|get|share`: single files, outside of a run.
import { memoryJournal, uploadFile } from '@move-ugc/core';
import { fileSource } from '@move-ugc/core/node';
import type { SourceFormat } from '@move-ugc/sdk';
import { parse, parseExpand, parseId } from '../args';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { showHelp } from '../help';
import type { Io } from '../output/io';
import { printJson, printRecord } from '../output/render';
import { FILES_GET, FILES_SHARE, FILES_UPLOAD } from '../spec/commands';
import { commandLine, openSession, withProgress } from '../workflow';

const FILE_TYPES = ['mp4', 'mov', 'avi', 'move'];

async function upload(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('files', argv, FILES_UPLOAD.options, 1);
  if (values.help) return showHelp('files', io);
  const path = positionals[0];
  if (!path) throw new UsageError('Give the file to upload: move-ugc files upload <path>.', 'files');
  const source = await fileSource(path, values.name);
  const format = formatOf(path, values.type);

  const session = await openSession(values, io);
  const file = await withProgress(session, io, commandLine(['files', 'upload'], argv), (view) =>
    // A fresh upload every time: a file record costs nothing, and its id is what the user wants.
    uploadFile({ source, format }, { ...session.workflow, journal: memoryJournal(), onEvent: view.handle }),
  );
  const type = file.format.toLowerCase();
  if (io.json) printJson(io, { id: file.fileId, name: source.name, type, bytes: file.bytes });
  else io.stdout.write(`${file.fileId}\n`);
  return EXIT.ok;
}

/** `--type`, else `.move` by extension; left out, core reads the video container from the content. */
function formatOf(path: string, flag: string | undefined): SourceFormat | undefined {
  const type = flag?.toLowerCase().replace(/^\./, '');
  if (type !== undefined && !FILE_TYPES.includes(type)) {
    throw new UsageError(`--type takes one of ${FILE_TYPES.join(', ')} (got "${flag}").`, 'files');
  }
  if (type === undefined && /\.move$/i.test(path)) return 'MOVE';
  return type?.toUpperCase() as SourceFormat | undefined;
}

async function get(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('files', argv, FILES_GET.options, 1);
  if (values.help) return showHelp('files', io);
  const fileId = parseId(positionals[0], 'file', 'files get');
  const expand = parseExpand(values.expand, ['client'], 'files');
  const session = await openSession(values, io);
  const file = await session.ugc.files.retrieve(fileId, { expand }, { signal: session.signal });
  printRecord(io, file, { showUrls: values['show-urls'] });
  return EXIT.ok;
}

async function share(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('files', argv, FILES_SHARE.options, 1);
  if (values.help) return showHelp('files', io);
  const fileId = parseId(positionals[0], 'file', 'files share');
  const session = await openSession(values, io);
  const code = await session.ugc.files.createShareCode(fileId, { signal: session.signal });
  printRecord(io, code, { showUrls: values['show-urls'] });
  return EXIT.ok;
}

export const files = { upload, get, share };
