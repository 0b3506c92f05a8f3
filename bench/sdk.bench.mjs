#!/usr/bin/env node
// SDK overhead per call: `ugc.jobs.retrieve(id)` and `ugc.takes.list()` through the real
// @move-ugc/sdk client against @move-ugc/mock's simulator in-process (no network: the client's
// `fetch` option hands each request to `sim.handle`), against the same GraphQL POST (same body,
// same headers, captured from the SDK) sent by a bare fetch-style call to the same handler and
// parsed with `res.json()`; and both again against a canned answer (the simulator's recorded
// reply), which isolates the client side. Cases alternate in time-boxed batches (BENCH_ROUNDS rounds of
// BENCH_ROUND_MS each, after a warm-up batch of BENCH_WARMUP_MS); calls/s is the median over rounds.
// No target in the issues: the ratio is reported as measured.
import { createSimulator, sampleVideo } from '../packages/mock/dist/index.js';
import { MoveUgc } from '../packages/sdk/dist/index.node.js';
import { commandFor, fixed, knob, median, NO_TARGET, REFERENCE, report } from './report.mjs';

const rounds = knob('BENCH_ROUNDS', 7, 1);
const roundMs = knob('BENCH_ROUND_MS', 300, 50);
const warmupMs = knob('BENCH_WARMUP_MS', 600, 50);

const sim = createSimulator({ jobDurationMs: 60 * 60_000, seed: 1 });
const never = new AbortController().signal;
async function* chunks(data) {
  yield Buffer.from(data);
}

/** A fetch-style request as the simulator's handler takes it. */
const simRequest = (input, init) => ({
  method: init.method ?? 'GET',
  url: new URL(String(input)),
  headers: new Headers(init.headers),
  body: init.body === undefined || init.body === null ? null : chunks(init.body),
  signal: init.signal ?? never,
  lengthInferred: true,
});

/** A fetch over the simulator's in-process handler: the shared transport of the simulator cases. */
async function simFetch(input, init = {}) {
  const answer = await sim.handle(simRequest(input, init));
  if (answer.abort === 'before') throw new TypeError('fetch failed (the simulator dropped the connection)');
  const payload = answer.body;
  const bodyInit =
    payload === undefined || answer.status === 204
      ? null
      : typeof payload === 'string' || payload instanceof Uint8Array
        ? payload
        : ReadableStream.from(payload);
  return new Response(bodyInit, { status: answer.status, headers: answer.headers });
}

// The SDK's requests, captured so the bare call sends exactly the same POST.
let captured;
const ugc = new MoveUgc({
  apiKey: sim.apiKeys[0],
  endpoint: sim.endpoint,
  fetch: (input, init) => {
    captured = { input: String(input), init: { method: init.method, headers: init.headers, body: init.body } };
    return simFetch(input, init);
  },
});

const file = await ugc.files.create({ type: 'mp4', name: 'clip.mp4' });
const put = await simFetch(file.presignedUrl, { method: 'PUT', body: sampleVideo('MP4', 2048) });
if (put.status !== 200) throw new Error(`upload answered ${put.status}`);
let take;
for (let i = 0; i < 5; i++) {
  take = await ugc.takes.createSingleCam({ sources: [{ deviceLabel: 'iphone', fileId: file.id, format: 'MP4' }] });
}
const job = await ugc.jobs.createSingleCam({ takeId: take.id, outputs: ['MAIN_FBX'] });

const SIM = 'simulator';
const CANNED = 'canned answer';
const BARE = 'bare POST';
const SDK = '@move-ugc/sdk';
const answerHeaders = { 'content-type': 'application/json; charset=utf-8' };

async function operation(label, call, check) {
  check(await call(ugc));
  const { input, init } = captured;
  const bare = async (fetchFn) => (await fetchFn(input, init)).json();
  const text = await (await simFetch(input, init)).text();
  if (JSON.parse(text).errors) throw new Error(`${label}: ${text}`);
  // The same answer without the simulator: isolates the client side of a call.
  const canned = async () => new Response(text, { status: 200, headers: answerHeaders });
  const cannedClient = new MoveUgc({ apiKey: sim.apiKeys[0], endpoint: sim.endpoint, fetch: canned });
  check(await call(cannedClient));
  const handlerOnly = async () => JSON.parse((await sim.handle(simRequest(input, init))).body);
  return {
    label,
    cases: {
      [`${SIM}: handler only`]: handlerOnly,
      [`${SIM}: ${BARE}`]: () => bare(simFetch),
      [`${SIM}: ${SDK}`]: () => call(ugc),
      [`${CANNED}: ${BARE}`]: () => bare(canned),
      [`${CANNED}: ${SDK}`]: () => call(cannedClient),
    },
  };
}

const operations = [
  await operation(
    '`ugc.jobs.retrieve(id)`',
    (client) => client.jobs.retrieve(job.id),
    (j) => {
      if (j.id !== job.id) throw new Error('jobs.retrieve returned another job');
    },
  ),
  await operation(
    '`ugc.takes.list()`',
    (client) => client.takes.list(),
    (page) => {
      if (page.items.length === 0) throw new Error('takes.list returned no takes');
    },
  ),
];

/** Calls of `fn` per second over one batch of about `ms`. */
async function batch(fn, ms) {
  const started = performance.now();
  let calls = 0;
  let elapsed = 0;
  do {
    await fn();
    calls += 1;
    elapsed = performance.now() - started;
  } while (elapsed < ms);
  return (calls * 1000) / elapsed;
}

const rates = new Map();
for (let round = -1; round < rounds; round++) {
  for (const { label, cases } of operations) {
    const names = Object.keys(cases);
    // Rotate the order each round so no case always runs right after a GC-heavy one.
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + Math.max(round, 0)) % names.length];
      // Round -1 warms the JIT up (graphql-js validation alone gets ~3x faster over the first second).
      const rate = await batch(cases[name], round < 0 ? warmupMs : roundMs);
      if (round < 0) continue;
      const key = `${label}\t${name}`;
      rates.set(key, [...(rates.get(key) ?? []), rate]);
    }
  }
}
await sim.close();

const rows = [];
const notes = [];
for (const { label, cases } of operations) {
  const perSecond = (name) => median(rates.get(`${label}\t${name}`));
  const us = (name) => 1e6 / perSecond(name);
  for (const name of Object.keys(cases)) {
    const reference = `${name.split(':')[0]}: ${BARE}`;
    rows.push([
      label,
      name,
      fixed(perSecond(name), 0),
      fixed(us(name), 1),
      `${fixed(us(name) / us(reference))}x`,
      ...(name === reference ? REFERENCE : NO_TARGET),
    ]);
  }
  const added = (group) => fixed(us(`${group}: ${SDK}`) - us(`${group}: ${BARE}`), 1);
  notes.push(
    `${label}: the SDK adds ${added(CANNED)} µs per call (canned answer), ${added(SIM)} µs with the simulator.`,
  );
}
report({
  title: 'SDK overhead per call (simulator in-process)',
  command: commandFor(import.meta.url),
  columns: ['Operation', 'Path', 'Calls/s', 'µs per call', 'Time vs bare POST', 'Target', 'Met'],
  rows,
  notes: [
    ...notes,
    'Bare POST: the body and headers the SDK sent, through the same fetch, parsed with `res.json()`. ' +
      'Simulator: `fetch` hands the request to `sim.handle` in-process ("handler only" skips the Response: the ' +
      "simulator's own cost, mostly graphql-js validation). Canned answer: `fetch` returns the simulator's recorded " +
      'answer, so the ratio is the client side alone.',
    `Median calls/s over ${rounds} interleaved rounds of ${roundMs} ms per case, one call at a time; no target is set in the issues.`,
  ],
});
