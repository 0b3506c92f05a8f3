// Printing API objects: the JSON document on stdout with --json, else an aligned record or a
// table. Every object passes through revealUrls() first, so presigned URLs (credentials in their
// query string) and the portal login link are redacted unless the user asked for them.
import { redactUrl, stripControlChars } from '@move-ugc/sdk';
import { type Io, paint, table } from './io';
import { displayWidth, padEndToWidth } from './width';

/** Fields whose value is a credential-carrying URL. */
const SECRET_URL_FIELDS = new Set(['presignedUrl', 'thumbnailUrl', 'portal', 'url']);

/**
 * A deep copy with secret URLs redacted (`--show-urls` keeps them). A share link has no query
 * string, so redactUrl() leaves it whole.
 */
export function revealUrls<T>(value: T, show = false): T {
  if (Array.isArray(value)) return value.map((item) => revealUrls(item, show)) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      !show && SECRET_URL_FIELDS.has(key) && typeof item === 'string' ? redactUrl(item) : revealUrls(item, show);
  }
  return out as T;
}

/** JSON.stringify escapes C0 controls in strings; C1 and DEL are escaped too, so no byte of them reaches a terminal. */
export function printJson(io: Io, document: unknown): void {
  const text = JSON.stringify(document, null, 2).replace(
    /[\u007f-\u009f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  io.stdout.write(`${text}\n`);
}

export interface RecordOptions<T> {
  /** `--show-urls`: keep presigned URLs and the portal link whole. */
  showUrls?: boolean;
  /** A compact view of the record for a terminal (the record itself by default). */
  human?: (record: T) => object;
}

/**
 * One object, its secret URLs redacted: `--json` prints it as is; a terminal gets `key  value`
 * lines and a table per list of objects.
 */
export function printRecord<T extends object>(io: Io, record: T, options: RecordOptions<T> = {}): void {
  const shown = revealUrls(record, options.showUrls);
  if (io.json) {
    printJson(io, shown);
    return;
  }
  const human = options.human ? options.human(shown) : shown;
  const p = paint(io);
  const pairs: [string, string][] = [];
  const lists: [string, object[]][] = [];
  for (const [key, value] of Object.entries(human)) {
    if (Array.isArray(value) && value.some((item) => item && typeof item === 'object')) lists.push([key, value]);
    else pairs.push(...flatten(key, value));
  }
  const width = Math.max(0, ...pairs.map(([key]) => displayWidth(key)));
  const lines = pairs.map(([key, value]) => `${p.dim(padEndToWidth(key, width))}  ${value}`);
  for (const [key, items] of lists) {
    const rows = items.map((item) => Object.fromEntries(flatten('', item)));
    // Columns empty in every row (thumbnailUrl, metadata...) only take room.
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((c) =>
      rows.some((row) => (row[c] ?? '-') !== '-'),
    );
    const header = columns.map((c) => c.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase());
    lines.push(
      '',
      `${p.bold(stripControlChars(key))}:`,
      table([header, ...rows.map((row) => columns.map((c) => row[c] ?? '-'))], io),
    );
  }
  io.stdout.write(`${lines.join('\n')}\n`);
}

export interface Column<T> {
  header: string;
  value: (item: T) => string | number | null | undefined;
}

/** A list: `--json` prints `document` (which holds the items); a terminal gets a table. */
export function printList<T>(io: Io, items: readonly T[], columns: readonly Column<T>[], document: object): void {
  if (io.json) {
    printJson(io, document);
    return;
  }
  if (items.length === 0) {
    io.stderr.write('Nothing to list.\n');
    return;
  }
  const rows = items.map((item) => columns.map((c) => cell(c.value(item))));
  io.stdout.write(`${table([columns.map((c) => c.header), ...rows], io)}\n`);
}

function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  return stripControlChars(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

/** `{ progress: { state: 'RUNNING' } }` -> `progress.state  RUNNING`; metadata stays one JSON cell. */
function flatten(prefix: string, value: unknown): [string, string][] {
  const isPlain = value && typeof value === 'object' && !Array.isArray(value);
  if (!isPlain || prefix === 'metadata' || prefix.endsWith('.metadata'))
    return prefix ? [[stripControlChars(prefix), cell(value)]] : [];
  const entries = Object.entries(value as object);
  if (entries.length === 0) return prefix ? [[prefix, '-']] : [];
  return entries.flatMap(([key, item]) => flatten(prefix ? `${prefix}.${key}` : key, item));
}

interface SourceLike {
  deviceLabel: string;
  format: string | null;
  cameraSettings: { lens: string } | null;
  file: { id: string; presignedUrl: string | null } | null;
}
interface FileRowLike {
  format: string | null;
  file: { id: string; presignedUrl: string | null };
}

/** A take's or volume's sources as one short row per file, for a terminal. */
export function sourceRows(sources: readonly (SourceLike | null)[]): object[] {
  return sources.flatMap((s) =>
    s
      ? [
          {
            deviceLabel: s.deviceLabel,
            format: s.format,
            lens: s.cameraSettings?.lens,
            fileId: s.file?.id,
            url: s.file?.presignedUrl,
          },
        ]
      : [],
  );
}

/** Output or additional files as one short row each. */
export function fileRows(files: readonly (FileRowLike | null)[]): object[] {
  return files.flatMap((f) => (f ? [{ format: f.format, fileId: f.file.id, url: f.file.presignedUrl }] : []));
}

/** Just enough of the client to recognise it (its portal link is a credential). */
export function clientSummary(client: { id: string; name: string } | null | undefined): object {
  return client ? { client: { id: client.id, name: client.name } } : {};
}
