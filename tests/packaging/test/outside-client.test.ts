// A client nobody on this project wrote, against the simulator: graphql-codegen loads the schema by
// introspection from the simulator's HTTP server (its URL loader, then graphql-js's
// buildClientSchema), validates every operation of the SDK against it, and must generate the SDK's
// committed types byte for byte, as it does from schema.graphql.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { createSimulator, DEFAULT_API_KEY, type RunningServer, type Simulator, startServer } from '@move-ugc/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..', '..', '..');

let sim: Simulator;
let server: RunningServer;
beforeAll(async () => {
  sim = createSimulator({ seed: 1 });
  server = await startServer(sim, { port: 0 });
});
afterAll(async () => {
  await server?.close();
  await sim?.close();
});

describe('graphql-codegen against the simulator', () => {
  it("generates the SDK's types from the simulator's introspection exactly as from schema.graphql", async () => {
    const config = parse(readFileSync(join(root, 'codegen.yml'), 'utf8'));
    const [target, output] = Object.entries(config.generates)[0] as [string, object];
    const files = await generate(
      {
        ...config,
        cwd: root,
        silent: true,
        schema: { [server.endpoint]: { headers: { Authorization: DEFAULT_API_KEY } } },
        generates: { [target]: output },
      },
      false,
    );
    expect(files).toHaveLength(1);
    expect(files[0].content).toBe(readFileSync(join(root, target), 'utf8'));
    // It came through the simulator: one introspection request, with the raw key.
    const introspections = sim.requests.filter((request) => request.fields.includes('__schema'));
    expect(introspections).toHaveLength(1);
    expect(introspections[0]?.status).toBe(200);
  });

  it('fails with an operation the simulator does not know, as it would against Move', async () => {
    const config = parse(readFileSync(join(root, 'codegen.yml'), 'utf8'));
    const [target, output] = Object.entries(config.generates)[0] as [string, object];
    const attempt = generate(
      {
        ...config,
        cwd: root,
        silent: true,
        schema: { [server.endpoint]: { headers: { Authorization: DEFAULT_API_KEY } } },
        documents: 'query Stray { getJob(jobId: "job-1") { id cancelled } }',
        generates: { [target]: output },
      },
      false,
    );
    await expect(attempt).rejects.toThrow(/cancelled/);
  });
});
