// Builds the bundle once for the whole run, into a temp dir: the end-to-end tests execute it as the
// runner would, and dist.test.ts checks that it is byte-identical to the committed dist/index.js.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bundle } from '../scripts/build.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of a fresh build of src/index.ts. */
    bundlePath: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'move-gha-bundle-'));
  const bundlePath = join(dir, 'index.js');
  await writeFile(bundlePath, await bundle());
  project.provide('bundlePath', bundlePath);
  return () => rm(dir, { recursive: true, force: true });
}
