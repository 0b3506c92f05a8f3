// Builds dist/ before the suite when any input is newer than it, so `npx vitest run` tests the
// CLI as shipped: the bundle, run as a real process.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function newest(path: string): number {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export default function setup(): void {
  const inputs = ['src', 'tsup.config.ts', 'package.json', '../core/dist', '../sdk/dist', '../mock/dist'];
  const built = newest(join(root, 'dist', 'move-ugc.js'));
  if (built > Math.max(...inputs.map((input) => newest(join(root, input))))) return;
  execFileSync(join(root, 'node_modules', '.bin', 'tsup'), { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
