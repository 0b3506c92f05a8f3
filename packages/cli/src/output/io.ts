// Where output goes and how it may look: results on stdout, progress and logs on stderr; colour
// and animation only on a terminal, and never against NO_COLOR.
import { stripControlChars } from '@move-ugc/sdk';
import { displayWidth, padEndToWidth } from './width';

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Print one JSON document on stdout instead of tables (`--json`, or stdout is not a terminal). */
  json: boolean;
  /** Redraw progress in place on stderr. */
  animate: boolean;
  color: boolean;
  /** Whether questions may be asked (stdin and stderr are terminals). */
  interactive: boolean;
  env: NodeJS.ProcessEnv;
}

export function createIo(options: { json?: boolean } = {}, env: NodeJS.ProcessEnv = process.env): Io {
  const stderrTty = Boolean(process.stderr.isTTY);
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    json: options.json ?? !process.stdout.isTTY,
    animate: stderrTty && env.TERM !== 'dumb' && env.CI === undefined,
    color: !noColor && (forced || (stderrTty && env.TERM !== 'dumb')),
    interactive: Boolean(process.stdin.isTTY) && stderrTty && env.CI === undefined,
    env,
  };
}

export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

export function paint(io: Pick<Io, 'color'>): Paint {
  const wrap = (open: number, close: number) => (text: string) =>
    io.color ? `\x1b[${open}m${text}\x1b[${close}m` : text;
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    green: wrap(32, 39),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
  };
}

/** A copy of an event (or any flat record) whose strings, which may come from Move, are plain text. */
export function plainFields<T extends object>(record: T): T {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, typeof value === 'string' ? stripControlChars(value) : value]),
  ) as T;
}

/**
 * Plain-text table with a header row; columns padded to the widest cell, in terminal columns (a CJK
 * character or an emoji counts two). Cells lose control characters.
 */
export function table(cells: string[][], io: Pick<Io, 'color'>): string {
  const rows = cells.map((row) => row.map((cell) => stripControlChars(cell)));
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? '')))) ?? [];
  const p = paint(io);
  return rows
    .map((row, index) => {
      const line = row
        .map((cell, i) => (i === row.length - 1 ? cell : padEndToWidth(cell, widths[i]!)))
        .join('  ')
        .trimEnd();
      return index === 0 ? p.bold(line) : line;
    })
    .join('\n');
}
