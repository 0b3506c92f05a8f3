#!/usr/bin/env node
// CLI start-up: `move-ugc --version` and `--help` against bare `node -e 0`, run alternately so
// both see the same machine load; medians of BENCH_RUNS (default 30; 1 with BENCH_QUICK=1) runs
// each. Target (CLI issue): within 1.5x of bare node.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { check, commandFor, fixed, knob, median, REFERENCE, report } from './report.mjs';

const cli = new URL('../packages/cli/dist/move-ugc.js', import.meta.url).pathname;
if (!existsSync(cli)) {
  console.error('Build the CLI first: pnpm turbo run build --filter=@move-ugc/cli');
  process.exit(1);
}
const runs = knob('BENCH_RUNS', 30, 1);
const cases = {
  'node -e 0': ['-e', '0'],
  'move-ugc --version': [cli, '--version'],
  'move-ugc --help': [cli, '--help'],
};
const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));

for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(cases)) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    if (result.status !== 0) throw new Error(`${name} exited ${result.status}: ${result.stderr}`);
    times[name].push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}

const base = median(times['node -e 0']);
const best = (name) => Math.min(...times[name]);
report({
  title: 'CLI start-up',
  command: commandFor(import.meta.url),
  columns: ['Command', 'Median ms', 'Best ms', 'Median / node -e 0', 'Best / best', 'Target', 'Met'],
  rows: Object.keys(cases).map((name) => {
    const ratio = median(times[name]) / base;
    return [
      `\`${name}\``,
      fixed(median(times[name]), 1),
      fixed(best(name), 1),
      `${fixed(ratio)}x`,
      `${fixed(best(name) / best('node -e 0'))}x`,
      ...(name === 'node -e 0' ? REFERENCE : check(Number(fixed(ratio)), { max: 1.5, unit: 'x' })),
    ];
  }),
  notes: [
    `${runs} runs of each, interleaved (node, --version, --help, node, ...); the target applies to the median ratio.`,
  ],
});
