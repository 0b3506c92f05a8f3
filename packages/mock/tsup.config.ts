import { defineConfig } from 'tsup';

// Library entries (ESM + CJS + types) and the bin (ESM, with its shebang kept). schema.graphql is
// imported as text, so the published package carries the schema it executes against, and the sample
// clip served as RENDER_VIDEO as bytes (10 KiB).
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'test-utils': 'src/test-utils.ts',
    'vitest-setup': 'src/vitest-setup.ts',
    vitest: 'src/vitest.ts',
    bin: 'src/bin.ts',
  },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', 'test-utils': 'src/test-utils.ts', vitest: 'src/vitest.ts' } },
  loader: { '.graphql': 'text', '.mp4': 'binary' },
  // import.meta.url in the CJS build (msw is loaded lazily through createRequire).
  shims: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
