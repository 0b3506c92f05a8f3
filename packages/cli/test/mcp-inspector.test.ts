// `move-ugc mcp` seen by a client nobody on this project wrote: the Model Context Protocol's own
// Inspector, in its CLI mode, lists the tools and calls get_job on a simulator job. The Inspector
// is installed once (pinned) into a cache outside the repository, as the n8n end-to-end suite
// installs n8n: it is 110 MB, too much to add to every install of this workspace.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sampleVideo } from '@move-ugc/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, type Env, json, type RunDoc, run, startSim } from './helpers';

const INSPECTOR_VERSION = '2.12.0';
const cache = join(
  process.env.MOVE_UGC_INSPECTOR_CACHE || join(homedir(), '.cache', 'move-ugc-inspector'),
  INSPECTOR_VERSION,
);
const bin = join(cache, 'node_modules', '.bin', 'mcp-inspector');

function ensureInspector(): void {
  if (existsSync(bin)) return;
  mkdirSync(cache, { recursive: true });
  writeFileSync(
    join(cache, 'package.json'),
    JSON.stringify({ private: true, dependencies: { '@modelcontextprotocol/inspector': INSPECTOR_VERSION } }),
  );
  const install = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: cache,
    encoding: 'utf8',
  });
  if (install.status !== 0) throw new Error(`Installing the MCP Inspector failed:\n${install.stderr}`);
}

let t: Env;
let jobId: string;

beforeAll(async () => {
  ensureInspector();
  t = await startSim();
  writeFileSync(join(t.dir, 'clip.mp4'), sampleVideo('MP4', 16 * 1024));
  const made = await run(['run', 'clip.mp4', '--outputs', 'MAIN_FBX', '--json'], { env: t.env, cwd: t.dir });
  expect(made.code, made.stderr).toBe(0);
  jobId = json<RunDoc>(made).jobId;
}, 180_000);

afterAll(async () => {
  await t?.close();
});

/** The Inspector's CLI mode against `move-ugc mcp`, with the simulator's endpoint and key. */
async function inspect(...args: string[]): Promise<unknown> {
  const env = ['MOVE_API_ENDPOINT', 'MOVE_API_KEY', 'MOVE_UGC_STATE_DIR', 'HOME'].flatMap((name) => [
    '-e',
    `${name}=${t.env[name]}`,
  ]);
  const { stdout } = await promisify(execFile)(bin, ['--cli', ...env, process.execPath, CLI, 'mcp', ...args], {
    cwd: t.dir,
    env: { PATH: process.env.PATH, HOME: t.dir },
    timeout: 60_000,
  });
  return JSON.parse(stdout);
}

describe('the MCP Inspector as an outside client', () => {
  it('lists the tools, with process_video marked as spending credits', async () => {
    const { tools } = (await inspect('--method', 'tools/list')) as {
      tools: { name: string; description: string; annotations?: { readOnlyHint?: boolean } }[];
    };
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['process_video', 'get_job', 'list_jobs', 'wait_for_job']));
    const processVideo = tools.find((tool) => tool.name === 'process_video')!;
    expect(processVideo.description).toMatch(/SPENDS MOVE CREDITS/);
    expect(processVideo.annotations?.readOnlyHint).toBe(false);
    expect(tools.find((tool) => tool.name === 'get_job')!.annotations?.readOnlyHint).toBe(true);
  });

  it('calls get_job and gets the job back, with no secret in it', async () => {
    const result = (await inspect(
      '--method',
      'tools/call',
      '--tool-name',
      'get_job',
      '--tool-arg',
      `jobId=${jobId}`,
    )) as {
      isError?: boolean;
      structuredContent?: { job?: { id?: string; progress?: { state?: string } } };
      content: { text: string }[];
    };
    expect(result.isError ?? false).toBe(false);
    expect(result.structuredContent?.job).toMatchObject({ id: jobId, progress: { state: 'FINISHED' } });
    const text = JSON.stringify(result);
    expect(text).not.toContain(t.env.MOVE_API_KEY!);
    expect(text).not.toMatch(/X-Amz-Signature|Signature=/);
  });
});
