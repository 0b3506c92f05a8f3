// Tarballs as npm users get them, for the checks that look at what would be published: `pnpm pack`
// turns `workspace:*` into real versions, as `pnpm publish` does. Used by check-packages.mjs, the
// packaging tests and the CLI's package test.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** The pnpm that started this process (it may live outside PATH, e.g. bootstrap's `.tools/`), else PATH's. */
function pnpm(args, cwd) {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: which pnpm binary packs does not change the tarball.
  const self = process.env.npm_execpath;
  if (self?.includes('pnpm')) {
    return /\.[cm]?js$/.test(self) ? exec(process.execPath, [self, ...args], { cwd }) : exec(self, args, { cwd });
  }
  return exec('pnpm', args, { cwd });
}

/** Packs the package in `dir` into `destination`; resolves with the tarball's path. */
export async function packWorkspacePackage(dir, destination) {
  const { stdout } = await pnpm(['pack', '--pack-destination', destination, '--json'], dir);
  const { filename } = JSON.parse(stdout);
  return filename.startsWith('/') ? filename : join(destination, filename);
}

/** Packs an installed package directory as it is (e.g. a registry dependency) with npm. */
export async function packInstalledPackage(dir, destination) {
  const { stdout } = await exec('npm', ['pack', dir, '--pack-destination', destination, '--ignore-scripts', '--json']);
  return join(destination, JSON.parse(stdout)[0].filename);
}

/**
 * Makes an empty project at `appDir` and npm-installs the tarballs into it, with no registry: every
 * dependency of the tarballs must be among them.
 */
export async function installTarballs(appDir, tarballs) {
  mkdirSync(appDir, { recursive: true });
  writeFileSync(join(appDir, 'package.json'), '{ "name": "app", "private": true }\n');
  await exec('npm', ['install', ...tarballs, '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: appDir,
  });
}
