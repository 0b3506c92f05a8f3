import { defineConfig, type Plugin } from 'vitest/config';

// schema.graphql is imported as text (tsup's text loader does the same in the build).
const graphqlText: Plugin = {
  name: 'graphql-text',
  transform(code, id) {
    return id.endsWith('.graphql') ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined;
  },
};

export default defineConfig({
  plugins: [graphqlText],
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
