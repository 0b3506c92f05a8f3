// Shared by every bench: knobs (env, with BENCH_QUICK defaults), statistics, target checks, the
// machine description, and the report protocol. `bench/run.mjs` runs each bench with
// BENCH_REPORT=<json file>; the bench calls report() with one section (or several), which prints
// it as a text table and, when BENCH_REPORT is set, appends it to that file as
// `{ title, command, columns, rows, notes }`. run.mjs turns the sections into BENCHMARKS.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// Benchmark knobs, not build inputs (so not declared to turbo). BENCH_REPORT is set by run.mjs.
const { BENCH_QUICK, BENCH_REPORT } = process.env;

/** BENCH_QUICK=1: a smoke run (small sizes, one run) that checks the benches work, not the numbers. */
export const QUICK = BENCH_QUICK === '1';

const usedKnobs = new Map();

/** A numeric benchmark knob from the environment (not a build input, so not declared to turbo). */
export function knob(name, full, quick = full) {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? (QUICK ? quick : full) : Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name}=${raw} is not a number`);
  usedKnobs.set(name, value);
  return value;
}

/** The command that reproduces this bench with the knob values it used, e.g. `BENCH_RUNS=30 node bench/x.mjs`. */
export function commandFor(scriptUrl) {
  const script = relative(repoRoot, fileURLToPath(scriptUrl));
  const env = [...usedKnobs].map(([name, value]) => `${name}=${value}`);
  return [...env, 'node', script].join(' ');
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** `x` to `digits` decimals, as a string (tables show text). */
export const fixed = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

export const kib = (bytes) => `${fixed(bytes / 1024, 1)} KiB`;

/**
 * The target text and the verdict for `value` against `{ max }` or `{ min }` (`unit` is appended
 * to the numbers): e.g. ['≤ 1.5x', 'met'] or ['≥ 0.8x', '**missed** by 20% (0.64x)'].
 */
export function check(value, { max, min, unit = '' }) {
  const bound = max ?? min;
  const target = max === 0 ? 'none' : `${max !== undefined ? '≤' : '≥'} ${bound}${unit}`;
  const ok = max !== undefined ? value <= max : value >= min;
  if (ok) return [target, 'met'];
  const by = max !== undefined ? value / max - 1 : 1 - value / min;
  const shown = typeof value === 'number' ? fixed(value) : value;
  return [target, `**missed** by ${Math.round(by * 100)}% (${shown}${unit})`];
}

/** Cells for a row with no target in the issues. */
export const NO_TARGET = ['none set', '-'];
/** Cells for the row the others are compared with. */
export const REFERENCE = ['(reference)', '-'];

/** The machine the numbers were taken on: CPU, cores, RAM, OS, Node, load average now. */
export function machineInfo() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const release = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  const distro = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(release)?.[1];
  return {
    cpu: model.trim(),
    cores: os.availableParallelism(),
    ramGiB: Number(fixed(os.totalmem() / 1024 ** 3, 1)),
    os: `${distro ? `${distro}, ` : ''}${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadavg: os.loadavg().map((n) => Number(fixed(n))),
  };
}

/**
 * Prints a section as text and, under run.mjs (BENCH_REPORT set), appends it to the report file.
 * `rows` are arrays of cells in `columns` order; `notes` are lines shown under the table.
 */
export function report({ title, command, columns, rows, notes = [] }) {
  if (!title || !command || !Array.isArray(columns) || !Array.isArray(rows)) {
    throw new Error('report() needs title, command, columns and rows');
  }
  const section = { title, command, columns, rows: rows.map((r) => r.map(String)), notes };
  console.log(`\n${title}\n${textTable(section.columns, section.rows)}`);
  for (const note of notes) console.log(`  ${note}`);
  const file = BENCH_REPORT;
  if (!file) return;
  const sections = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  sections.push(section);
  writeFileSync(file, `${JSON.stringify(sections, null, 2)}\n`);
}

function textTable(columns, rows) {
  const plain = (cell) => cell.replaceAll('**', '').replaceAll('`', '');
  const all = [columns, ...rows].map((r) => r.map(plain));
  const widths = columns.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => `  ${r.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ')}`.trimEnd()).join('\n');
}

/** A section as markdown: heading, command, table, notes. */
export function markdownSection({ title, command, columns, rows, notes = [] }, extraNotes = []) {
  const cell = (c) => String(c).replaceAll('|', '\\|').replaceAll('\n', ' ');
  const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
  return [
    `## ${title}`,
    '',
    `\`${command}\``,
    '',
    line(columns),
    line(columns.map(() => '---')),
    ...rows.map(line),
    '',
    ...[...notes, ...extraNotes].map((n) => `- ${n}`),
  ].join('\n');
}

/** The bench's name as run.mjs knows it: `startup` for bench/startup.bench.mjs. */
export const benchName = (file) => basename(file).replace(/\.bench\.mjs$/, '');
