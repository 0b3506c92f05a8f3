import { defineConfig } from 'vitest/config';

// The queue-mode suite (e2e/queue.e2e.test.ts): a real n8n in queue mode (main, two workers, a
// webhook process) on PostgreSQL and Redis. Its own script: `pnpm test:e2e:queue`.
export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  test: {
    include: ['e2e/queue.e2e.test.ts'],
    setupFiles: ['@move-ugc/mock/vitest-setup'],
    environment: 'node',
    env: { MOVE_UGC_QUEUE_E2E: '1' },
    testTimeout: 10 * 60_000,
    hookTimeout: 25 * 60_000,
    fileParallelism: false,
  },
});
