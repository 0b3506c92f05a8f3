// What `move-ugc batch` processes: directories (their videos, not recursive), globs (tinyglobby,
// recursive with **), single video files, and CSV lists (paths relative to the CSV).
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { safeName } from '@move-ugc/core/internal';
import { glob } from 'tinyglobby';
import { type CsvRow, parseCsvRows } from './csv';
import { UsageError } from './errors';

export interface BatchEntry {
  video: string;
  move?: string;
  deviceLabel?: string;
  outputs?: string[];
  name?: string;
  /** Where it came from, for messages: its CSV line, or the video's path. */
  origin: string;
}

const VIDEO = /\.(mp4|mov|avi)$/i;
const GLOB_CHARS = /[*?[\]{}]/;
const CSV_COLUMNS = ['video', 'move', 'deviceLabel', 'outputs', 'name'] as const;

/** Every video named, once: a directory and a glob that both name a video give it once. */
export async function expandBatchArgs(args: readonly string[]): Promise<BatchEntry[]> {
  const entries = new Map<string, BatchEntry>();
  for (const arg of args) {
    const found = await expandOne(arg);
    if (found.length === 0) {
      throw new UsageError(`No videos (.mp4, .mov, .avi) found for "${arg}".`, 'batch');
    }
    for (const entry of found) {
      const { origin: _origin, ...settings } = entry;
      const key = JSON.stringify({ ...settings, video: resolve(entry.video), move: entry.move && resolve(entry.move) });
      if (!entries.has(key)) entries.set(key, entry);
    }
  }
  return [...entries.values()];
}

async function expandOne(arg: string): Promise<BatchEntry[]> {
  const stats = await stat(arg).catch(() => undefined);
  if (stats?.isDirectory()) {
    const names = (await readdir(arg, { withFileTypes: true }))
      .filter((d) => d.isFile() && VIDEO.test(d.name))
      .map((d) => d.name);
    return names.sort().map((name) => ({ video: join(arg, name), origin: join(arg, name) }));
  }
  if (stats?.isFile()) {
    if (/\.csv$/i.test(arg)) return readCsvList(arg);
    return [{ video: arg, origin: arg }];
  }
  if (GLOB_CHARS.test(arg)) {
    const paths = await glob(arg, { onlyFiles: true, expandDirectories: false });
    return paths
      .filter((path) => VIDEO.test(path))
      .sort()
      .map((video) => ({ video, origin: video }));
  }
  throw new UsageError(
    `"${arg}" is not a directory, a video, a .csv list or a glob that matches anything; check the path.`,
    'batch',
  );
}

async function readCsvList(path: string): Promise<BatchEntry[]> {
  let rows: CsvRow[];
  try {
    rows = parseCsvRows(await readFile(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`${path} is not a readable CSV list: ${(err as Error).message}.`, 'batch');
  }
  const [header, ...lines] = rows;
  const columns = (header?.fields ?? []).map((c) => c.trim());
  const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (!columns.includes('video') || unknown.length > 0) {
    throw new UsageError(
      `${path} needs a header row naming its columns: video[,move,deviceLabel,outputs,name]` +
        `${unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : ''}.`,
      'batch',
    );
  }
  const base = dirname(resolve(path));
  const cell = (line: string[], column: string) => {
    const value = line[columns.indexOf(column)]?.trim();
    return value ? value : undefined;
  };
  return lines.map(({ line: number, fields: line }) => {
    const origin = `${path} line ${number}`;
    const video = cell(line, 'video');
    if (!video) throw new UsageError(`${origin} has no video.`, 'batch');
    const move = cell(line, 'move');
    const outputs = cell(line, 'outputs');
    return {
      video: resolve(base, video),
      move: move === undefined ? undefined : resolve(base, move),
      deviceLabel: cell(line, 'deviceLabel'),
      // One cell for the list: "MAIN_FBX;RENDER_VIDEO" (or quoted with commas).
      outputs: outputs?.split(/[\s,;|]+/).filter(Boolean),
      name: cell(line, 'name'),
      origin,
    };
  });
}

/** `<out>/<video name>/`, with -2, -3… when two videos share a name. */
export function outputDirs(entries: readonly BatchEntry[], outRoot: string): string[] {
  const taken = new Set<string>();
  return entries.map((entry) => {
    const stem = safeName(entry.name ?? basename(entry.video, extname(entry.video)), 'video');
    let dir = stem;
    for (let n = 2; taken.has(dir.toLowerCase()); n++) dir = `${stem}-${n}`;
    taken.add(dir.toLowerCase());
    return join(outRoot, dir);
  });
}
