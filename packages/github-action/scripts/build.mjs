// Bundles the Action into one ESM file, dist/index.js, that the runner executes with nothing
// installed: @actions/core (ESM only), the workflow library, the SDK and undici are all inside.
// The output is deterministic (no timestamps, no absolute paths, no sourcemap), so a fresh build
// can be compared byte for byte with the committed file:
//   node scripts/build.mjs           writes dist/index.js
//   node scripts/build.mjs --check   fails when the committed dist/index.js differs from a fresh build
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const distFile = join(packageDir, 'dist', 'index.js');

/** Swaps @actions/core's OIDC client for a stub: see scripts/no-oidc.mjs. */
const withoutOidc = {
  name: 'without-oidc',
  setup(build) {
    build.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) =>
      /[\\/]@actions[\\/]core[\\/]/.test(args.importer)
        ? { path: join(packageDir, 'scripts', 'no-oidc.mjs') }
        : undefined,
    );
  },
};

/** The bundle's text. */
export async function bundle() {
  const result = await build({
    absWorkingDir: packageDir,
    entryPoints: ['src/index.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The runner uses node24; node20 keeps the bundle runnable where the tests run.
    target: 'node20',
    // Minified: no per-module path comments, which would differ with the package store's layout.
    minify: true,
    sourcemap: false,
    legalComments: 'eof',
    // Bundled CommonJS (undici) calls require() for Node's built-ins: give the ESM file one.
    banner: {
      js: "import { createRequire as __moveCreateRequire } from 'node:module'; const require = __moveCreateRequire(import.meta.url);",
    },
    plugins: [withoutOidc],
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

async function main() {
  const fresh = await bundle();
  if (process.argv.includes('--check')) {
    const committed = await readFile(distFile, 'utf8').catch(() => '');
    if (committed !== fresh) {
      console.error(
        'dist/index.js is stale: it differs from a fresh build of src/. Run `pnpm --filter @move-ugc/github-action build` ' +
          'and commit packages/github-action/dist/index.js.',
      );
      process.exit(1);
    }
    console.log('dist/index.js is up to date.');
    return;
  }
  await mkdir(dirname(distFile), { recursive: true });
  await writeFile(distFile, fresh);
  console.log(`dist/index.js: ${(Buffer.byteLength(fresh) / 1024).toFixed(0)} KiB`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
