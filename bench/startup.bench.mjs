#!/usr/bin/env node
// CLI start-up: `move-ugc --version` and `--help` against bare `node -e 0`, run alternately so
// both see the same machine load; medians of BENCH_RUNS (default 30) runs each.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const cli = new URL('../packages/cli/dist/move-ugc.js', import.meta.url).pathname;
if (!existsSync(cli)) {
  console.error('Build the CLI first: pnpm turbo run build --filter=@move-ugc/cli');
  process.exit(1);
}
// Benchmark knobs, not build inputs (so not declared to turbo).
const { BENCH_RUNS = '30' } = process.env;
const runs = Number(BENCH_RUNS);
const cases = {
  'node -e 0': ['-e', '0'],
  'move-ugc --version': [cli, '--version'],
  'move-ugc --help': [cli, '--help'],
};
const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));

for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(cases)) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`${name} exited ${result.status}`);
    times[name].push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const base = median(times['node -e 0']);
console.log(`CLI start-up, median of ${runs} runs:`);
for (const name of Object.keys(cases)) {
  const ms = median(times[name]);
  console.log(`  ${name.padEnd(20)} ${ms.toFixed(1).padStart(7)} ms   ${(ms / base).toFixed(2)}x node`);
}
