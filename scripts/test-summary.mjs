// Adds up the vitest JSON reports of every workspace package (packages/ and tests/: unit, end-to-end, n8n's
// queue mode, packaging and soak) and prints one closing line for CI:
// "N passed, N failed, N skipped". Exits non-zero when a test failed or no test ran.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folders = ['packages', 'tests'].map((folder) => new URL(`../${folder}/`, import.meta.url).pathname);
let passed = 0;
let failed = 0;
let skipped = 0;
const files = [
  '.vitest-results.json',
  '.vitest-e2e-results.json',
  '.vitest-soak-results.json',
  'e2e/.vitest-queue-results.json',
];
const reports = folders.flatMap((folder) =>
  readdirSync(folder).flatMap((name) => files.map((file) => join(folder, name, file))),
);
for (const report of reports.filter((path) => existsSync(path))) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  skipped += json.numPendingTests + json.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
