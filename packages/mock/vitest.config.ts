import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

// schema.graphql is imported as text (tsup's text loader does the same in the build).
const graphqlText: Plugin = {
  name: 'graphql-text',
  transform(code, id) {
    return id.endsWith('.graphql') ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined;
  },
};

// The sample clip is imported as bytes (tsup's binary loader in the build); this runs before vite's
// own asset handling, which would give a URL.
const mp4Bytes: Plugin = {
  name: 'mp4-bytes',
  enforce: 'pre',
  load(id) {
    if (!id.endsWith('.mp4')) return undefined;
    const base64 = readFileSync(id).toString('base64');
    return { code: `export default new Uint8Array(Buffer.from(${JSON.stringify(base64)}, 'base64'));`, map: null };
  },
};

export default defineConfig({
  plugins: [graphqlText, mp4Bytes],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // The secrets scan of every test file's output (other packages use @move-ugc/mock/vitest-setup).
    setupFiles: ['src/vitest-setup.ts'],
    environment: 'node',
    // Test files share nothing that needs a fresh module registry (each makes its own simulator
    // and msw server), so modules load once per worker: about half the suite's wall time on 2 cores.
    isolate: false,
    testTimeout: 20_000,
  },
});
