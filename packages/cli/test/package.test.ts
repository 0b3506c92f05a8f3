// The package as users get it: packed, installed into an empty project, its bin run from there.
// A broken `files` or `bin` field (or a chunk left out of the tarball) fails here, not after publish.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sampleVideo } from '@move-ugc/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installTarballs, packWorkspacePackage } from '../../../scripts/pack.mjs';
import { type Env, expectNoSecrets, expectOutputsMatch, json, type OutputDoc, run, startSim } from './helpers';

const exec = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

let t: Env;
let bin: string;

beforeAll(async () => {
  t = await startSim();
  // pnpm packs as it publishes (workspace: versions resolved).
  const tarball = await packWorkspacePackage(root, t.dir);
  // Zero runtime dependencies: installing the tarball needs no registry.
  await installTarballs(join(t.dir, 'app'), [tarball]);
  bin = join(t.dir, 'app', 'node_modules', '.bin', 'move-ugc');
}, 120_000);

afterAll(async () => {
  expectNoSecrets();
  await t.close();
});

describe('the packed CLI', () => {
  it('holds only the bundle, with no runtime dependencies', async () => {
    const { stdout } = await exec('tar', ['tzf', join(t.dir, `move-ugc-cli-${version}.tgz`)]);
    const files = stdout.trim().split('\n');
    expect(files).toContain('package/dist/move-ugc.js');
    expect(files).toContain('package/LICENSE');
    expect(
      files.every(
        (f) =>
          ['package/package.json', 'package/README.md', 'package/LICENSE'].includes(f) ||
          /^package\/dist\/(chunks\/)?[\w-]+\.js$/.test(f) ||
          // The page `move-ugc view` serves (packages/viewer's build).
          /^package\/dist\/viewer\/(index\.html|assets\/[\w-]+\.(js|css))$/.test(f),
      ),
    ).toBe(true);
    expect(files).toContain('package/dist/viewer/index.html');
    const manifest = JSON.parse(
      readFileSync(join(t.dir, 'app', 'node_modules', '@move-ugc', 'cli', 'package.json'), 'utf8'),
    );
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.bin).toEqual({ 'move-ugc': 'dist/move-ugc.js' });
  });

  it('answers --version from node_modules/.bin', async () => {
    const result = await run(['--version'], { bin, env: t.env });
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('runs a video against the simulator', async () => {
    writeFileSync(join(t.dir, 'clip.mp4'), sampleVideo('MP4', 4096));
    const result = await run(['run', 'clip.mp4', '--outputs', 'MAIN_FBX', '--poll-interval', '100ms', '-o', 'out'], {
      bin,
      cwd: t.dir,
      env: t.env,
    });
    expect(result.code, result.stderr).toBe(0);
    const doc = json<{ jobId: string; state: string; outputs: OutputDoc[] }>(result);
    expect(doc.state).toBe('FINISHED');
    expectOutputsMatch(t.sim, doc.jobId, doc.outputs);
  });
});
