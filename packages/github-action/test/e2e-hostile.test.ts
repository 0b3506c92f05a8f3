// End to end: a server whose strings carry terminal escapes and a forged workflow command. The
// built bundle run as the runner runs it, against the simulator's `hostile-strings` fault.
import { DEFAULT_API_KEY, sampleVideo } from '@move-ugc/mock';
import { afterEach, beforeEach, expect, inject, it } from 'vitest';
import { runAction, Workspace } from './harness';
import { expectNoSecrets, type RunningSimulator, startSimulator } from './simulator';

const bundle = inject('bundlePath');
/** Any byte a terminal would act on: C0 but the line break, DEL, C1. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

let server: RunningSimulator;
let workspace: Workspace;

beforeEach(async () => {
  server = await startSimulator({ jobDurationMs: 1500, outputDelayMs: 20 });
  workspace = await Workspace.create();
  await workspace.write('captures/walk.mp4', sampleVideo('MP4', 20_000));
});
afterEach(async () => {
  await server.close();
  await workspace.remove();
});

it('BI-109 escapes and line breaks in job states reach neither the log nor the outputs', async () => {
  server.sim.setFaults({ schedule: [{ kind: 'hostile-strings', operation: 'getJob', times: 2 }] });
  const run = await runAction(bundle, workspace, {
    'api-key': DEFAULT_API_KEY,
    video: 'captures/walk.mp4',
    outputs: 'MAIN_FBX',
    endpoint: server.endpoint,
    'poll-interval-seconds': '1',
  });
  expect(run.code, run.stdout).toBe(0);
  expect(server.sim.pendingFaults()).toEqual([]);
  // The hostile state was logged, as plain text on the job's own line.
  expect(run.stdout).toMatch(/^Job job-\S+: \S*::WARNING::FORGED/m);
  for (const text of [run.stdout, run.stderr, run.summary, ...Object.values(run.outputs)]) {
    expect(text).not.toMatch(CONTROL);
    expect(text).not.toMatch(/^::warning::/im);
    expect(text).not.toMatch(/pwned/i);
  }
  expect(run.outputs.state).toBe('FINISHED');
  expectNoSecrets(run, DEFAULT_API_KEY);
});
