// Runs the bundled Action the way the runner does: `node dist/index.js` in a process of its own,
// inputs as INPUT_<NAME> variables (action.yml's defaults filled in, as the runner does), and the
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, RUNNER_TEMP and GITHUB_WORKSPACE in temp dirs.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { recordOutput, registerSecret } from '@move-ugc/mock/test-utils';
import { parse } from 'yaml';
import { packageDir } from '../scripts/build.mjs';

export interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

export async function readActionYml(): Promise<ActionYml> {
  return parse(await readFile(join(packageDir, 'action.yml'), 'utf8')) as ActionYml;
}

/** The runner's name for an input's variable: spaces become underscores, hyphens stay. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** A checkout and a runner's temp dir; removed by `remove()`. */
export class Workspace {
  private constructor(
    readonly root: string,
    readonly dir: string,
    readonly temp: string,
  ) {}

  static async create(): Promise<Workspace> {
    const root = await mkdtemp(join(tmpdir(), 'move-gha-'));
    const workspace = new Workspace(root, join(root, 'workspace'), join(root, 'runner-temp'));
    await mkdir(workspace.dir);
    await mkdir(workspace.temp);
    return workspace;
  }

  async write(path: string, bytes: Uint8Array | string): Promise<string> {
    const file = join(this.dir, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, bytes);
    return file;
  }

  remove(): Promise<void> {
    return rm(this.root, { recursive: true, force: true });
  }
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** GITHUB_OUTPUT, parsed. */
  outputs: Record<string, string>;
  /** GITHUB_STEP_SUMMARY's text. */
  summary: string;
}

export interface RunningAction {
  child: ChildProcess;
  /** Resolves once stdout has a line matching `pattern`, with its match. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  done: Promise<ActionRun>;
}

const running = new Set<ChildProcess>();

/** Kills what a failed test left running, so no Action outlives its test. */
export async function stopActions(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

export async function startAction(
  bundlePath: string,
  workspace: Workspace,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
): Promise<RunningAction> {
  const step = await mkdtemp(join(workspace.temp, 'step-'));
  const outputFile = join(step, 'output');
  const summaryFile = join(step, 'summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? workspace.root,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace.dir,
    RUNNER_TEMP: workspace.temp,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...extraEnv,
  };
  const action = await readActionYml();
  for (const [name, spec] of Object.entries(action.inputs)) {
    if (spec.default !== undefined) env[inputVariable(name)] = spec.default;
  }
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;
  registerSecret(inputs['api-key']);

  const child = spawn(process.execPath, [bundlePath], { cwd: workspace.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const watcher of [...watchers]) {
      const match = stdout.match(watcher.pattern);
      if (match) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve(match);
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<ActionRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', async (code) => {
      const run: ActionRun = {
        code,
        stdout,
        stderr,
        outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
        summary: await readFile(summaryFile, 'utf8'),
      };
      // What a person would see is kept for the package-wide secrets scan (@move-ugc/mock/vitest-setup).
      recordOutput('the Action', [...visibleLog(run), ...Object.values(run.outputs), run.summary].join('\n'));
      resolve(run);
    });
  });
  return {
    child,
    done,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const match = stdout.match(pattern);
        if (match) return resolve(match);
        watchers.push({ pattern, resolve });
        done.then(() => reject(new Error(`The Action ended without printing ${pattern}:\n${stdout}\n${stderr}`)));
      }),
  };
}

export async function runAction(
  bundlePath: string,
  workspace: Workspace,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
): Promise<ActionRun> {
  return (await startAction(bundlePath, workspace, inputs, extraEnv)).done;
}

/** `name<<delimiter\nvalue\ndelimiter` entries, as @actions/core writes them. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heading = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!heading) continue;
    const [, name, delimiter] = heading;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
    outputs[name!] = value.join('\n');
  }
  return outputs;
}

/** What a person sees in the log: the runner consumes `::add-mask::` commands instead of printing them. */
export function visibleLog(run: ActionRun): string[] {
  return `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => !line.startsWith('::add-mask::'));
}

/** Lines registered with the runner as secrets. */
export function maskedValues(run: ActionRun): string[] {
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => line.slice('::add-mask::'.length));
}

/** The `::error::` annotation setFailed printed (unescaped). */
export function failureOf(run: ActionRun): string | undefined {
  const line = run.stdout.split('\n').find((entry) => entry.startsWith('::error::'));
  return line?.slice('::error::'.length).replaceAll('%0A', '\n').replaceAll('%0D', '\r').replaceAll('%25', '%');
}
