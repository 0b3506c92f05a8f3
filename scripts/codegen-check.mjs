// Fails when running codegen would change a tracked file: generated code must be committed fresh.
import { execFileSync } from 'node:child_process';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] }).toString();

run('pnpm', ['codegen']);
const changed = run('git', ['status', '--porcelain', '--', 'packages/sdk/src/generated']).trim();
if (changed) {
  console.error(`Generated code is stale; run \`pnpm codegen\` and commit the result:\n${changed}`);
  process.exit(1);
}
console.log('Generated code is fresh.');
