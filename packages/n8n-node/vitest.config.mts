import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // n8n-workflow's ESM build uses extensionless imports Node cannot load; n8n itself loads the CJS one.
    alias: { 'n8n-workflow': require.resolve('n8n-workflow') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/fast-sleep.ts', '@move-ugc/mock/vitest-setup'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
