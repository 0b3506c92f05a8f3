import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['@move-ugc/mock/vitest-setup'],
    // The tests mostly wait on the CLI processes they spawn (polls, throttled transfers), so more
    // files than cores run at once; the default would be one at a time on a 2-core machine.
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
