// One seed for every suite (SOAK_SEED to replay a run), a directory for their report sections, and
// at the very end the report: printed, and written to soak-report.md at the repository root.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { readSections, renderReport } from './report';
import { mode, sizes } from './settings';

const REPORT = resolve(import.meta.dirname, '..', '..', '..', 'soak-report.md');

export default function setup(project: TestProject): () => void {
  const fromEnv = process.env.SOAK_SEED;
  const seed = fromEnv ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`SOAK_SEED must be a whole number >= 0 (got ${fromEnv}).`);
  const dir = mkdtempSync(join(tmpdir(), 'move-ugc-soak-report-'));
  const started = Date.now();
  console.log(`soak: ${mode} sizes, seed ${seed} (replay with SOAK=${mode} SOAK_SEED=${seed} pnpm test:soak)`);
  project.provide('soakSeed', seed);
  project.provide('soakReportDir', dir);

  return () => {
    const sections = readSections(dir);
    rmSync(dir, { recursive: true, force: true });
    if (sections.length === 0) return;
    const report = renderReport(sections, [
      `mode: ${mode} (${JSON.stringify(sizes)})`,
      `seed: ${seed}; replay with \`SOAK=${mode} SOAK_SEED=${seed} pnpm test:soak\``,
      `machine: Node ${process.version}, ${cpus().length} cores; wall time ${Math.round((Date.now() - started) / 1000)} s`,
    ]);
    writeFileSync(REPORT, report);
    console.log(`\n${report}\n(written to ${REPORT})`);
  };
}
