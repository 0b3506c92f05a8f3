import { defineConfig } from 'tsup';

// Two entries: the platform-neutral client, and the one Node resolves through the `node` export
// condition, which only adds Node's ref'd timers as the default sleep.
export default defineConfig({
  entry: ['src/index.ts', 'src/index.node.ts'],
  format: ['esm', 'cjs'],
  dts: { resolve: ['@graphql-typed-document-node/core'] },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'neutral',
  external: ['node:timers/promises'],
});
