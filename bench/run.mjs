#!/usr/bin/env node
// `pnpm bench [name...]`: the benchmarks in turn (all, or those named: `pnpm bench startup sdk`),
// each measured against its reference in the same run, then BENCHMARKS.md assembled from the
// sections the benches report (see bench/report.mjs).
//
// Env: BENCH_QUICK=1 for a smoke run (small sizes, one run; written to the temp dir, not to
// BENCHMARKS.md); BENCH_OUT=<file> to write the markdown elsewhere; each bench's own knobs pass through.
// A partial run keeps the sections of the benches it did not run from the file it rewrites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchName, fixed, machineInfo, markdownSection, QUICK, repoRoot } from './report.mjs';

// The order of BENCHMARKS.md; any other *.bench.mjs runs after these.
const ORDER = ['requests', 'startup', 'sdk', 'sizes', 'transfer'];
const here = fileURLToPath(new URL('.', import.meta.url));
const found = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .map(benchName);
const available = [...ORDER.filter((n) => found.includes(n)), ...found.filter((n) => !ORDER.includes(n)).sort()];
const asked = process.argv.slice(2);
const unknown = asked.filter((n) => !available.includes(n));
if (unknown.length > 0) {
  console.error(`Unknown bench ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
const selected = asked.length > 0 ? available.filter((n) => asked.includes(n)) : available;

const machine = machineInfo();
const startedAt = new Date();
const tmp = mkdtempSync(join(os.tmpdir(), 'move-ugc-bench-report-'));
/** Markdown sections by bench name, for the benches run now. */
const parts = new Map(selected.map((name) => [name, []]));
let failed = 0;
try {
  for (const name of selected) {
    const file = join(here, `${name}.bench.mjs`);
    const reportFile = join(tmp, `${name}.json`);
    console.log(`\n== ${name} (${relative(repoRoot, file)})`);
    const t0 = performance.now();
    const result = spawnSync(process.execPath, [file], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_REPORT: reportFile },
    });
    const seconds = (performance.now() - t0) / 1000;
    const ran = `${name}: ${fixed(seconds, 0)} s, load average after ${os
      .loadavg()
      .map((n) => fixed(n))
      .join(' / ')}`;
    const sections = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : [];
    if (result.status !== 0) {
      failed += 1;
      console.error(`${name} failed (exit ${result.status ?? result.signal})`);
    }
    if (sections.length === 0) {
      const why = result.status === 0 ? 'no report: the bench wrote no section' : `failed (exit ${result.status})`;
      console.warn(`warning: ${name}: ${why}`);
      parts.get(name).push(
        markdownSection({
          title: name,
          command: `node ${relative(repoRoot, file)}`,
          columns: ['Bench', 'Result'],
          rows: [[name, why]],
          notes: [ran],
        }),
      );
      continue;
    }
    sections.forEach((section, i) => {
      parts.get(name).push(markdownSection(section, i === sections.length - 1 ? [ran] : []));
    });
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// Not a build input (so not declared to turbo).
const { BENCH_OUT } = process.env;
const out = BENCH_OUT || (QUICK ? join(os.tmpdir(), 'BENCHMARKS.quick.md') : join(repoRoot, 'BENCHMARKS.md'));
const previous = existsSync(out) ? readFileSync(out, 'utf8') : '';
const kept = selected.length < available.length ? sectionsByBench(previous) : new Map();
const minutes = (Date.now() - startedAt.getTime()) / 60_000;
// A file that was itself partial names the run its kept sections came from.
const keptFrom = (/kept from the run of (\d{4}-\d\d-\d\dT[\d:]+Z)/.exec(previous) ??
  /^Measured (\S+)/m.exec(previous))?.[1];
const partial =
  selected.length < available.length
    ? ` Partial run: ${selected.join(', ')} only` +
      (kept.size > 0 ? `; the other sections are kept from the run of ${keptFrom ?? 'before'}.` : '.')
    : '';
const markdown = [
  '# Benchmarks',
  '',
  `Measured ${startedAt.toISOString().replace(/\.\d+Z$/, 'Z')} in ${fixed(minutes, 1)} min by \`pnpm bench\`.${partial}` +
    (QUICK ? ' **Quick smoke run (BENCH_QUICK=1): sizes reduced, one run; the numbers mean nothing.**' : ''),
  '',
  'Every ratio compares two things measured side by side in the same run (interleaved where timed), so',
  'load from other work on the machine affects both; absolute times are noisy, ratios much less so.',
  '',
  'Reproduce: `pnpm bench` (builds the packages, then runs every bench and rewrites this file);',
  `\`pnpm bench <name...>\` or \`node bench/run.mjs <name...>\` for some of them (${available.join(', ')});`,
  '`BENCH_QUICK=1 node bench/run.mjs` for a smoke run; each section below gives its own command and knobs.',
  '',
  '| Machine | |',
  '| --- | --- |',
  `| CPU | ${machine.cpu} |`,
  `| Cores | ${machine.cores} |`,
  `| RAM | ${machine.ramGiB} GiB |`,
  `| OS | ${machine.os} |`,
  `| Node | ${machine.node} |`,
  `| Load average at start (1/5/15 min) | ${machine.loadavg.join(' / ')} |`,
  '',
  ...available.flatMap((name) => parts.get(name) ?? kept.get(name) ?? []).flatMap((p) => [p, '']),
].join('\n');

writeFileSync(out, markdown);
console.log(`\n${markdown}\nWritten to ${out}`);
if (failed > 0) process.exit(1);

/** The `## ` sections of a BENCHMARKS.md by the bench whose command each names (`node bench/<name>.bench.mjs`). */
function sectionsByBench(markdown) {
  const sections = new Map();
  for (const section of markdown.split(/^(?=## )/m).slice(1)) {
    const name = /node bench\/([\w-]+)\.bench\.mjs/.exec(section)?.[1];
    if (name) sections.set(name, [...(sections.get(name) ?? []), section.trimEnd()]);
  }
  return sections;
}
