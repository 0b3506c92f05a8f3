// n8n-nodes-move-ugc in n8n's queue mode, for real: a main, two `n8n worker` processes and an
// `n8n webhook` process on one PostgreSQL and one Redis (started here, thrown away after), with the
// simulator's HTTP server as Move. Run with `pnpm test:e2e:queue` (MOVE_UGC_QUEUE_E2E=1); the plain
// `test:e2e` run skips it. Figures go to stdout and to e2e/.queue-report.json.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesSource, fetchTransfer, runSingleCam } from '@move-ugc/core';
import {
  createSimulator,
  DEFAULT_API_KEY,
  outputChecksum,
  type RunningServer,
  type Simulator,
  sampleVideo,
  startServer,
} from '@move-ugc/mock';
import { MoveUgc, signWebhook } from '@move-ugc/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type N8nInstance, setUpOwner } from './n8n-instance';
import { createQueueN8n, executionsStartedBy, type N8nProcess, type QueueCluster, startCluster } from './n8n-queue';
import {
  FAN_OUT_PATH,
  idempotencyKey,
  LOAD_PATH,
  QUEUE_TRIGGER_WEBHOOK_ID,
  QUEUE_WORKFLOW_IDS,
  queueWorkflows,
} from './queue-workflows';
import { type Postgres, type Service, servicesMissing, startPostgres, startRedis } from './services';
import { CREDENTIAL } from './workflows';

const enabled = process.env.MOVE_UGC_QUEUE_E2E === '1';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A second Move client for the trigger: its webhooks are not fired by the other tests' jobs. */
const TRIGGER_API_KEY = 'mock_move_ugc_key_trigger';
const TRIGGER_CREDENTIAL = { id: 'moveQueueCredTrg', name: 'Move simulator, trigger client' };
const VIDEO_BYTES = 256 * 1024;
const OUTPUT_BYTES = 64 * 1024;
/** The worker concurrency the README advises (n8n's default too). */
const CONCURRENCY = 10;
const FAN_OUT = 20;
const LOAD = 100;

const report: Record<string, unknown> = {};

describe.runIf(enabled)('Move UGC in n8n’s queue mode', () => {
  let sim: Simulator;
  let server: RunningServer;
  let redis: Service | undefined;
  let postgres: Postgres | undefined;
  let n8n: N8nInstance | undefined;
  let cluster: QueueCluster | undefined;
  let outDir: string;
  let videoDir: string;
  let cookie: string;
  const started = Date.now();

  const lastSeq = () => sim.requests.at(-1)?.seq ?? 0;
  const sql = (text: string) => postgres!.query(text).trim();

  interface Execution {
    id: string;
    status: string;
    workflowId: string;
    retryOf: string;
  }
  const executions = (workflowId: string): Execution[] =>
    sql(
      `select id, status, "workflowId", coalesce("retryOf", '') from execution_entity where "workflowId" = '${workflowId}' order by id`,
    )
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [id, status, wf, retryOf] = line.split('|');
        return { id: id!, status: status!, workflowId: wf!, retryOf: retryOf! };
      });
  const done = (e: Execution) => !['new', 'running', 'waiting'].includes(e.status);
  /** The error messages an execution's stored data holds, for a failure message. */
  const errorOf = (id: string): string =>
    sql(`select data from execution_data where "executionId" = ${Number(id)}`)
      .split('","')
      .filter((part) => /error|Error|fail|not /.test(part))
      .slice(0, 8)
      .join(' | ')
      .slice(0, 2000);

  /** One execution per video: POSTs the file's path to the production webhook on the webhook process. */
  async function send(path: string, files: string[]) {
    const answers = await Promise.all(
      files.map((file) =>
        fetch(`${cluster!.webhook.url}/webhook/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ path: join(videoDir, file) }),
        }),
      ),
    );
    for (const answer of answers) expect(answer.status, await answer.text()).toBe(200);
  }

  function writeVideos(prefix: string, count: number): string[] {
    return Array.from({ length: count }, (_, i) => {
      const name = `${prefix}-${String(i + 1).padStart(3, '0')}.mp4`;
      writeFileSync(join(videoDir, name), sampleVideo('MP4', VIDEO_BYTES));
      return name;
    });
  }

  /** The Move jobs made for a file: the idempotency key is in each job's metadata. */
  const jobsFor = (file: string, outputs: string[]) =>
    sim.jobs().filter((job) => job.metadata.includes(JSON.stringify(idempotencyKey(file, outputs)).slice(1, -1)));

  const downloadsOf = (fileId: string, since = 0) =>
    sim.requests.filter((r) => r.seq > since && r.kind === 'download' && r.path.includes(fileId));

  /** sha256 of every file in n8n's binary store (database mode: the binary_data table). */
  const storedChecksums = () => new Set(sql(`select encode(sha256(data), 'hex') from binary_data`).split('\n'));

  function peaks(): Record<string, number | undefined> {
    return Object.fromEntries(
      [cluster!.main, cluster!.webhook, ...cluster!.workers].map((p) => [p.name, p.peakRssKb()]),
    );
  }

  beforeAll(async () => {
    const missing = servicesMissing();
    if (missing) throw new Error(`The queue-mode suite needs Redis and PostgreSQL: ${missing}.`);
    sim = createSimulator({
      apiKeys: [DEFAULT_API_KEY, TRIGGER_API_KEY],
      jobDurationMs: 3000,
      outputDelayMs: 100,
      outputBytes: OUTPUT_BYTES,
      webhookRetryDelaysMs: [500, 1000],
      requestLogLimit: 100_000,
    });
    server = await startServer(sim, { port: 0 });
    [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
    const created = await createQueueN8n(redis, postgres, {
      // Quicker than n8n's defaults (lock 60 s, stall check 30 s, recovery every 180 min), so the
      // killed worker's execution is seen through within the test; what happens is the same.
      QUEUE_WORKER_LOCK_DURATION: '10000',
      QUEUE_WORKER_LOCK_RENEW_TIME: '2500',
      QUEUE_WORKER_STALLED_INTERVAL: '5000',
      N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '0.1',
      // Production webhooks only on the webhook process.
      N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
    });
    n8n = created.n8n;
    outDir = join(n8n.files, 'out');
    videoDir = join(n8n.files, 'videos');
    mkdirSync(outDir, { recursive: true });
    mkdirSync(videoDir, { recursive: true });
    writeFileSync(
      join(n8n.root, 'credentials.json'),
      JSON.stringify([
        { ...CREDENTIAL, type: 'moveUgcApi', data: { apiKey: DEFAULT_API_KEY, endpoint: server.endpoint } },
        { ...TRIGGER_CREDENTIAL, type: 'moveUgcApi', data: { apiKey: TRIGGER_API_KEY, endpoint: server.endpoint } },
      ]),
    );
    const workflows = queueWorkflows(outDir);
    const trigger = workflows.find((w) => w.id === QUEUE_WORKFLOW_IDS.trigger)!;
    (trigger.nodes[0] as Record<string, unknown>).credentials = { moveUgcApi: TRIGGER_CREDENTIAL };
    writeFileSync(join(n8n.root, 'workflows.json'), JSON.stringify(workflows));
    const importStarted = Date.now();
    for (const args of [
      ['import:credentials', `--input=${join(n8n.root, 'credentials.json')}`],
      ['import:workflow', `--input=${join(n8n.root, 'workflows.json')}`],
      ...Object.values(QUEUE_WORKFLOW_IDS).map((id) => ['publish:workflow', `--id=${id}`]),
    ]) {
      const result = await n8n.run(args);
      expect(result.status, result.stderr + result.stdout).toBe(0);
    }
    report.importSeconds = Math.round((Date.now() - importStarted) / 1000);
    const clusterStarted = Date.now();
    cluster = await startCluster(n8n, created.webhookPort, { concurrency: CONCURRENCY, workers: 2 });
    report.clusterStartSeconds = Math.round((Date.now() - clusterStarted) / 1000);
    report.peakRssKb = { idle: peaks() };
    cookie = await setUpOwner(cluster.main.url, { email: 'queue@example.com', firstName: 'Queue', lastName: 'Mode' });
  }, 15 * 60_000);

  afterAll(async () => {
    report.suiteSeconds = Math.round((Date.now() - started) / 1000);
    if (cluster) report.peakRssKb = { ...(report.peakRssKb as object), atEnd: peaks() };
    await cluster?.stop();
    await server?.close();
    await sim?.close();
    await Promise.all([redis?.stop(), postgres?.stop()]);
    console.log(`queue-mode report: ${JSON.stringify(report, null, 2)}`);
    writeFileSync(new URL('.queue-report.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
    if (n8n && !process.env.MOVE_UGC_E2E_KEEP) rmSync(n8n.root, { recursive: true, force: true });
  }, 5 * 60_000);

  it('fans 20 videos out over both workers: one Move job each, outputs byte for byte', async () => {
    const outputs = ['MAIN_FBX', 'RENDER_VIDEO'];
    const files = writeVideos('fan', FAN_OUT);
    const since = lastSeq();
    const t0 = Date.now();
    await send(FAN_OUT_PATH, files);
    const runs = await until(
      () => {
        const list = executions(QUEUE_WORKFLOW_IDS.fanOut);
        return list.length === FAN_OUT && list.every(done) ? list : undefined;
      },
      240_000,
      () => cluster!.workers.map((w) => w.log().slice(-2000)).join('\n'),
    );
    const wallMs = Date.now() - t0;
    expect(runs.map((r) => r.status)).toEqual(Array(FAN_OUT).fill('success'));

    // Both workers took some.
    const byWorker = cluster!.workers.map((w) => executionsStartedBy(w).filter((id) => runs.some((r) => r.id === id)));
    expect(byWorker.flat().sort()).toEqual(runs.map((r) => r.id).sort());
    for (const taken of byWorker) expect(taken.length).toBeGreaterThan(0);

    const stored = storedChecksums();
    for (const file of files) {
      const jobs = jobsFor(file, outputs);
      expect(jobs, file).toHaveLength(1);
      const job = jobs[0]!;
      expect(job.state).toBe('FINISHED');
      for (const output of job.outputs) {
        const checksum = outputChecksum(job.id, output.format, output.size);
        // Kept in n8n's binary store (the database), and downloaded once.
        expect(stored.has(checksum), `${file} ${output.format}`).toBe(true);
        expect(downloadsOf(output.fileId, since).filter((r) => r.status === 200)).toHaveLength(1);
      }
      const fbx = job.outputs.find((o) => o.format === 'fbx')!;
      // The worker that ran Write FBX read the bytes back from the database.
      expect(sha256(readFileSync(join(outDir, file.replace(/\.mp4$/, '.fbx'))))).toBe(
        outputChecksum(job.id, 'fbx', fbx.size),
      );
    }
    expect(sim.auditRequests({ since })).toEqual([]);
    report.fanOut = {
      videos: FAN_OUT,
      wallSeconds: wallMs / 1000,
      executionsPerWorker: Object.fromEntries(cluster!.workers.map((w, i) => [w.name, byWorker[i]!.length])),
      jobsPerVideo: 1,
      requestsToSimulator: sim.requests.filter((r) => r.seq > since).length,
    };
  });

  it('runs the Move UGC Trigger: activated on main, deliveries verified on the webhook process, the workflow on a worker', async () => {
    const endpoint = await until(
      () => sim.webhookEndpoints()[0],
      60_000,
      () => cluster!.main.log().slice(-4000),
    );
    expect(endpoint.url).toBe(`${cluster!.webhook.url}/webhook/${QUEUE_TRIGGER_WEBHOOK_ID}/webhook`);
    // The main registered it (with the secret it keeps in the workflow's static data, in the database).
    expect(cluster!.main.log()).not.toMatch(/Move UGC Trigger refused/);
    const since = lastSeq();
    const ugc = new MoveUgc({ apiKey: TRIGGER_API_KEY, endpoint: server.endpoint });
    const made = await runSingleCam(
      { video: bytesSource(sampleVideo('MP4', 4096), 'trigger.mp4'), outputs: ['MAIN_FBX'] },
      { ugc, transfer: fetchTransfer(), wait: false },
    );
    const written = join(outDir, `trigger-${made.jobId}.fbx`);
    await until(
      () => (existsSync(written) && statSync(written).size === OUTPUT_BYTES) || undefined,
      90_000,
      () => cluster!.webhook.log().slice(-4000),
    );
    expect(sha256(readFileSync(written))).toBe(outputChecksum(made.jobId, 'fbx', OUTPUT_BYTES));
    const delivery = sim.webhookDeliveries().find((d) => d.jobId === made.jobId)!;
    expect(delivery.state).toBe('delivered');
    const runs = await until(() => {
      const list = executions(QUEUE_WORKFLOW_IDS.trigger);
      return list.length === 1 && list.every(done) ? list : undefined;
    }, 60_000);
    expect(runs[0]!.status).toBe('success');
    // A worker ran it; the webhook process only received it.
    const ranBy = cluster!.workers.filter((w) => executionsStartedBy(w).includes(runs[0]!.id));
    expect(ranBy).toHaveLength(1);
    expect(sim.auditRequests({ since })).toEqual([]);

    // A forged or unsigned delivery is refused by the webhook process and starts nothing.
    const forged = await signWebhook(JSON.parse(delivery.body), 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const refused = await fetch(endpoint.url, { method: 'POST', headers: forged.headers, body: forged.body });
    expect(refused.status).toBe(401);
    const unsigned = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: delivery.body,
    });
    expect(unsigned.status).toBe(401);
    expect(cluster!.webhook.log()).toMatch(/Move UGC Trigger refused a delivery/);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(executions(QUEUE_WORKFLOW_IDS.trigger)).toHaveLength(1);
    report.trigger = { endpoint: endpoint.url, ranBy: ranBy[0]!.name, deliveries: sim.webhookDeliveries().length };
  });

  it('takes 100 videos at once at the advised concurrency, through the simulator’s rate limit', async () => {
    const files = writeVideos('load', LOAD);
    // Move's rate limit, as the simulator plays it: 429 with Retry-After on 5% of all requests.
    sim.setFaults({ rates: { 'http-429': 0.05 }, retryAfterSeconds: 1 });
    const since = lastSeq();
    const t0 = Date.now();
    try {
      await send(LOAD_PATH, files);
      const runs = await until(
        () => {
          const list = executions(QUEUE_WORKFLOW_IDS.load);
          return list.length === LOAD && list.every(done) ? list : undefined;
        },
        600_000,
        () => cluster!.workers.map((w) => w.log().slice(-2000)).join('\n'),
      );
      const wallMs = Date.now() - t0;
      const requests = sim.requests.filter((r) => r.seq > since);
      const limited = requests.filter((r) => r.status === 429);
      const failed = runs.filter((r) => r.status !== 'success');
      const failures = failed.map((r) => ({
        id: r.id,
        status: r.status,
        error: sql(`select substr(data, 1, 4000) from execution_data where "executionId" = ${r.id}`).match(
          /"message":"[^"]*"/g,
        ),
      }));
      report.load = {
        videos: LOAD,
        workerConcurrency: CONCURRENCY,
        wallSeconds: wallMs / 1000,
        requestsPerJob: {
          all: requests.length / LOAD,
          graphql: requests.filter((r) => r.kind === 'graphql').length / LOAD,
          upload: requests.filter((r) => r.kind === 'upload').length / LOAD,
          download: requests.filter((r) => r.kind === 'download').length / LOAD,
        },
        answered429: limited.length,
        failedExecutions: failures,
        executionsPerWorker: Object.fromEntries(
          cluster!.workers.map((w) => [
            w.name,
            executionsStartedBy(w).filter((id) => runs.some((r) => r.id === id)).length,
          ]),
        ),
      };
      report.peakRssKb = { ...(report.peakRssKb as object), afterLoad: peaks() };
      expect(limited.length).toBeGreaterThan(0);
      expect(failures).toEqual([]);
      for (const file of files) expect(jobsFor(file, ['MAIN_FBX']), file).toHaveLength(1);
      const stored = storedChecksums();
      for (const file of files) {
        const job = jobsFor(file, ['MAIN_FBX'])[0]!;
        expect(stored.has(outputChecksum(job.id, 'fbx', OUTPUT_BYTES)), file).toBe(true);
      }
    } finally {
      sim.clearFaults();
    }
  });

  it('survives a worker killed while it waits for Move: one job, no second download, correct outputs', async () => {
    const outputs = ['MAIN_FBX', 'RENDER_VIDEO'];
    const [file] = writeVideos('killed', 1);
    const since = lastSeq();
    const before = executions(QUEUE_WORKFLOW_IDS.fanOut).length;
    await send(FAN_OUT_PATH, [file!]);
    // The job exists at Move: the worker is now waiting for it (3 s).
    const job = await until(() => jobsFor(file!, outputs)[0], 60_000);
    const execution = executions(QUEUE_WORKFLOW_IDS.fanOut)[before]!;
    const victim = await until(
      () => cluster!.workers.find((w) => executionsStartedBy(w).includes(execution.id)),
      10_000,
    );
    const survivor = cluster!.workers.find((w) => w !== victim)! as N8nProcess;
    const peak = victim.peakRssKb();
    const killedAt = Date.now();
    await victim.kill('SIGKILL');
    expect(sim.jobs().find((j) => j.id === job.id)!.state).not.toBe('FINISHED');

    // What n8n does with it: no worker holds the job's lock any more; the stalled-job check fails the
    // queue job, and the main's queue recovery marks the execution crashed. Nothing runs it again.
    const statuses: { afterSeconds: number; status: string }[] = [];
    const crashed = await until(
      () => {
        const now = executions(QUEUE_WORKFLOW_IDS.fanOut).find((e) => e.id === execution.id)!;
        if (statuses.at(-1)?.status !== now.status)
          statuses.push({ afterSeconds: (Date.now() - killedAt) / 1000, status: now.status });
        return done(now) ? now : undefined;
      },
      120_000,
      () => cluster!.main.log().slice(-3000),
    );
    // Crashed when the main's queue recovery finds it; Error when the failed queue job reaches the
    // main first. Both seen on this machine; either way nothing runs it again.
    expect(['crashed', 'error']).toContain(crashed.status);
    if (crashed.status === 'crashed') expect(cluster!.main.log()).toMatch(/recovered dangling executions/);
    expect(executions(QUEUE_WORKFLOW_IDS.fanOut).filter((e) => e.retryOf === execution.id)).toEqual([]);

    // The user retries it (Executions → Retry with the original workflow): the survivor runs it.
    const retry = await fetch(`${cluster!.main.url}/rest/executions/${execution.id}/retry`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ loadWorkflow: false }),
    });
    const retryText = await retry.text();
    expect(retry.status, retryText).toBe(200);
    const retried = await until(
      () => {
        const again = executions(QUEUE_WORKFLOW_IDS.fanOut).find((e) => e.retryOf === execution.id);
        return again && done(again) ? again : undefined;
      },
      120_000,
      () => survivor.log().slice(-3000),
    );
    let rerun = retried;
    if (retried.status !== 'success') {
      // Seen now and then: n8n's Retry of an execution it marked Error (rather than Crashed) fails in
      // turn. The user then runs the same item again, as a new execution; that is what must end right.
      const count = executions(QUEUE_WORKFLOW_IDS.fanOut).length;
      await send(FAN_OUT_PATH, [file!]);
      rerun = await until(
        () => {
          const again = executions(QUEUE_WORKFLOW_IDS.fanOut)[count];
          return again && done(again) ? again : undefined;
        },
        120_000,
        () => survivor.log().slice(-3000),
      );
    }
    expect(rerun.status, errorOf(rerun.id)).toBe('success');
    expect(executionsStartedBy(survivor)).toContain(rerun.id);

    // Still one job; each output downloaded once (the killed run never got that far); bytes right.
    expect(jobsFor(file!, outputs)).toHaveLength(1);
    const finished = sim.jobs().find((j) => j.id === job.id)!;
    const stored = storedChecksums();
    for (const output of finished.outputs) {
      // Once per execution that got that far: the killed one never did; a failed Retry may have.
      const fetched = downloadsOf(output.fileId, since).filter((r) => r.status === 200).length;
      expect(fetched).toBeGreaterThanOrEqual(1);
      expect(fetched).toBeLessThanOrEqual(rerun === retried ? 1 : 2);
      expect(stored.has(outputChecksum(job.id, output.format, output.size))).toBe(true);
    }
    expect(sha256(readFileSync(join(outDir, file!.replace(/\.mp4$/, '.fbx'))))).toBe(
      outputChecksum(job.id, 'fbx', OUTPUT_BYTES),
    );
    const uploads = sim.requests.filter((r) => r.seq > since && r.kind === 'upload' && r.status === 200);
    report.killedWorker = {
      killed: victim.name,
      peakRssKbBeforeKill: peak,
      statusesAfterKill: statuses,
      retriedAs: retried.id,
      retryStatus: retried.status,
      ...(rerun === retried ? {} : { retryError: errorOf(retried.id), ranAgainAs: rerun.id }),
      ranOn: survivor.name,
      jobsForVideo: jobsFor(file!, outputs).length,
      videoUploads: uploads.length,
      retryAnswer: retryText.slice(0, 300),
    };
  });
});

async function until<T>(probe: () => T | undefined, timeoutMs: number, log?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms.${log ? `\nlog:\n${log()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
