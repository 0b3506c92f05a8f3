#!/usr/bin/env node
// Bundle sizes of the published packages, from their built dist/ (run `pnpm run build` first):
// `npm pack --dry-run --json` in each package (tarball, unpacked size, files), runtime
// dependencies from each package.json, the SDK's neutral ESM entry bundled and minified with
// esbuild then gzipped with node:zlib, the CLI's files and what `--version` and `--help` load
// (recorded by a module load hook), and the Action's committed dist/index.js. Sizes do not vary
// with load, so BENCH_QUICK changes nothing here.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { check, commandFor, kib, NO_TARGET, repoRoot, report } from './report.mjs';

const pkgDir = (dir) => join(repoRoot, 'packages', dir);
// Directory, and the runtime dependencies an issue allows (undefined: the issues set none).
const published = [
  ['sdk', 0, 'SDK issue: no graphql-js at run time, dependencies minimal (none so far)'],
  ['core', undefined],
  ['mock', undefined],
  ['cli', 0, 'CLI issue: zero runtime dependencies'],
  ['n8n-node', 0, 'n8n issue: no runtime dependencies, n8n-workflow as peer only'],
];
const missing = published.filter(([dir]) => !existsSync(join(pkgDir(dir), 'dist')));
if (missing.length > 0) {
  console.error(`Build first (pnpm run build): no dist/ in ${missing.map(([d]) => `packages/${d}`).join(', ')}`);
  process.exit(1);
}

const run = promisify(execFile);
const packs = await Promise.all(
  published.map(async ([dir]) => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: pkgDir(dir),
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(stdout)[0];
  }),
);

const packageRows = published.map(([dir, allowedDeps], i) => {
  const manifest = JSON.parse(readFileSync(join(pkgDir(dir), 'package.json'), 'utf8'));
  const deps = Object.keys(manifest.dependencies ?? {});
  const peers = Object.keys(manifest.peerDependencies ?? {});
  const pack = packs[i];
  const maps = pack.files.filter((f) => f.path.endsWith('.map')).reduce((sum, f) => sum + f.size, 0);
  return [
    `\`${manifest.name}\``,
    kib(pack.size),
    kib(pack.unpackedSize),
    kib(maps),
    pack.entryCount,
    `${deps.length}${deps.length > 0 ? ` (${deps.join(', ')})` : ''}${peers.length > 0 ? `; peer: ${peers.join(', ')}` : ''}`,
    ...(allowedDeps === undefined ? NO_TARGET : check(deps.length, { max: allowedDeps })),
  ];
});
report({
  title: 'Published packages',
  command: commandFor(import.meta.url),
  columns: ['Package', 'Tarball', 'Unpacked', 'of which .map', 'Files', 'Runtime deps', 'Target (deps)', 'Met'],
  rows: packageRows,
  notes: [
    'Tarball, unpacked size and file count from `npm pack --dry-run --json` in each package directory.',
    ...published.filter(([, , why]) => why).map(([dir, , why]) => `packages/${dir}: ${why}.`),
  ],
});

// The SDK as an app bundler would ship it: neutral platform (browsers, workers, Deno), minified.
const esbuild = createRequire(join(pkgDir('github-action'), 'package.json'))('esbuild');
async function sdkBundle(contents) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: pkgDir('core'), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.keys(result.metafile.inputs);
  return { bytes: code.byteLength, gzip: gzipSync(code).byteLength, inputs };
}
const sdkAll = await sdkBundle("export * from '@move-ugc/sdk';");
const sdkClient = await sdkBundle("export { MoveUgc } from '@move-ugc/sdk';");
const sdkWebhook = await sdkBundle("export { verifyWebhook } from '@move-ugc/sdk';");
const graphqlInputs = sdkAll.inputs.filter((p) => /node_modules\/graphql\//.test(p)).length;

// What the CLI loads: a module hook logs every file URL the process imports.
const cliDist = join(pkgDir('cli'), 'dist');
function cliLoads(arg) {
  const dir = mkdtempSync(join(os.tmpdir(), 'move-ugc-sizes-'));
  const log = join(dir, 'loaded.txt');
  try {
    const hooks = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');
  return next(url, context);
}`;
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
    const result = spawnSync(
      process.execPath,
      ['--import', `data:text/javascript,${encodeURIComponent(register)}`, join(cliDist, 'move-ugc.js'), arg],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    if (result.status !== 0) throw new Error(`move-ugc ${arg} exited ${result.status}: ${result.stderr}`);
    const files = [...new Set(readFileSync(log, 'utf8').trim().split('\n'))].map((u) => new URL(u).pathname);
    return { count: files.length, bytes: files.reduce((sum, f) => sum + statSync(f).size, 0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const chunkDir = join(cliDist, 'chunks');
const chunks = readdirSync(chunkDir).map((f) => statSync(join(chunkDir, f)).size);
const fileSize = (path) => statSync(path).size;
const gz = (path) => gzipSync(readFileSync(path)).byteLength;
const bin = join(cliDist, 'move-ugc.js');
const action = join(pkgDir('github-action'), 'dist/index.js');
const version = cliLoads('--version');
const help = cliLoads('--help');
const largest = Math.max(...chunks);

report({
  title: 'Bundles',
  command: commandFor(import.meta.url),
  columns: ['Artifact', 'Files', 'Size', 'Gzipped', 'Target', 'Met'],
  rows: [
    ['`@move-ugc/sdk` neutral ESM, minified: everything', 1, kib(sdkAll.bytes), kib(sdkAll.gzip), ...NO_TARGET],
    ['`@move-ugc/sdk` minified: `MoveUgc` only', 1, kib(sdkClient.bytes), kib(sdkClient.gzip), ...NO_TARGET],
    ['`@move-ugc/sdk` minified: `verifyWebhook` only', 1, kib(sdkWebhook.bytes), kib(sdkWebhook.gzip), ...NO_TARGET],
    ['graphql-js modules in the SDK bundle', graphqlInputs, '', '', ...check(graphqlInputs, { max: 0 })],
    ['`@move-ugc/cli` dist/move-ugc.js (the bin)', 1, kib(fileSize(bin)), kib(gz(bin)), ...NO_TARGET],
    [
      '`@move-ugc/cli` dist/chunks/ (loaded on demand)',
      chunks.length,
      kib(chunks.reduce((a, b) => a + b, 0)),
      '',
      ...NO_TARGET,
    ],
    ['`move-ugc --version` loads', version.count, kib(version.bytes), '', ...NO_TARGET],
    ['`move-ugc --help` loads', help.count, kib(help.bytes), '', ...NO_TARGET],
    ['`@move-ugc/github-action` dist/index.js (committed)', 1, kib(fileSize(action)), kib(gz(action)), ...NO_TARGET],
  ],
  notes: [
    `SDK: esbuild ${esbuild.version} bundle of \`@move-ugc/sdk\` (its \`import\` export, platform neutral), minified; gzip by node:zlib at the default level.`,
    `CLI: the largest chunk is ${kib(largest)}. The CLI issue asked for one bundled file; it ships code-split (a small bin plus chunks) so that \`--version\` parses only what it needs (see the start-up section).`,
    `"loads" = every file module the process imported (${relative(repoRoot, cliDist)}/...), recorded by a module.register() load hook.`,
  ],
});
