// The single-camera `noun verb` commands and webhooks against the simulator: each one's --json
// document, URL redaction, and the exit codes of waiting (0 finished, 1 failed, 3 timed out).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sampleVideo, signWebhookPayload } from '@move-ugc/mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type Env,
  expectNoSecrets,
  expectOutputsMatch,
  json,
  type OutputDoc,
  type Result,
  run,
  startSim,
} from './helpers';

let t: Env;
let receiver: Server;
let hookUrl: string;
const deliveries: { body: Buffer; headers: Record<string, string> }[] = [];

const REDACTED_URL = /^http:\/\/127\.0\.0\.1:\d+\/[^?]+\?\[redacted\]$/;

/** Runs and expects exit 0 and a JSON document. */
async function ok<T = Record<string, unknown>>(args: string[]): Promise<T> {
  const result = await run(args, { env: t.env, cwd: t.dir });
  expect(result.code, `move-ugc ${args.join(' ')}:\n${result.stderr}`).toBe(0);
  return json<T>(result);
}

function cli(args: string[]): Promise<Result> {
  return run(args, { env: t.env, cwd: t.dir });
}

beforeAll(async () => {
  t = await startSim({ webhookIntervalMs: 10 });
  writeFileSync(join(t.dir, 'clip.mp4'), sampleVideo('MP4', 4096));
  writeFileSync(join(t.dir, 'clip.move'), 'move one sidecar, not a video');
  // A local receiver for webhook deliveries: what `webhooks verify` checks later.
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      deliveries.push({ body: Buffer.concat(chunks), headers: req.headers as Record<string, string> });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/move`;
});

afterAll(async () => {
  expectNoSecrets();
  await new Promise((resolve) => receiver.close(resolve));
  await t.close();
});

describe('webhooks set', () => {
  it('registers an endpoint and shows its secret once', async () => {
    const endpoint = await ok<{ uid: string; url: string; secret: string | null; events: string[] }>([
      'webhooks',
      'set',
      '--uid',
      'cli-test',
      '--url',
      hookUrl,
      '--events',
      'ugc.job.state.completed,ugc.job.state.failed',
    ]);
    expect(endpoint).toMatchObject({
      uid: 'cli-test',
      url: hookUrl,
      events: ['ugc.job.state.completed', 'ugc.job.state.failed'],
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(t.sim.webhookEndpoints()[0]?.secret).toBe(endpoint.secret);
    const again = await ok<{ secret: string | null }>(['webhooks', 'set', '--uid', 'cli-test', '--url', hookUrl]);
    expect(again.secret).toBeNull();
  });
});

const ids: Record<string, string> = {};

describe('files', () => {
  it('uploads a video and a sidecar, printing their ids', async () => {
    const video = await ok<{ id: string; name: string; type: string; bytes: number }>(['files', 'upload', 'clip.mp4']);
    expect(video).toEqual({ id: expect.stringMatching(/^file-/), name: 'clip.mp4', type: 'mp4', bytes: 4096 });
    expect(t.sim.storedBytes(video.id)).toBe(4096);
    const put = t.sim.requests.find((r) => r.kind === 'upload' && r.path === `/uploads/${video.id}`)!;
    expect(put.headers['content-length']).toBe('4096');
    expect(put.headers['content-type']).toBeUndefined();
    const move = await ok<{ id: string; type: string }>(['files', 'upload', 'clip.move']);
    expect(move.type).toBe('move');
    ids.video = video.id;
    ids.move = move.id;
  });

  it('shows a file with its URL redacted, or whole with --show-urls', async () => {
    const file = await ok<{ id: string; type: string; presignedUrl: string }>(['files', 'get', ids.video!]);
    expect(file).toMatchObject({ id: ids.video, type: 'mp4' });
    expect(file.presignedUrl).toMatch(REDACTED_URL);
    const shown = await ok<{ presignedUrl: string }>(['files', 'get', ids.video!, '--show-urls']);
    expect(shown.presignedUrl).toMatch(/[?&]Signature=/);
  });

  it('makes a share link', async () => {
    const share = await ok<{ code: string; url: string; expires: string; file: { id: string; presignedUrl: string } }>([
      'files',
      'share',
      ids.video!,
    ]);
    expect(share.url).toContain(`/share/${share.code}`);
    expect(share.file.id).toBe(ids.video);
    expect(share.file.presignedUrl).toMatch(REDACTED_URL);
  });

  it("exits 1 with Move's message for an unknown file", async () => {
    const result = await cli(['files', 'get', 'file-00000000-0000-4000-8000-000000000000']);
    expect(result.code).toBe(1);
    expect(json<{ error: { type: string } }>(result).error.type).toBe('MoveNotFoundError');
  });
});

describe('takes', () => {
  it('creates a single-camera take from uploaded files', async () => {
    const take = await ok<{ id: string; takeType: string; name: string }>([
      'takes',
      'create',
      '--video',
      ids.video!,
      '--move',
      ids.move!,
      '--name',
      'shot 1',
    ]);
    expect(take).toMatchObject({ id: expect.stringMatching(/^take-/), takeType: 'SINGLE_CAM', name: 'shot 1' });
    expect(
      t.sim
        .takes()
        .find((x) => x.id === take.id)
        ?.sources.map((s) => s.format),
    ).toEqual(['MP4', 'MOVE']);
    ids.take = take.id;
  });

  it('shows a take with its sources, URLs redacted', async () => {
    const take = await ok<{ sources: { deviceLabel: string; file: { id: string; presignedUrl: string } }[] }>([
      'takes',
      'get',
      ids.take!,
      '--expand',
      'sources',
    ]);
    expect(take.sources.map((s) => [s.deviceLabel, s.file.id])).toEqual([
      ['iphone', ids.video],
      ['iphone', ids.move],
    ]);
    for (const source of take.sources) expect(source.file.presignedUrl).toMatch(REDACTED_URL);
  });

  it('updates name and metadata', async () => {
    const take = await ok<{ name: string; metadata: unknown }>([
      'takes',
      'update',
      ids.take!,
      '--name',
      'shot 1b',
      '--metadata',
      '{"scene":4}',
    ]);
    expect(take).toMatchObject({ name: 'shot 1b', metadata: { scene: 4 } });
  });

  it('lists one page, the next page, or all', async () => {
    await ok(['takes', 'create', '--video', ids.video!, '--name', 'shot 2']);
    const first = await ok<{ items: { id: string }[]; after: string | null }>(['takes', 'list', '--limit', '1']);
    expect(first.items).toHaveLength(1);
    expect(first.after).not.toBeNull();
    const next = await ok<{ items: { id: string }[] }>(['takes', 'list', '--limit', '1', '--after', first.after!]);
    expect(next.items).toHaveLength(1);
    expect(next.items[0]!.id).not.toBe(first.items[0]!.id);
    const all = await ok<{ items: { id: string }[]; after: null }>(['takes', 'list', '--all']);
    expect(all.items.map((x) => x.id).sort()).toEqual(
      t.sim
        .takes()
        .map((x) => x.id)
        .sort(),
    );
    expect(all.after).toBeNull();
  });
});

describe('jobs', () => {
  it('creates a job for a take', async () => {
    const job = await ok<{ id: string; name: string; progress: { state: string } }>([
      'jobs',
      'create',
      '--take',
      ids.take!,
      '--outputs',
      'main_fbx,RENDER_VIDEO',
      '--name',
      'first',
    ]);
    expect(job).toMatchObject({ id: expect.stringMatching(/^job-/), name: 'first' });
    expect(
      t.sim
        .jobs()
        .find((j) => j.id === job.id)
        ?.outputs.map((o) => o.outputType)
        .sort(),
    ).toEqual(['MAIN_FBX', 'RENDER_VIDEO']);
    ids.job = job.id;
  });

  it('gets, lists and updates it', async () => {
    const job = await ok<{ id: string; take: { id: string }; inputs: unknown }>([
      'jobs',
      'get',
      ids.job!,
      '--expand',
      'take,inputs',
    ]);
    expect(job.take.id).toBe(ids.take);
    const list = await ok<{ items: { id: string }[] }>(['jobs', 'list', '--take', ids.take!]);
    expect(list.items.map((j) => j.id)).toEqual([ids.job]);
    const updated = await ok<{ name: string }>(['jobs', 'update', ids.job!, '--name', 'renamed']);
    expect(updated.name).toBe('renamed');
  });

  it('waits for it: the finished job, output URLs redacted', async () => {
    const job = await ok<{
      id: string;
      progress: { state: string };
      outputs: { format: string; file: { presignedUrl: string } }[];
    }>(['jobs', 'wait', ids.job!, '--poll-interval', '100ms']);
    expect(job.progress.state).toBe('FINISHED');
    expect(job.outputs).toHaveLength(2);
    for (const output of job.outputs) expect(output.file.presignedUrl).toMatch(REDACTED_URL);
  });

  it('downloads the outputs, then skips them when run again', async () => {
    const args = ['jobs', 'download', ids.job!, '-o', 'job-out'];
    const doc = await ok<{ jobId: string; state: string; outputDir: string; outputs: OutputDoc[] }>(args);
    expect(doc).toMatchObject({ jobId: ids.job, state: 'FINISHED', outputDir: join(t.dir, 'job-out') });
    expectOutputsMatch(t.sim, ids.job!, doc.outputs);
    const again = await cli(args);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already downloaded/);
    expect(json<{ outputs: OutputDoc[] }>(again).outputs).toEqual(doc.outputs);
  });

  it('exits 1 when the job failed', async () => {
    const job = await ok<{ id: string }>(['jobs', 'create', '--take', ids.take!, '--metadata', '{"mockFail":true}']);
    const result = await cli(['jobs', 'wait', job.id, '--poll-interval', '100ms']);
    expect(result.code).toBe(1);
    expect(json<{ error: unknown }>(result).error).toMatchObject({
      type: 'MoveJobFailedError',
      jobId: job.id,
      exitCode: 1,
    });
    expect(result.stderr).toMatch(new RegExp(`error: Job ${job.id} failed on Move's side`));
  });

  it('exits 3 when waiting ran out, and gives the command that waits again, without the key', async () => {
    const slow = await startSim({ jobDurationMs: 60_000 });
    try {
      const env = slow.env;
      writeFileSync(join(slow.dir, 'clip.mp4'), sampleVideo('MP4', 1024));
      const created = await run(['run', 'clip.mp4', '--no-wait'], { env, cwd: slow.dir });
      expect(created.code, created.stderr).toBe(0);
      const jobId = json<{ jobId: string }>(created).jobId;
      // The key comes as a flag this time: the command to continue must not repeat it.
      const { MOVE_API_KEY: key, ...withoutKey } = env;
      const waitArgs = ['--timeout', '300ms', '--poll-interval', '100ms'];
      const result = await run(['jobs', 'wait', jobId, ...waitArgs, '--api-key', key!], {
        env: withoutKey,
        cwd: slow.dir,
      });
      expect(result.code).toBe(3);
      const { error } = json<{ error: { message: string } }>(result);
      expect(error).toMatchObject({ type: 'MoveWaitTimeoutError', jobId, exitCode: 3 });
      const command = `move-ugc jobs wait ${jobId}`;
      expect(error.message).toMatch(
        new RegExp(
          `^Job ${jobId} is still \\w+ after \\d+ s of waiting\\. It keeps running on Move: wait for it again with \`${command}\` \\(it is not charged twice\\)\\.$`,
        ),
      );
      expect(result.stderr).toContain(`error: ${error.message}\n`);
      expect(result.stderr).toContain(`To wait and download its outputs: move-ugc jobs download ${jobId}\n`);
      expect(result.stderr).not.toMatch(/later|--api-key/);
      // The command, as printed, waits for the same job (with the key from where it came before).
      const printed = /`move-ugc (jobs wait [^`]+)`/.exec(result.stderr)![1]!.split(' ');
      const again = await run([...printed, ...waitArgs, '--api-key', key!], {
        env: withoutKey,
        cwd: slow.dir,
      });
      expect(again.code).toBe(3);
      expect(json<{ error: { jobId: string } }>(again).error.jobId).toBe(jobId);
    } finally {
      await slow.close();
    }
  });
});

describe('webhooks verify', () => {
  let secret: string;
  let delivery: { body: Buffer; headers: Record<string, string> };
  const svix = (headers: Record<string, string>) =>
    ['svix-id', 'svix-timestamp', 'svix-signature'].flatMap((name) => ['--header', `${name}: ${headers[name]}`]);

  beforeAll(async () => {
    secret = t.sim.webhookEndpoints()[0]!.secret;
    await t.sim.flushWebhooks();
    await vi.waitFor(() => expect(deliveries.length).toBeGreaterThan(0), { timeout: 10_000 });
    delivery = deliveries[0]!;
    writeFileSync(join(t.dir, 'body.json'), delivery.body);
    writeFileSync(join(t.dir, 'headers.json'), JSON.stringify(delivery.headers));
  });

  it('accepts a real delivery: event type and job id', async () => {
    const event = await ok<{ valid: boolean; eventName: string; jobId: string; id: string }>([
      'webhooks',
      'verify',
      '--secret',
      secret,
      '--body',
      'body.json',
      ...svix(delivery.headers),
    ]);
    const payload = JSON.parse(delivery.body.toString('utf8')) as {
      event_name: string;
      detail: { event_attributes: { job: { id: string } } };
    };
    expect(event).toMatchObject({
      valid: true,
      eventName: payload.event_name,
      jobId: payload.detail.event_attributes.job.id,
      id: delivery.headers['svix-id'],
    });
  });

  it('reads the headers from a file and the secret from the environment', async () => {
    const result = await run(['webhooks', 'verify', '--body', 'body.json', '--headers-file', 'headers.json'], {
      env: { ...t.env, MOVE_WEBHOOK_SECRET: secret },
      cwd: t.dir,
    });
    expect(result.code, result.stderr).toBe(0);
  });

  it('BI-75 rejects a changed body (exit 1), naming the likely cause and never the secret', async () => {
    writeFileSync(join(t.dir, 'pretty.json'), JSON.stringify(JSON.parse(delivery.body.toString('utf8')), null, 2));
    const result = await cli([
      'webhooks',
      'verify',
      '--secret',
      secret,
      '--body',
      'pretty.json',
      ...svix(delivery.headers),
    ]);
    expect(result.code).toBe(1);
    expect(json<{ error: unknown }>(result).error).toMatchObject({ type: 'MoveWebhookError', exitCode: 1 });
    expect(result.stderr).toMatch(/Webhook signature does not match.*parsed and re-serialised/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
    expect(`${result.stdout}${result.stderr}`).not.toContain(secret.slice('whsec_'.length));
  });

  it('rejects the wrong secret and a stale timestamp', async () => {
    const other = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const wrong = await cli([
      'webhooks',
      'verify',
      '--secret',
      other,
      '--body',
      'body.json',
      ...svix(delivery.headers),
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('the wrong secret');

    const body = delivery.body.toString('utf8');
    const old = Math.floor(Date.now() / 1000) - 3600;
    const headers = {
      'svix-id': 'msg_old',
      'svix-timestamp': String(old),
      'svix-signature': signWebhookPayload(secret, 'msg_old', old, body),
    };
    const stale = await cli(['webhooks', 'verify', '--secret', secret, '--body', 'body.json', ...svix(headers)]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/Webhook timestamp is 3\d{3} s old/);
    const tolerated = await cli([
      'webhooks',
      'verify',
      '--secret',
      secret,
      '--body',
      'body.json',
      '--tolerance',
      '2h',
      ...svix(headers),
    ]);
    expect(tolerated.code, tolerated.stderr).toBe(0);
  });

  it('BI-108 an old delivery blames a replay or a clock that runs ahead, and says how to check a saved one', async () => {
    const body = delivery.body.toString('utf8');
    const signedAt = (timestamp: number) => ({
      'svix-id': 'msg_saved',
      'svix-timestamp': String(timestamp),
      'svix-signature': signWebhookPayload(secret, 'msg_saved', timestamp, body),
    });
    const now = Math.floor(Date.now() / 1000);
    const stale = await cli([
      'webhooks',
      'verify',
      '--secret',
      secret,
      '--body',
      'body.json',
      ...svix(signedAt(now - 3600)),
    ]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(
      "a replayed or long-delayed delivery, or this machine's clock is ahead of real time",
    );
    expect(stale.stderr).toContain('Checking a delivery saved earlier? Raise --tolerance (e.g. 2h).');
    expect(stale.stderr).not.toMatch(/behind/);
    const future = await cli([
      'webhooks',
      'verify',
      '--secret',
      secret,
      '--body',
      'body.json',
      ...svix(signedAt(now + 3600)),
    ]);
    expect(future.code).toBe(1);
    expect(future.stderr).toContain(
      "s in the future, beyond the 300 s tolerance. The signature is valid, so this machine's clock is most likely behind real time",
    );
    expect(future.stderr).not.toMatch(/ahead|--tolerance/);
  });

  it('says which headers are missing', async () => {
    const result = await cli(['webhooks', 'verify', '--secret', secret, '--body', 'body.json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/missing the svix-id .*svix-timestamp .*svix-signature/);
    expect(existsSync(join(t.dir, 'body.json'))).toBe(true);
    expect(readFileSync(join(t.dir, 'body.json'))).toEqual(delivery.body);
  });
});
