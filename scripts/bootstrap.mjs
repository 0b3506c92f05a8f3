// The README's commands run through here on a machine with only Node and npm: make sure the pinned
// pnpm is present, install the workspace, then run the requested task.
//   node scripts/bootstrap.mjs test   -> codegen freshness, schema check, lint, build, typecheck, tests
//   node scripts/bootstrap.mjs demo   -> the single-camera workflow (simulator unless MOVE_API_KEY is set)
//   node scripts/bootstrap.mjs e2e    -> the n8n package inside a real n8n
//   node scripts/bootstrap.mjs soak   -> the soak suites at their short sizes (SOAK=long for the full ones)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const localBin = join(root, '.tools', 'node_modules', '.bin');

function pnpmVersion(bin) {
  try {
    return execFileSync(bin, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

function findPnpm() {
  if (pnpmVersion('pnpm') === pinned) return 'pnpm';
  const local = join(localBin, 'pnpm');
  if (existsSync(local) && pnpmVersion(local) === pinned) return local;
  console.error(`Installing pnpm ${pinned} (once)...`);
  const global = spawnSync('npm', ['install', '--global', `pnpm@${pinned}`], { stdio: 'inherit' });
  if (global.status === 0 && pnpmVersion('pnpm') === pinned) return 'pnpm';
  // No rights for a global install: keep it inside the checkout instead.
  const inTree = spawnSync('npm', ['install', '--prefix', join(root, '.tools'), `pnpm@${pinned}`], {
    stdio: 'inherit',
  });
  if (inTree.status === 0 && pnpmVersion(local) === pinned) return local;
  console.error(`Could not install pnpm ${pinned}; install it with \`npm i -g pnpm@${pinned}\` and retry.`);
  process.exit(1);
}

function run(bin, args) {
  const result = spawnSync(bin, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const task = process.argv[2];
const tasks = {
  test: ['ci'],
  demo: ['demo:run', ...process.argv.slice(3)],
  e2e: ['test:e2e'],
  soak: ['test:soak'],
};
if (!tasks[task]) {
  console.error(`usage: node scripts/bootstrap.mjs <${Object.keys(tasks).join('|')}>`);
  process.exit(2);
}
const pnpm = findPnpm();
run(pnpm, ['install', '--frozen-lockfile']);
run(pnpm, ['run', ...tasks[task]]);
