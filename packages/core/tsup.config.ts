import { defineConfig } from 'tsup';

// The platform-neutral workflow, and the Node pieces (files, directory sink, on-disk journal,
// undici transfers) as a separate entry so n8n and browsers never load them; `internal` holds what
// the faces of this repository share but a user of core does not call.
export default defineConfig({
  entry: { index: 'src/index.ts', internal: 'src/internal.ts', 'node/index': 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  external: ['@move-ugc/sdk', 'undici'],
});
