// The runner executes the committed dist/index.js, not src/: it must be exactly what a build of the
// current sources gives. "Committed" is what git has staged (the version a push would carry), so the
// check holds in CI even after `pnpm build` has rewritten the working copy; outside git (or before
// the file is first added) the working copy is compared instead.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { bundle, distFile, packageDir } from '../scripts/build.mjs';
import { type ActionYml, readActionYml } from './harness';

function gitStaged(path: string): string | undefined {
  try {
    execFileSync('git', ['ls-files', '--error-unmatch', path], { cwd: packageDir, stdio: 'ignore' });
    return execFileSync('git', ['show', `:./${path}`], {
      cwd: packageDir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return undefined; // Not a git checkout, or not added yet.
  }
}

describe('dist/index.js', () => {
  const fresh = () => readFile(inject('bundlePath'), 'utf8');

  it('is a fresh build of src (run `pnpm --filter @move-ugc/github-action build` and commit it if not)', async () => {
    const committed = gitStaged('dist/index.js') ?? (await readFile(distFile, 'utf8').catch(() => ''));
    const same = committed === (await fresh());
    expect(
      same,
      'packages/github-action/dist/index.js is stale: rebuild it with `pnpm --filter @move-ugc/github-action build` and commit it.',
    ).toBe(true);
  });

  it('builds deterministically: no timestamps, no absolute paths, no source map', async () => {
    const text = await fresh();
    expect(await bundle()).toBe(text);
    expect(text).not.toContain(packageDir);
    expect(text).not.toContain('sourceMappingURL');
    expect(text.startsWith("import { createRequire as __moveCreateRequire } from 'node:module';")).toBe(true);
  });

  it('is what action.yml runs, on node24', async () => {
    const action = await readActionYml();
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  // A copy of action.yml at the repository root (for `uses: owner/repo@v1`) must not drift from this one.
  const rootActionYml = join(packageDir, '..', '..', 'action.yml');
  it.skipIf(!existsSync(rootActionYml))('matches the root action.yml, if there is one, but for its path', async () => {
    const root = parse(await readFile(rootActionYml, 'utf8')) as ActionYml;
    const own = await readActionYml();
    expect(root).toEqual({ ...own, runs: { ...own.runs, main: 'packages/github-action/dist/index.js' } });
  });
});
