// A server that answers what Move never should: `{"data": null}`, a redirect to another origin,
// terminal escapes in its strings. The built CLI against the simulator's fault plan, as a user runs it.
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sampleVideo } from '@move-ugc/mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Env, expectNoSecrets, expectOutputsMatch, json, type OutputDoc, run, runTty, startSim } from './helpers';

let t: Env;
let jobId: string;

/** Any byte a terminal would act on: C0 but the line break, DEL, C1. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => run(args, { env: { ...t.env, ...env }, cwd: t.dir });

beforeAll(async () => {
  t = await startSim();
  writeFileSync(join(t.dir, 'clip.mp4'), sampleVideo('MP4', 8_000));
  const made = await cli(['run', 'clip.mp4', '--outputs', 'MAIN_FBX', '--poll-interval', '100ms', '-o', 'out-first']);
  expect(made.code, made.stderr).toBe(0);
  jobId = json<{ jobId: string }>(made).jobId;
});

afterEach(() => t.sim.clearFaults());

afterAll(async () => {
  expectNoSecrets();
  await t.close();
});

describe('answers without data', () => {
  it('BI-105 run survives {"data": null} and {"data": {}} while polling its job: retried, then the outputs', async () => {
    writeFileSync(join(t.dir, 'poll.mp4'), sampleVideo('MP4', 8_100));
    t.sim.setFaults({
      schedule: [
        { kind: 'null-data', operation: 'getJob', times: 2 },
        { kind: 'empty-data', operation: 'getJob' },
      ],
    });
    const result = await cli([
      'run',
      'poll.mp4',
      '--outputs',
      'MAIN_FBX',
      '--poll-interval',
      '100ms',
      '-o',
      'out-poll',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(t.sim.pendingFaults()).toEqual([]);
    const doc = json<{ jobId: string; outputs: OutputDoc[] }>(result);
    expectOutputsMatch(t.sim, doc.jobId, doc.outputs);
    // Three bad answers in a row exhaust the SDK's retries once; the wait goes on after saying why.
    expect(result.stderr).toContain('Move answered GetJob without its result (no getJob) and without an error.');
    expect(result.stderr).not.toMatch(/TypeError|Cannot read properties/);
  });

  it('BI-105 a {"data": null} that persists: exit 1, a message naming the operation, no TypeError', async () => {
    t.sim.setFaults({ schedule: [{ kind: 'null-data', operation: 'getJob', times: 100 }] });
    const before = t.sim.countOperations('getJob');
    const result = await cli(['jobs', 'get', jobId]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: Move answered GetJob without its result (data: null) and without an error. This is on Move’s side; try again later.\n',
    );
    expect(t.sim.countOperations('getJob') - before).toBe(3);
  });
});

describe('a redirect on the API endpoint', () => {
  let elsewhere: Server;
  let target: string;
  const received: IncomingMessage[] = [];

  beforeAll(async () => {
    elsewhere = createServer((req, res) => {
      received.push(req);
      res.end('{"data":{}}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    target = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => elsewhere.close(resolve)));

  it('BI-106 is not followed: the webhook secret never reaches the other origin, the error names it', async () => {
    const secret = 'whsec_QmFkUmVkaXJlY3RTZWNyZXQxMjM0NTY=';
    t.sim.setFaults({
      schedule: [
        { kind: 'redirect', operation: 'upsertWebhookEndpoint', redirectTo: `${target}/graphql?X-Token=t0k3n` },
      ],
    });
    const before = t.sim.countOperations('upsertWebhookEndpoint');
    const result = await cli([
      'webhooks',
      'set',
      '--uid',
      'prod',
      '--url',
      'https://example.com/hook',
      '--secret',
      secret,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^error: The endpoint answered UpsertWebhookEndpoint with a redirect \\(HTTP 307\\) to ${target}\\. move-ugc does not follow redirects on the API endpoint, so nothing was sent there\\.`,
      ),
    );
    const printed = `${result.stdout}${result.stderr}`;
    expect(printed).not.toMatch(/X-Token|t0k3n/);
    expect(printed).not.toContain(secret);
    expect(received).toHaveLength(0);
    // Sent once to the endpoint, never again: a redirect is not a failure worth retrying.
    expect(t.sim.countOperations('upsertWebhookEndpoint') - before).toBe(1);
    expect(t.sim.webhookEndpoints()).toHaveLength(0);
  });

  it('BI-106 a query is not retried after a redirect either', async () => {
    t.sim.setFaults({ schedule: [{ kind: 'redirect', operation: 'getJob', times: 3, redirectTo: target }] });
    const before = t.sim.countOperations('getJob');
    const result = await cli(['jobs', 'get', jobId]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`with a redirect (HTTP 307) to ${target}.`);
    expect(t.sim.countOperations('getJob') - before).toBe(1);
    expect(received).toHaveLength(0);
  });
});

describe('terminal escapes in what the server says', () => {
  const hostile = (operation: string, times = 100) =>
    t.sim.setFaults({ schedule: [{ kind: 'hostile-strings', operation, times }] });
  // A terminal, without colours of our own, so that any escape byte would be the server's.
  const plainTty = { NO_COLOR: '1', TERM: 'dumb' };
  const expectPlain = (text: string) => {
    // A pseudo-terminal ends our own lines with \r\n; a server's bare \r or \n would still show.
    const lines = text.replaceAll('\r\n', '\n');
    expect(lines).not.toMatch(CONTROL);
    expect(lines).not.toMatch(/move.ugc.pwned/i);
    expect(lines).not.toMatch(/^::warning::/im);
  };

  it('BI-107 jobs get on a terminal: states, formats and types shown as plain text', async () => {
    hostile('getJob');
    const result = await runTty(['jobs', 'get', jobId, '--expand', 'outputs'], { env: { ...t.env, ...plainTty } });
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/state\s+FINISHED ::warning::forged/);
    expect(result.stdout).toMatch(/fbx ::warning::forged/);
    expectPlain(result.stdout);
  });

  it('BI-107 jobs get --json keeps the strings as sent, every control character escaped', async () => {
    hostile('getJob');
    const result = await cli(['jobs', 'get', jobId, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(CONTROL);
    const doc = json<{ progress: { state: string } }>(result);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(doc.progress.state).toMatch(/^\u001b\]0;move-ugc pwned\u0007.*FINISHED\u009b6n\r\n::warning::forged/);
  });

  it('BI-107 jobs list and jobs wait: table cells and progress lines are plain text', async () => {
    hostile('listJobs');
    const list = await runTty(['jobs', 'list'], { env: { ...t.env, ...plainTty } });
    expect(list.code, list.stdout).toBe(0);
    expect(list.stdout).toContain(`${jobId}  FINISHED ::warning::forged`);
    expectPlain(list.stdout);

    hostile('getJob', 1);
    const wait = await cli(['jobs', 'wait', jobId, '--poll-interval', '100ms']);
    expect(wait.code, wait.stderr).toBe(0);
    // core normalises a state (upper case, runs of spaces to _) before the CLI strips it.
    expect(wait.stderr).toContain(`Job ${jobId} FINISHED_::WARNING::FORGED`);
    expectPlain(wait.stderr);
    expectPlain(wait.stdout);
  });

  it('BI-107 an error message from the server is printed without its escapes', async () => {
    hostile('getJob');
    const result = await cli(['jobs', 'get', 'job-00000000-0000-0000-0000-000000000000']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: GetJob: not found\. .*Resource not found in move-ugc-api\. ::warning::forged\)\n$/,
    );
    expectPlain(result.stderr);
  });
});
