// The libraries as npm users get them: sdk, core and mock packed as `pnpm publish` would pack them
// (workspace: ranges become versions), npm-installed together into an empty project with no registry
// (their only outside dependencies, undici and graphql, are packed from this workspace's install),
// then used from an ES module, a CommonJS module and TypeScript with `module: node16`.
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installTarballs, packInstalledPackage, packWorkspacePackage } from '../../../scripts/pack.mjs';

const exec = promisify(execFile);
const here = resolve(import.meta.dirname, '..');
const packages = resolve(here, '..');
const LIBRARIES = ['sdk', 'core', 'mock'];

let dir: string;
let app: string;

/** The directory of a package as installed for `fromPackage` (pnpm links it from its store). */
function installed(fromPackage: string, name: string): string {
  return realpathSync(join(packages, fromPackage, 'node_modules', name));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'move-ugc-packaging-'));
  const tarballs = await Promise.all([
    ...LIBRARIES.map((name) => packWorkspacePackage(join(packages, name), dir)),
    packInstalledPackage(installed('core', 'undici'), dir),
    packInstalledPackage(installed('mock', 'graphql'), dir),
  ]);
  app = join(dir, 'app');
  await installTarballs(app, tarballs);
  for (const file of readdirSync(join(here, 'fixtures'))) copyFileSync(join(here, 'fixtures', file), join(app, file));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function manifest(name: string): Record<string, unknown> & { dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(join(app, 'node_modules', '@move-ugc', name, 'package.json'), 'utf8'));
}

describe('the packed libraries', () => {
  it('depend on each other by version, and on nothing outside the registry', () => {
    const version = (name: string) => manifest(name).version as string;
    expect(manifest('core').dependencies).toEqual({ '@move-ugc/sdk': version('sdk'), undici: expect.any(String) });
    expect(manifest('sdk').dependencies).toBeUndefined();
    expect(Object.keys(manifest('mock').dependencies ?? {})).toEqual(['graphql']);
    for (const name of LIBRARIES) {
      expect(JSON.stringify(manifest(name).dependencies ?? {})).not.toContain('workspace:');
      // One copy of each: every dependency was satisfied by the package installed beside it.
      expect(existsSync(join(app, 'node_modules', '@move-ugc', name, 'node_modules'))).toBe(false);
    }
  });

  it.each([
    ['an ES module', 'consumer.mjs', /\/dist\/(index\.node|index|node\/index)\.js$/],
    ['a CommonJS module', 'consumer.cjs', /\/dist\/(index\.node|index|node\/index)\.cjs$/],
  ])('run a whole single-camera job from %s against the installed simulator', async (_kind, file, entry) => {
    const work = join(dir, file.replace('.', '-'));
    mkdirSync(work);
    const { stdout } = await exec(process.execPath, [file, work], { cwd: app });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(result).toMatchObject({
      state: 'FINISHED',
      outputFormats: ['fbx'],
      outputMatches: true,
      rerunResumedSameJob: true,
      jobsCreated: 1,
      authError: 401,
      coreErrorsExtendSdk: true,
      nodeSleep: true,
      webhookJobId: true,
    });
    // Node's `node` export condition leads the SDK to its Node entry, in both module systems.
    expect(result.resolved[0]).toMatch(/\/@move-ugc\/sdk\/dist\/index\.node\.c?js$/);
    for (const path of result.resolved) expect(path).toMatch(entry);
  });

  it('type-check for TypeScript consumers with module node16: ESM (.mts), CommonJS (.cts) and the README examples', async () => {
    // Every ```ts block of the READMEs npm shows for sdk and core, as an ES module of its own.
    const examples = ['sdk', 'core'].flatMap((name) => {
      const readme = readFileSync(join(app, 'node_modules', '@move-ugc', name, 'README.md'), 'utf8');
      return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match, index) => {
        const file = `readme-${name}-${index + 1}.mts`;
        writeFileSync(join(app, file), match[1]!);
        return file;
      });
    });
    expect(examples.length).toBeGreaterThanOrEqual(8);
    const tsconfig = {
      compilerOptions: {
        module: 'node16',
        moduleResolution: 'node16',
        target: 'ES2022',
        strict: true,
        noEmit: true,
        // Our declaration files are checked too, not only the consumers' use of them.
        skipLibCheck: false,
        typeRoots: [resolve(installed('packaging-tests', '@types/node'), '..')],
        types: ['node'],
        // msw is an optional peer of @move-ugc/mock that this project does not install; the types of
        // the mock's main entry name its HttpHandler.
        paths: { msw: ['./msw-stub.d.ts'] },
      },
      files: ['consumer.mts', 'consumer.cts', ...examples],
    };
    writeFileSync(join(app, 'msw-stub.d.ts'), 'export type HttpHandler = { readonly info: unknown };\n');
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const tsc = createRequire(join(here, 'package.json')).resolve('typescript/bin/tsc');
    const result = await exec(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app }).catch((error) => error);
    expect(`${result.stdout}${result.stderr ?? ''}`.trim()).toBe('');
  });
});
