// Checks every published package as it would reach npm: packs it (built dist/ included), then runs
// publint on the tarball (warnings count as errors), Are The Types Wrong on packages with importable
// entry points (node16 from CJS, node16 from ESM and bundler resolution must all find types), and
// our own rules for the manifest and the tarball (licence and the LICENSE file, repository,
// provenance, README). Needs a build first.
//   node scripts/check-packages.mjs [package-dir-name...]
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { packWorkspacePackage } from './pack.mjs';

const exec = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const REPOSITORY = 'git+https://github.com/move-ugc/move-ugc.git';
/** The MIT licence every tarball carries, word for word: the repository's own LICENSE. */
const LICENSE = readFileSync(join(root, 'LICENSE'), 'utf8');

const only = process.argv.slice(2);
const packages = readdirSync(join(root, 'packages'))
  .filter((name) => only.length === 0 || only.includes(name))
  .map((name) => ({ name, dir: join(root, 'packages', name) }))
  .map((p) => ({ ...p, manifest: JSON.parse(readFileSync(join(p.dir, 'package.json'), 'utf8')) }))
  .filter((p) => !p.manifest.private);

/**
 * Rules publint leaves to us: what every package we publish carries. `files` lists the tarball's
 * paths (`package/...`); `license` is the text of its `package/LICENSE`, undefined when it has none.
 */
export function manifestProblems({ name, manifest }, files, license) {
  const problems = [];
  const need = (ok, message) => ok || problems.push(message);
  need(manifest.license === 'MIT', 'license must be MIT');
  need(
    files.includes('package/LICENSE') && license !== undefined,
    "the tarball has no LICENSE: copy the repository's LICENSE into the package folder",
  );
  need(
    license === undefined || license === LICENSE,
    "the tarball's LICENSE is not the repository's LICENSE (MIT, move-ugc contributors): copy it again",
  );
  need(
    manifest.repository?.url === REPOSITORY && manifest.repository?.directory === `packages/${name}`,
    `repository must be { type: "git", url: "${REPOSITORY}", directory: "packages/${name}" }`,
  );
  need(manifest.homepage?.startsWith('https://github.com/move-ugc/move-ugc'), 'homepage must point at the repository');
  need(Array.isArray(manifest.keywords) && manifest.keywords.length > 0, 'keywords are missing');
  need(/^>=20\.\d+/.test(manifest.engines?.node ?? ''), 'engines.node must be ">=20.x"');
  need(
    manifest.publishConfig?.access === 'public' && manifest.publishConfig?.provenance === true,
    'publishConfig must be { access: "public", provenance: true }',
  );
  need(files.includes('package/README.md'), 'the tarball has no README.md');
  need(!files.some((f) => /^package\/(src|test)\//.test(f)), 'the tarball carries src/ or test/');
  return problems;
}

/** attw only makes sense for packages something can import (not bin-only or n8n-loaded ones). */
const importable = (manifest) => Boolean(manifest.exports || manifest.main || manifest.types);

/**
 * Entry points attw leaves out, each with its reason. A vitest setup file is named in `setupFiles`
 * and loaded by vitest (ESM) for its side effects: no code imports its exports, from either module system.
 */
const NOT_IMPORTED = { '@move-ugc/mock': ['./vitest-setup'] };

async function check(pkg, destination) {
  const tarball = await packWorkspacePackage(pkg.dir, destination);
  const { stdout: listing } = await exec('tar', ['tzf', tarball]);
  const files = listing.trim().split('\n');
  const license = files.includes('package/LICENSE')
    ? (await exec('tar', ['xzOf', tarball, 'package/LICENSE'])).stdout
    : undefined;
  const problems = manifestProblems(pkg, files, license);

  const buffer = readFileSync(tarball);
  const { messages, pkg: packed } = await publint({
    pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) },
    strict: true,
  });
  for (const message of messages) {
    const text = `publint ${message.type}: ${formatMessage(message, packed)}`;
    if (message.type === 'suggestion') console.log(`${pkg.manifest.name}: ${text}`);
    else problems.push(text);
  }

  let types = 'no entry points';
  if (importable(pkg.manifest)) {
    const attw = join(root, 'node_modules', '.bin', 'attw');
    const args = [tarball, '--profile', 'node16', '--format', 'ascii', '--no-color', '--no-emoji'];
    const excluded = (NOT_IMPORTED[pkg.manifest.name] ?? []).filter((entry) => pkg.manifest.exports?.[entry]);
    if (excluded.length > 0) args.push('--exclude-entrypoints', ...excluded);
    try {
      await exec(attw, args, { maxBuffer: 16 * 1024 * 1024 });
      types = 'types ok for node16 (CJS, ESM) and bundler';
    } catch (error) {
      problems.push(`attw found problems:\n${error.stdout || error.message}`);
    }
  }
  return { name: pkg.manifest.name, problems, types };
}

// Imported by the packaging tests for its rules; run as a script, it checks the packages.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const destination = mkdtempSync(join(tmpdir(), 'move-ugc-check-packages-'));
  try {
    const started = Date.now();
    const results = await Promise.all(packages.map((pkg) => check(pkg, destination)));
    let failed = 0;
    for (const { name, problems, types } of results) {
      if (problems.length === 0) {
        console.log(`ok   ${name}: publint clean, ${types}`);
        continue;
      }
      failed++;
      console.error(`FAIL ${name}:\n${problems.map((p) => `  - ${p.replaceAll('\n', '\n    ')}`).join('\n')}`);
    }
    console.log(`${results.length} packages checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (failed > 0 || results.length === 0) process.exitCode = 1;
  } finally {
    rmSync(destination, { recursive: true, force: true });
  }
}
