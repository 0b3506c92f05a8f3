// Builds dist/ before the suite when any input is newer than it, so `npx vitest run` tests the
// CLI as shipped: the bundle, run as a real process. The viewer page (packages/viewer) is built
// first when it is not yet, since the CLI's build copies it into dist/viewer for `move-ugc view`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const viewer = resolve(root, '..', 'viewer');

function newest(path: string): number {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export default function setup(): void {
  const page = join(viewer, 'dist', 'index.html');
  if (!existsSync(page) || newest(join(viewer, 'src')) > newest(join(viewer, 'dist'))) {
    execFileSync('pnpm', ['--filter', '@move-ugc/viewer', 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const inputs = [
    'src',
    'tsup.config.ts',
    'package.json',
    '../core/dist',
    '../sdk/dist',
    '../mock/dist',
    '../viewer/dist',
  ];
  const built = Math.min(newest(join(root, 'dist', 'move-ugc.js')), newest(join(root, 'dist', 'viewer')));
  if (built > Math.max(...inputs.map((input) => newest(join(root, input))))) return;
  execFileSync(join(root, 'node_modules', '.bin', 'tsup'), { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
