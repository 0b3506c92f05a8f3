// The README's main job: `move-ugc run` on the sample clip. With MOVE_API_KEY set it runs against
// Move for real; without one it starts the simulator (`move-ugc mock`) and runs against that.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = new URL('..', import.meta.url).pathname;
const cli = `${root}packages/cli/dist/move-ugc.js`;
const video = process.argv[2] ?? `${root}samples/dance.mp4`;
const args = [
  'run',
  video,
  '--outputs',
  'MAIN_FBX,MAIN_GLB,RENDER_VIDEO',
  '--out',
  'outputs/demo',
  // Each demo starts a new simulator: the files of an earlier demo are replaced, not resumed.
  '--overwrite',
  ...process.argv.slice(3),
];

function runCli(env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 130 : 1)));
  });
}

async function startSimulator() {
  const mock = spawn(process.execPath, [cli, 'mock', '--port', '0', '--json', '--job-duration', '6s'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise((resolve, reject) => {
    createInterface({ input: mock.stdout }).once('line', resolve);
    mock.once('exit', (code) => reject(new Error(`the simulator exited early (${code})`)));
  });
  const { endpoint, apiKey } = JSON.parse(first);
  return { endpoint, apiKey, stop: () => mock.kill('SIGINT') };
}

let code;
if (process.env.MOVE_API_KEY) {
  console.error('MOVE_API_KEY is set: running against Move itself.');
  code = await runCli({});
} else {
  const sim = await startSimulator();
  console.error(`No MOVE_API_KEY: running against the simulator at ${sim.endpoint} (set the key to use Move).\n`);
  code = await runCli({
    MOVE_API_ENDPOINT: sim.endpoint,
    MOVE_API_KEY: sim.apiKey,
    // Each simulator starts empty, so its runs get a fresh journal too.
    MOVE_UGC_STATE_DIR: mkdtempSync(join(tmpdir(), 'move-ugc-demo-')),
  });
  sim.stop();
}
process.exit(code);
