// `move-ugc mcp` as an assistant meets it: the MCP SDK's own client spawns the built CLI over stdio
// against the simulator's HTTP server. Tools and their annotations; process_video end to end with
// exact outputs and ordered progress; cancellation mid-upload and mid-wait, then the same call
// resumes with one job in all; tool errors that say what to fix; a lost createSingleCamJob answer;
// and no secret in anything the client received or the server logged.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { sampleVideo } from '@move-ugc/mock';
import { PRESIGNED_QUERY, recordOutput, registerSecret } from '@move-ugc/mock/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { API_KEY, CLI, type Env, expectOutputsMatch, type RunDoc, startSim, WRONG_KEY } from './helpers';

const MiB = 1024 * 1024;
const envs: Env[] = [];
/** Every message each client received and everything each server wrote on stderr. */
const transcripts: { label: string; received: unknown[]; stderr: () => string }[] = [];
const clients: Client[] = [];
/** Anything on a server's stdout that is not a protocol message lands here (stdout is the protocol). */
const protocolErrors: string[] = [];

/**
 * The SDK's client runs notification handlers a microtask late, so a progress notification that
 * reaches it in the same read as its call's answer is reported as one "for an unknown token". That
 * is no fault of the server as long as the notification came first; one that came after the answer is.
 */
function answeredAfter(error: string, received: unknown[]): boolean {
  const match = /^Received a progress notification for an unknown token: (.*)$/s.exec(error);
  if (!match) return false;
  const late = JSON.parse(match[1]!) as { params: { progressToken: number; progress: number } };
  const { progressToken, progress } = late.params;
  type Message = { id?: unknown; params?: { progressToken?: unknown; progress?: unknown } };
  const at = (test: (message: Message) => boolean) => received.findIndex((message) => test(message as Message));
  const notified = at((m) => m.params?.progressToken === progressToken && m.params?.progress === progress);
  const answered = at((m) => m.id === progressToken && ('result' in m || 'error' in m));
  return notified >= 0 && answered >= 0 && notified < answered;
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  expect(transcripts.length).toBeGreaterThan(0);
  expect(protocolErrors).toEqual([]);
  for (const { label, received, stderr } of transcripts) {
    const text = `${JSON.stringify(received)}\n${stderr()}`;
    recordOutput(label, text);
    for (const secret of [API_KEY, WRONG_KEY]) expect(text.includes(secret), `${label} leaked a key`).toBe(false);
    expect(text, `${label} leaked a presigned URL`).not.toMatch(PRESIGNED_QUERY);
  }
  await Promise.all(envs.map((e) => e.close()));
});

async function sim(...args: Parameters<typeof startSim>): Promise<Env> {
  const env = await startSim(...args);
  envs.push(env);
  writeFileSync(join(env.dir, 'clip.mp4'), sampleVideo('MP4', 32 * 1024));
  return env;
}

interface Connection {
  client: Client;
  stderr: () => string;
  call(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<ToolResult>;
}
interface CallOptions {
  signal?: AbortSignal;
  onprogress?: (p: { progress: number; total?: number; message?: string }) => void;
}
interface ToolResult {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
}

/** The built CLI's MCP server, spawned by the SDK's client in `t.dir`. */
async function connect(t: Env, env: NodeJS.ProcessEnv = t.env): Promise<Connection> {
  registerSecret(env.MOVE_API_KEY);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp'],
    env: env as Record<string, string>,
    cwd: t.dir,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'move-ugc-test', version: '1.0.0' });
  clients.push(client);
  const received: unknown[] = [];
  transcripts.push({ label: `move-ugc mcp (${transcripts.length + 1})`, received, stderr: () => stderr });
  await client.connect(transport);
  client.onerror = (error) => {
    if (!answeredAfter(error.message, received))
      protocolErrors.push(`${expect.getState().currentTestName}: ${error.message}`);
  };
  const deliver = transport.onmessage!;
  transport.onmessage = (message) => {
    received.push(message);
    deliver(message);
  };
  return {
    client,
    stderr: () => stderr,
    call: async (name, args, options = {}) => {
      try {
        return (await client.callTool({ name, arguments: args }, undefined, {
          ...options,
          timeout: 60_000,
          resetTimeoutOnProgress: true,
        })) as ToolResult;
      } catch (err) {
        if (options.signal?.aborted) throw err;
        throw new Error(`${name} failed: ${(err as Error).message}\nserver stderr:\n${stderr}`, { cause: err });
      }
    },
  };
}

const RUN = { video: 'clip.mp4', outputs: ['MAIN_FBX', 'RENDER_VIDEO'], pollIntervalSeconds: 0.1, outputDir: 'out' };

function structured<T>(result: ToolResult): T {
  expect(result.isError, result.content[0]?.text).toBeFalsy();
  return result.structuredContent as T;
}

describe('move-ugc mcp', () => {
  it('lists its tools with schemas, descriptions and truthful annotations', async () => {
    const t = await sim();
    const mcp = await connect(t);
    const { tools } = await mcp.client.listTools();
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(Object.keys(byName).sort()).toEqual([
      'download_outputs',
      'get_job',
      'get_take',
      'list_camera_settings',
      'list_jobs',
      'list_rigs',
      'list_takes',
      'process_video',
      'wait_for_job',
    ]);
    const process = byName.process_video!;
    expect(process.description).toMatch(/SPENDS MOVE CREDITS/);
    expect(process.annotations).toEqual({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
    expect(process.inputSchema.required).toEqual(['video']);
    expect(Object.keys(process.inputSchema.properties!)).toEqual(
      expect.arrayContaining(['video', 'move', 'outputs', 'options', 'name', 'outputDir', 'wait', 'idempotencyKey']),
    );
    expect(Object.keys(process.outputSchema!.properties!)).toEqual(
      expect.arrayContaining(['jobId', 'takeId', 'state', 'resumed', 'reused', 'outputs']),
    );
    for (const name of ['get_job', 'list_jobs', 'wait_for_job', 'list_takes', 'get_take', 'list_rigs']) {
      expect(byName[name]!.annotations, name).toMatchObject({ readOnlyHint: true, openWorldHint: true });
      expect(byName[name]!.description, name).toMatch(/Costs nothing/);
    }
    expect(byName.download_outputs!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    // Listing tools sends nothing to Move.
    expect(t.sim.countOperations('createFile') + t.sim.countOperations('createSingleCamJob')).toBe(0);
  });

  it('process_video: outputs by checksum, progress in order, and a repeated call pays nothing twice', async () => {
    const t = await sim();
    const mcp = await connect(t);
    const progress: { progress: number; total?: number; message?: string }[] = [];
    const first = await mcp.call('process_video', RUN, { onprogress: (p) => progress.push(p) });
    const doc = structured<RunDoc>(first);
    expect(doc).toMatchObject({ state: 'FINISHED', resumed: false, reused: false, outputDir: join(t.dir, 'out') });
    expectOutputsMatch(t.sim, doc.jobId, doc.outputs);
    for (const output of doc.outputs) expect(output.path!.startsWith(join(t.dir, 'out'))).toBe(true);
    expect(first.content[0]!.text).toMatch(new RegExp(`^Job ${doc.jobId} FINISHED: 2 output\\(s\\) saved in`));

    // Progress: strictly increasing, within 0-100, and through each phase in order.
    const values = progress.map((p) => p.progress);
    expect(values.length).toBeGreaterThan(3);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThan(values[i - 1]!);
    expect(progress.every((p) => p.total === 100 && p.progress < 100)).toBe(true);
    const messages = progress.map((p) => p.message ?? '');
    const at = (pattern: RegExp) => messages.findIndex((m) => pattern.test(m));
    expect(at(/^uploading clip\.mp4/)).toBeGreaterThanOrEqual(0);
    expect(at(/^job /)).toBeGreaterThan(at(/^uploading clip\.mp4/));
    expect(at(/^downloading /)).toBeGreaterThan(at(/^job /));

    const again = structured<RunDoc>(await mcp.call('process_video', RUN));
    expect(again).toMatchObject({ jobId: doc.jobId, resumed: true });
    expect(t.sim.jobs()).toHaveLength(1);
    expect(t.sim.countOperations('createFile')).toBe(1);

    // The reading tools, on what was just made; no presigned URL in what they return.
    const job = structured<{ job: { id: string; outputs: unknown[] } }>(
      await mcp.call('get_job', { jobId: doc.jobId }),
    );
    expect(job.job.id).toBe(doc.jobId);
    expect(job.job.outputs).toHaveLength(2);
    const jobs = structured<{ items: { id: string }[]; after: string | null }>(
      await mcp.call('list_jobs', { first: 10 }),
    );
    expect(jobs.items.map((j) => j.id)).toEqual([doc.jobId]);
    const waited = await mcp.call('wait_for_job', { jobId: doc.jobId, pollIntervalSeconds: 0.1 });
    expect(waited.content[0]!.text).toMatch(/FINISHED with 2 output/);
    const downloaded = structured<RunDoc>(await mcp.call('download_outputs', { jobId: doc.jobId, outputDir: 'again' }));
    expect(downloaded.outputDir).toBe(join(t.dir, 'again'));
    expectOutputsMatch(t.sim, doc.jobId, downloaded.outputs);
    const takes = structured<{ items: { id: string }[] }>(await mcp.call('list_takes', {}));
    expect(takes.items.map((take) => take.id)).toEqual([doc.takeId]);
    const take = structured<{ take: { id: string } }>(await mcp.call('get_take', { takeId: doc.takeId }));
    expect(take.take.id).toBe(doc.takeId);
    expect(structured<{ items: unknown[] }>(await mcp.call('list_rigs', {})).items.length).toBeGreaterThan(0);
    expect(structured<{ items: unknown[] }>(await mcp.call('list_camera_settings', {})).items.length).toBeGreaterThan(
      0,
    );
    expect(t.sim.jobs()).toHaveLength(1);
  });

  it('cancelled mid-upload, the same call resumes and ends with one job', async () => {
    const t = await sim({ outputBytes: 64 * 1024 }, { bandwidthBytesPerSec: 1.5 * MiB }, { resumed: true });
    writeFileSync(join(t.dir, 'big.mp4'), sampleVideo('MP4', 4 * MiB));
    const mcp = await connect(t);
    const args = { ...RUN, video: 'big.mp4', outputs: ['MAIN_FBX'] };
    const controller = new AbortController();
    const cut = mcp.call('process_video', args, {
      signal: controller.signal,
      onprogress: (p) => {
        if (p.message?.startsWith('uploading big.mp4')) setTimeout(() => controller.abort(), 500);
      },
    });
    await expect(cut).rejects.toThrow();
    expect(t.sim.jobs()).toHaveLength(0);

    const doc = structured<RunDoc>(await mcp.call('process_video', args));
    expect(doc.resumed).toBe(true);
    expect(t.sim.jobs()).toHaveLength(1);
    expectOutputsMatch(t.sim, doc.jobId, doc.outputs);
    expect(mcp.stderr()).toMatch(/process_video: cancelled/);
  });

  it('cancelled mid-wait (process_video and wait_for_job), the same call resumes with one job', async () => {
    const t = await sim({ jobDurationMs: 4000 });
    const mcp = await connect(t);
    const controller = new AbortController();
    const cut = mcp.call('process_video', RUN, {
      signal: controller.signal,
      onprogress: (p) => {
        if (p.message?.startsWith('job ') && !controller.signal.aborted) controller.abort();
      },
    });
    await expect(cut).rejects.toThrow();
    expect(t.sim.jobs()).toHaveLength(1);
    const jobId = t.sim.jobs()[0]!.id;

    const waiting = new AbortController();
    const wait = mcp.call(
      'wait_for_job',
      { jobId, pollIntervalSeconds: 0.1 },
      { signal: waiting.signal, onprogress: () => waiting.abort() },
    );
    await expect(wait).rejects.toThrow();

    const doc = structured<RunDoc>(await mcp.call('process_video', RUN));
    expect(doc).toMatchObject({ jobId, resumed: true, state: 'FINISHED' });
    expect(t.sim.jobs()).toHaveLength(1);
    expectOutputsMatch(t.sim, doc.jobId, doc.outputs);
  });

  it('a lost createSingleCamJob answer and a repeated call end with exactly one job', async () => {
    const t = await sim();
    const mcp = await connect(t);
    t.sim.setFaults({ schedule: [{ kind: 'drop-response', operation: 'createSingleCamJob' }] });
    const first = structured<RunDoc>(await mcp.call('process_video', RUN));
    expect(t.sim.pendingFaults()).toEqual([]);
    expect(t.sim.jobs().map((job) => job.id)).toEqual([first.jobId]);
    const again = structured<RunDoc>(await mcp.call('process_video', RUN));
    expect(again).toMatchObject({ jobId: first.jobId, resumed: true });
    expect(t.sim.jobs()).toHaveLength(1);
    expectOutputsMatch(t.sim, first.jobId, first.outputs);
  });
});

describe('move-ugc mcp: bad input is a tool error, the server goes on', () => {
  it('BI-181 a video path that does not exist', async () => {
    const t = await sim();
    const mcp = await connect(t);
    const result = await mcp.call('process_video', { video: 'nope.mp4' });
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(/nope\.mp4/);
    expect(result.content[0]!.text).toMatch(/^No file at \/.*nope\.mp4; check the path and the current directory\./);
    expect(t.sim.countOperations('createFile')).toBe(0);
    // Still serving.
    expect((await mcp.call('list_rigs', {})).isError).toBeFalsy();
  });

  it('BI-182 an output type that does not exist', async () => {
    const t = await sim();
    const mcp = await connect(t);
    const result = await mcp.call('process_video', { video: 'clip.mp4', outputs: ['MAIN_FBXX'] });
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toContain('outputs: "MAIN_FBXX" is not an output type (did you mean MAIN_FBX?)');
    expect(result.content[0]!.text).not.toMatch(/See: move-ugc/);
    expect(t.sim.countOperations('createFile')).toBe(0);
  });

  it('BI-183 a wrong API key, and none at all', async () => {
    const t = await sim();
    const wrong = await connect(t, { ...t.env, MOVE_API_KEY: WRONG_KEY });
    const result = await wrong.call('process_video', RUN);
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(/API key/i);
    expect(result.content[0]!.text).toContain('Move rejected the API key (HTTP 401');
    expect(result.content[0]!.text).not.toContain(WRONG_KEY);
    expect(t.sim.jobs()).toHaveLength(0);

    const { MOVE_API_KEY: _key, ...none } = t.env;
    const missing = await connect(t, none);
    const answer = await missing.call('list_jobs', {});
    expect(answer.isError).toBe(true);
    expect(answer.content[0]!.text).toMatch(/^No Move API key\./);
    expect(answer.content[0]!.text).toMatch(/set MOVE_API_KEY in the "env" of its entry/);
  });
});
