// Installs (once) the n8n release the end-to-end tests run against, with the Node 24 it needs,
// into a cache outside the repository keyed by version: ~/.cache/move-ugc-n8n/<version>.
//   node e2e/n8n-install.mjs            -> prints the install directory
// Env: N8N_VERSION (default below), MOVE_UGC_N8N_CACHE (cache root).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** n8n 2.41.3 names an n8n-core release the registry does not have; 2.41.1 installs cleanly. */
export const DEFAULT_N8N_VERSION = '2.41.1';

export function n8nPaths(version = process.env.N8N_VERSION || DEFAULT_N8N_VERSION) {
  const root = process.env.MOVE_UGC_N8N_CACHE || join(homedir(), '.cache', 'move-ugc-n8n');
  const dir = join(root, version);
  return {
    version,
    dir,
    node: join(dir, 'node_modules', 'node', 'bin', 'node'),
    n8n: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
    marker: join(dir, '.installed'),
  };
}

export function ensureN8n(log = (line) => process.stderr.write(`${line}\n`)) {
  const paths = n8nPaths();
  if (existsSync(paths.marker) && existsSync(paths.node) && existsSync(paths.n8n)) return paths;
  log(`Installing n8n ${paths.version} and Node 24 into ${paths.dir} (once; about 10 minutes)...`);
  rmSync(paths.dir, { recursive: true, force: true });
  mkdirSync(paths.dir, { recursive: true });
  const manifest = {
    name: 'move-ugc-n8n-e2e',
    private: true,
    dependencies: { n8n: paths.version, node: '^24' },
    // n8n-nodes-base pins xlsx to a tarball on a CDN this network cannot reach; the registry's
    // 0.18.5 is the same library.
    overrides: { xlsx: '0.18.5' },
  };
  writeFileSync(join(paths.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const started = Date.now();
  // Install scripts stay off: several download native builds from hosts this network cannot reach
  // (Kafka, Oracle, Sentry profilers). Only two are needed: the `node` package puts the Node 24 binary
  // in place, and sqlite3 (n8n's database) compiles against that Node's bundled headers.
  run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], paths.dir);
  run('npm', ['rebuild', 'node', '--loglevel=error'], paths.dir);
  const node24 = join(paths.dir, 'node_modules', 'node', 'bin');
  run('npm', ['rebuild', 'sqlite3', '--loglevel=error'], paths.dir, {
    PATH: `${node24}:${process.env.PATH}`,
    npm_config_nodedir: join(
      paths.dir,
      'node_modules',
      'node',
      'node_modules',
      `node-${process.platform}-${process.arch}`,
    ),
  });
  writeFileSync(paths.marker, `${new Date().toISOString()}\n`);
  log(`n8n ${paths.version} installed in ${Math.round((Date.now() - started) / 1000)} s.`);
  return paths;
}

function run(command, args, cwd, env = {}) {
  const result = spawnSync(command, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}) in ${cwd}.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${ensureN8n().dir}\n`);
}
