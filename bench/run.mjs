#!/usr/bin/env node
// `pnpm bench`: every benchmark in turn, each measured against its reference in the same run.
import { spawnSync } from 'node:child_process';

for (const bench of ['requests.bench.mjs', 'startup.bench.mjs', 'transfer.bench.mjs']) {
  console.log(`\n== ${bench}`);
  const result = spawnSync(process.execPath, [new URL(bench, import.meta.url).pathname], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
