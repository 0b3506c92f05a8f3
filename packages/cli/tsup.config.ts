import { cpSync, existsSync, readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// Self-contained ESM: every dependency is bundled, so `npx @move-ugc/cli` installs nothing else.
// The bin (dist/move-ugc.js) holds only `--version` and `--help`; each command is a chunk in
// dist/chunks/ loaded when it runs. As one file, node had to parse ~900 KB (undici, graphql for
// `mock`) on every start, which made `--version` take ~1.7x bare node; split, it is ~1.2x.
export default defineConfig({
  entry: { 'move-ugc': 'src/bin.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  noExternal: [/.*/],
  splitting: true,
  minify: true,
  clean: true,
  esbuildOptions(options) {
    options.chunkNames = 'chunks/[name]-[hash]';
  },
  // `move-ugc --version` prints the published version (src/version.ts says `dev` without it).
  define: { __VERSION__: JSON.stringify(version) },
  // `move-ugc view` serves the viewer page (packages/viewer, built by vite) from dist/viewer, found
  // beside the bundle at run time; the published package ships dist, so the page ships with it.
  async onSuccess() {
    const viewer = new URL('../viewer/dist/', import.meta.url);
    if (!existsSync(new URL('index.html', viewer))) {
      console.warn(
        'tsup: packages/viewer/dist is not built, so `move-ugc view` has no page (pnpm --filter @move-ugc/viewer build)',
      );
      return;
    }
    cpSync(viewer, new URL('./dist/viewer/', import.meta.url), { recursive: true });
  },
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
