import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Packing and an npm install come first (a few seconds); each consumer is a process of its own.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
