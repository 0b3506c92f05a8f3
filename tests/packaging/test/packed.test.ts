// The libraries as npm users get them: sdk, core and mock packed as `pnpm publish` would pack them
// (workspace: ranges become versions), npm-installed together into an empty project with no registry
// (their only outside dependencies, undici and graphql, are packed from this workspace's install),
// then used from an ES module, a CommonJS module and TypeScript with `module: node16`.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sampleVideo } from '@move-ugc/mock';
import { findLeaks } from '@move-ugc/mock/test-utils';
import { generateWebhookSecret, signWebhook } from '@move-ugc/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestProblems } from '../../../scripts/check-packages.mjs';
import { installTarballs, packInstalledPackage, packWorkspacePackage } from '../../../scripts/pack.mjs';

const exec = promisify(execFile);
const here = resolve(import.meta.dirname, '..');
const packages = resolve(here, '..', '..', 'packages');
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

  it('carry the MIT LICENSE of the repository, which check:packages insists on', () => {
    const license = readFileSync(resolve(packages, '..', 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 move-ugc contributors\n/);
    for (const name of LIBRARIES) {
      expect(readFileSync(join(app, 'node_modules', '@move-ugc', name, 'LICENSE'), 'utf8')).toBe(license);
    }
    // Every package npm gets (the private ones aside) has it, not only the three installed here.
    const published = readdirSync(packages).filter(
      (name) => !JSON.parse(readFileSync(join(packages, name, 'package.json'), 'utf8')).private,
    );
    expect(published.sort()).toEqual(['cli', 'core', 'mock', 'n8n-node', 'sdk']);
    for (const name of published) expect(readFileSync(join(packages, name, 'LICENSE'), 'utf8')).toBe(license);

    const sdk = { name: 'sdk', manifest: JSON.parse(readFileSync(join(packages, 'sdk', 'package.json'), 'utf8')) };
    const files = ['package/package.json', 'package/README.md', 'package/LICENSE', 'package/dist/index.js'];
    expect(manifestProblems(sdk, files, license)).toEqual([]);
    const withoutLicense = manifestProblems(
      sdk,
      files.filter((file) => file !== 'package/LICENSE'),
      undefined,
    );
    expect(withoutLicense).toEqual([expect.stringMatching(/^the tarball has no LICENSE/)]);
    expect(manifestProblems(sdk, files, 'Copyright (c) someone else\n')).toEqual([
      expect.stringMatching(/LICENSE is not the repository's LICENSE/),
    ]);
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
    // The READMEs npm shows are the ones in this workspace.
    for (const name of ['sdk', 'core', 'mock']) {
      expect(readFileSync(join(app, 'node_modules', '@move-ugc', name, 'README.md'), 'utf8')).toBe(
        readFileSync(join(packages, name, 'README.md'), 'utf8'),
      );
    }
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(14);
    expect(await compile()).toBe('');
  });
});

/**
 * Every ```ts block of the READMEs (the repository's, and those npm shows for sdk, core and mock),
 * as an ES module of its own, in the order a reader meets them.
 */
const EXAMPLES = [
  ['root', resolve(packages, '..', 'README.md')],
  ...['sdk', 'core', 'mock'].map((name) => [name, join(packages, name, 'README.md')]),
].flatMap(([name, path]) =>
  [...readFileSync(path!, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((match, index) => ({
    name: `readme-${name}-${index + 1}`,
    readme: `${name === 'root' ? '' : `packages/${name}/`}README.md`,
    source: match[1]!,
  })),
);

let compiled: Promise<string> | undefined;

/**
 * Type-checks the consumers and the README examples with `module: node16` against the installed
 * tarballs, and emits the examples as JavaScript (`out/*.mjs`) to be run. Resolves with tsc's output.
 */
function compile(): Promise<string> {
  compiled ??= (async () => {
    for (const example of EXAMPLES) writeFileSync(join(app, `${example.name}.mts`), example.source);
    // msw is an optional peer of @move-ugc/mock: installed here, as the mock's README says, from this
    // workspace's copy (its own dependencies resolve beside it in pnpm's store).
    symlinkSync(installed('mock', 'msw'), join(app, 'node_modules', 'msw'), 'dir');
    const tsconfig = {
      compilerOptions: {
        module: 'node16',
        moduleResolution: 'node16',
        target: 'ES2022',
        strict: true,
        rootDir: '.',
        outDir: 'out',
        // Our declaration files are checked too, not only the consumers' use of them.
        skipLibCheck: false,
        typeRoots: [resolve(realpathSync(join(here, 'node_modules', '@types', 'node')), '..')],
        types: ['node'],
      },
      files: ['consumer.mts', 'consumer.cts', ...EXAMPLES.map((example) => `${example.name}.mts`)],
    };
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const tsc = createRequire(join(here, 'package.json')).resolve('typescript/bin/tsc');
    const result = await exec(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app }).catch((error) => error);
    return `${result.stdout}${result.stderr ?? ''}`.trim();
  })();
  return compiled;
}

/** The videos the examples name, each a small real MP4 of its own. */
const VIDEOS = [
  'clip.mp4',
  'a.mp4',
  'b.mp4',
  'c.mp4',
  'shots/012.mp4',
  'cal-left.mp4',
  'cal-right.mp4',
  'take-left.mp4',
  'take-right.mp4',
];

describe('the README examples, run as written', () => {
  let simulator: ChildProcess;
  let env: NodeJS.ProcessEnv;

  // The installed `move-ugc-mock` bin, and the two variables it prints, as a reader would use them.
  beforeAll(async () => {
    const bin = join(app, 'node_modules', '.bin', 'move-ugc-mock');
    const path = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
    simulator = spawn(bin, ['--port', '0'], { env: { PATH: path }, stdio: ['ignore', 'pipe', 'pipe'] });
    let banner = '';
    const variables = await new Promise<Record<string, string>>((resolvePromise, reject) => {
      simulator.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        banner += chunk;
        const found = Object.fromEntries([...banner.matchAll(/^(MOVE_API_\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
        if (found.MOVE_API_ENDPOINT && found.MOVE_API_KEY) resolvePromise(found);
      });
      simulator.once('exit', (code) =>
        reject(new Error(`move-ugc-mock exited (${code}) before printing its variables`)),
      );
    });
    env = { PATH: path, MOVE_API_KEY: variables.MOVE_API_KEY, MOVE_API_ENDPOINT: variables.MOVE_API_ENDPOINT };
    expect(env.MOVE_API_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
  });

  afterAll(() => {
    simulator?.kill('SIGTERM');
  });

  it.each(EXAMPLES.map((example) => [`${example.readme} #${example.name.split('-').at(-1)}`, example] as const))(
    '%s',
    async (_title, example) => {
      expect(await compile(), 'the examples type-check').toBe('');
      const work = mkdtempSync(join(dir, `${example.name}-`));
      VIDEOS.forEach((name, index) => {
        mkdirSync(dirname(join(work, name)), { recursive: true });
        writeFileSync(join(work, name), sampleVideo('MP4', 4096 + index));
      });
      const script = join(app, 'out', `${example.name}.mjs`);
      const runEnv = { ...env, HOME: work };
      const output = /\bcreateServer\(/.test(example.source)
        ? await serveWebhooks(script, work, runEnv)
        : await exec(process.execPath, [script], { cwd: work, env: runEnv, timeout: 50_000 }).catch(
            (error: { code?: number; stdout?: string; stderr?: string; message: string }) => {
              throw new Error(`${example.readme} example exited ${error.code}:\n${error.stdout}${error.stderr}`);
            },
          );
      expect(findLeaks(`${output.stdout}\n${output.stderr}`), 'keys or presigned URLs in its output').toEqual([]);
    },
    60_000,
  );
});

/**
 * An example that serves (the webhook receiver): started on a free PORT with a signing secret, it
 * must answer a signed delivery with 204 and print its event, and refuse a forged one with 400.
 */
async function serveWebhooks(script: string, cwd: string, env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const secret = generateWebhookSecret();
  const child = spawn(process.execPath, [script], {
    cwd,
    env: { ...env, PORT: String(port), MOVE_WEBHOOK_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  try {
    const payload = {
      event_name: 'ugc.job.state.completed',
      timestamp: new Date().toISOString(),
      detail: { event_attributes: { job: { id: 'job-readme-webhook', metadata: '{"shot":12}' } } },
    };
    const signed = await signWebhook(payload, secret);
    const post = (body: string) =>
      fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: signed.headers, body }).then((r) => r.status);
    for (let attempt = 0; ; attempt++) {
      const status = await post(signed.body).catch((error: Error) => error);
      if (status === 204) break;
      if (typeof status === 'number' || attempt > 100 || child.exitCode !== null) {
        throw new Error(`the webhook example answered ${String(status)} to a signed delivery:\n${stdout}${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await post(signed.body.replace('job-readme-webhook', 'job-forged'))).toBe(400);
    expect(stdout).toContain('ugc.job.state.completed job-readme-webhook');
    return { stdout, stderr };
  } finally {
    child.kill('SIGTERM');
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePromise(port));
    });
  });
}
