import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The bin test spawns dist/bin.js: build once when it is missing (turbo builds before testing anyway).
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (!existsSync(`${root}dist/bin.js`)) execFileSync('pnpm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
