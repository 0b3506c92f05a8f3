import { defineConfig } from 'vitest/config';

// The end-to-end suite: a real n8n (installed once into ~/.cache/move-ugc-n8n) runs the packed
// package. Slow by nature, so it is a script of its own: `pnpm test:e2e`.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    // Queue mode has its own script and services: `pnpm test:e2e:queue` (e2e/vitest.queue.config.mts).
    exclude: ['e2e/queue.e2e.test.ts'],
    setupFiles: ['@move-ugc/mock/vitest-setup'],
    environment: 'node',
    testTimeout: 5 * 60_000,
    hookTimeout: 25 * 60_000,
    fileParallelism: false,
  },
});
