import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.soak.ts'],
    environment: 'node',
    // Builds the CLI when its dist is stale, then picks the seed and, at the end, writes soak-report.md.
    globalSetup: ['../../packages/cli/test/global-setup.ts', 'test/global-setup.ts'],
    // The package-wide secrets scan (what each file printed, and every CLI run's output) on top of the soaks' own.
    setupFiles: ['@move-ugc/mock/vitest-setup'],
    // One suite at a time: each one times kills or samples memory, which a busy neighbour would skew.
    fileParallelism: false,
    testTimeout: 30 * 60_000,
    hookTimeout: 120_000,
  },
});
