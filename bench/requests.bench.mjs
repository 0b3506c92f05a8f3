#!/usr/bin/env node
import { setupServer } from 'msw/node';
import { bytesSource, runSingleCam } from '../packages/core/dist/index.js';
// API requests per job: one whole run of a job that takes 10 simulated minutes, against the seed
// script's way (getJob every 15 s, then outputs every 10 s; Move's Python SDK adds an
// introspection request before each call). Simulator and workflow share one fake clock.
import { createSimulator, handlers, sampleVideo } from '../packages/mock/dist/index.js';
import { MoveUgc } from '../packages/sdk/dist/index.node.js';

let clock = Date.parse('2026-01-01T00:00:00Z');
const JOB_MS = 10 * 60_000;
const OUTPUT_DELAY_MS = 5_000;
const sim = createSimulator({ jobDurationMs: JOB_MS, outputDelayMs: OUTPUT_DELAY_MS, now: () => clock });
const server = setupServer(...handlers(sim));
server.listen({ onUnhandledRequest: 'error' });
const sleep = async (ms) => {
  clock += ms;
};
const ugc = new MoveUgc({ apiKey: sim.apiKeys[0], endpoint: sim.endpoint, sleep });
const sink = {
  held: async () => 0,
  save: async (_t, body) => {
    let bytes = 0;
    for await (const c of body) bytes += c.byteLength;
    return { bytes };
  },
};
const started = clock;
await runSingleCam(
  { video: bytesSource(sampleVideo('MP4', 4096), 'clip.mp4'), outputs: ['MAIN_FBX', 'RENDER_VIDEO'] },
  { ugc, sleep, now: () => clock, sink },
);
const graphql = sim.requests.filter((r) => r.kind === 'graphql').length;
const polls = sim.countOperations('getJob');
const noticedAfterMs = clock - (started + JOB_MS + OUTPUT_DELAY_MS);
server.close();
await sim.close();

// The seed: createFile, createSingleCamTake, createSingleCamJob, then getJob every 15 s until a
// terminal state, then getJob (expand outputs) every 10 s until every output has a URL.
const seedJobPolls = Math.ceil(JOB_MS / 15_000) + 1;
const seedOutputPolls = Math.ceil(OUTPUT_DELAY_MS / 10_000) + 1;
const seed = 3 + seedJobPolls + seedOutputPolls;
console.log('API requests for one run of a 10-minute job:');
console.log(
  `  move-ugc                 ${graphql} GraphQL requests (${polls} getJob), end noticed ${Math.round(noticedAfterMs / 1000)} s after the outputs were ready`,
);
console.log(
  `  seed script              ${seed} (${seedJobPolls + seedOutputPolls} getJob)     ratio ${(graphql / seed).toFixed(2)}`,
);
console.log(
  `  seed + Python SDK        ${seed * 2} (introspection before each call)   ratio ${(graphql / (seed * 2)).toFixed(2)}`,
);
