// The README's commands run through here on a machine with only Node and npm: make sure the pinned
// pnpm is present, install the workspace, then run the requested task.
//   node scripts/bootstrap.mjs test   -> codegen freshness, schema check, lint, build, typecheck, tests
//   node scripts/bootstrap.mjs demo   -> the single-camera workflow (simulator unless MOVE_API_KEY is set)
//   node scripts/bootstrap.mjs e2e    -> the n8n package inside a real n8n
//   node scripts/bootstrap.mjs queue  -> the same in n8n's queue mode (needs redis-server and PostgreSQL)
//   node scripts/bootstrap.mjs soak   -> the soak suites at their short sizes (SOAK=long for the full ones)
//   node scripts/bootstrap.mjs move-ugc <args>  -> build the CLI, then `move-ugc <args>` in the caller's folder
// Their output stays calm: no update or telemetry notices, and colour only on a terminal (NO_COLOR turns it off,
// FORCE_COLOR turns it on even into a file).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
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

const { FORCE_COLOR, NO_COLOR, INIT_CWD } = process.env;

// The environment of pnpm, turbo and the tools they start, whose output goes to `stream`.
function quietEnv(stream) {
  const env = {
    ...process.env,
    pnpm_config_update_notifier: 'false',
    npm_config_update_notifier: 'false',
    TURBO_TELEMETRY_DISABLED: '1',
    TURBO_NO_UPDATE_NOTIFIER: '1',
  };
  const noColor = NO_COLOR !== undefined && NO_COLOR !== '';
  const forced = FORCE_COLOR !== undefined && FORCE_COLOR !== '0' && FORCE_COLOR !== 'false';
  if (noColor || (!forced && !stream.isTTY)) {
    // Both, as tools differ: vitest colours even a file unless NO_COLOR is set, and turbo colours a
    // terminal unless FORCE_COLOR is 0. turbo passes both on to the tasks it runs.
    env.NO_COLOR = '1';
    env.FORCE_COLOR = '0';
  }
  return env;
}

// `toStderr`: keep stdout for what the task itself prints (the CLI's JSON, say).
function run(bin, args, { toStderr = false } = {}) {
  const result = spawnSync(bin, args, {
    cwd: root,
    stdio: ['inherit', toStderr ? 2 : 'inherit', 'inherit'],
    env: quietEnv(toStderr ? process.stderr : process.stdout),
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const task = process.argv[2];
const tasks = {
  test: ['ci'],
  demo: ['demo:run', ...process.argv.slice(3)],
  e2e: ['test:e2e'],
  queue: ['test:e2e:queue'],
  soak: ['test:soak'],
  'move-ugc': null,
};
if (!(task in tasks)) {
  console.error(`usage: node scripts/bootstrap.mjs <${Object.keys(tasks).join('|')}>`);
  process.exit(2);
}
const pnpm = findPnpm();
if (task === 'move-ugc') {
  // The CLI from this checkout, run where the user is (npm runs scripts from the root and says
  // where it was started in INIT_CWD). Install and build report on stderr; stdout is the CLI's.
  run(pnpm, ['install', '--frozen-lockfile'], { toStderr: true });
  run(pnpm, ['exec', 'turbo', 'run', 'build', '--filter=@move-ugc/cli...', '--output-logs=errors-only'], {
    toStderr: true,
  });
  const cli = spawn(process.execPath, [join(root, 'packages/cli/dist/move-ugc.js'), ...process.argv.slice(3)], {
    cwd: INIT_CWD || process.cwd(),
    stdio: 'inherit',
  });
  // Ctrl-C reaches the CLI from the terminal itself, and a second one makes it quit at once: wait for
  // it to stop (it prints how to resume). A SIGTERM sent to this process alone is passed on.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => cli.kill('SIGTERM'));
  cli.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
} else {
  run(pnpm, ['install', '--frozen-lockfile']);
  run(pnpm, ['run', ...tasks[task]]);
}
