// The vitest fixture (`@move-ugc/mock/vitest`) itself: both transports, cleanup through vitest's
// hooks, and the audit at close with its options passed through.
import { describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY } from '../src/index';
import { startSimulator, type TestSimulator, useSimulator } from '../src/vitest';
import { createTake, gql } from './helpers';

/** A GraphQL POST that Move answers with 401 and the audit names: a `Bearer` key. */
async function bearerRequest(endpoint: string): Promise<number> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEFAULT_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  return response.status;
}

/** A fresh download that sends Range and If-Match, as only a resumed one may. */
async function rangedDownload(sim: TestSimulator): Promise<void> {
  const url = `${sim.server!.url}/outputs/job-x/file-y`;
  await (await fetch(url, { headers: { range: 'bytes=10-', 'if-match': '"etag"' } })).arrayBuffer();
}

describe('useSimulator through msw', () => {
  const handle = useSimulator({ seed: 2, jobDurationMs: 50 });

  it('serves the simulator at its endpoint, with its first key', async () => {
    expect(handle.endpoint).toBe('https://mock.move-ugc.test/graphql');
    expect(handle.apiKey).toBe(DEFAULT_API_KEY);
    expect(handle.server).toBeUndefined();
    await createTake(handle.endpoint);
    expect(handle.sim.takes()).toHaveLength(1);
    handle.sim.setFaults({ schedule: [{ kind: 'http-503' }] });
  });

  it('resets the simulator and clears its faults after each test', () => {
    expect(handle.sim.takes()).toEqual([]);
    expect(handle.sim.pendingFaults()).toEqual([]);
  });

  it('does not audit by default (fetch hides its Content-Length from msw)', async () => {
    expect(await bearerRequest(handle.endpoint)).toBe(401);
  });
});

describe('useSimulator over HTTP', () => {
  const handle = useSimulator({ seed: 3 }, { via: 'http', client: 'the test client' });

  it('serves a real server on 127.0.0.1', async () => {
    expect(handle.server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(handle.endpoint).toBe(handle.server.endpoint);
    await createTake(handle.endpoint);
    expect(handle.sim.auditRequests()).toEqual([]);
  });

  it.fails('fails the test, in afterEach, when the client sent what Move would refuse', async () => {
    expect(await bearerRequest(handle.endpoint)).toBe(401);
  });

  it('audits each test afresh', async () => {
    const { body } = await gql(handle.endpoint, '{ __typename }');
    expect(body.errors).toBeUndefined();
  });
});

describe('useSimulator with resetAfterEach: false', () => {
  const handle = useSimulator({ seed: 4 }, { via: 'http', resetAfterEach: false });

  it('keeps state between tests', async () => {
    await createTake(handle.endpoint);
  });

  it('(the take from the test before is still there)', () => {
    expect(handle.sim.takes()).toHaveLength(1);
  });
});

describe('startSimulator', () => {
  it('throws at close when the audit finds a request, and still stops the server', async () => {
    const t = await startSimulator({ seed: 5 }, { via: 'http', client: 'the test client' });
    expect(await bearerRequest(t.endpoint)).toBe(401);
    const closing = t.close();
    await expect(closing).rejects.toThrow(/requests Move or S3 would hold against the test client/);
    await expect(closing).rejects.toThrow(/Bearer/);
    expect(t.close()).toBe(closing);
    await expect(fetch(t.endpoint)).rejects.toThrow();
  });

  it('passes AuditOptions through: since', async () => {
    const t = await startSimulator({ seed: 5 }, { via: 'http', audit: { since: 1 } });
    expect(await bearerRequest(t.endpoint)).toBe(401); // seq 1: before `since`
    await createTake(t.endpoint);
    await t.close();
  });

  it('passes AuditOptions through: resumed', async () => {
    const fresh = await startSimulator({ seed: 6 }, { via: 'http' });
    await rangedDownload(fresh);
    await expect(fresh.close()).rejects.toThrow(/Range bytes=10- on a fresh download/);

    const resumed = await startSimulator({ seed: 6 }, { via: 'http', audit: { resumed: true } });
    await rangedDownload(resumed);
    await resumed.close();
  });

  it('skips the audit with audit: false', async () => {
    const t = await startSimulator({}, { via: 'http', audit: false });
    expect(await bearerRequest(t.endpoint)).toBe(401);
    await t.close();
  });

  it('starts msw in-process, stopped again at close', async () => {
    const t = await startSimulator({ apiKeys: ['sk_test_vitest_hook_0001'] });
    expect(t.server).toBeUndefined();
    expect(t.apiKey).toBe('sk_test_vitest_hook_0001');
    const { status } = await gql(t.endpoint, '{ __typename }', {}, t.apiKey);
    expect(status).toBe(200);
    await t.close();
  });

  let leftOpen: TestSimulator | undefined;
  it('closes itself when the test that started it finishes', async () => {
    leftOpen = await startSimulator({}, { via: 'http' });
    expect((await gql(leftOpen.endpoint, '{ __typename }')).status).toBe(200);
  });

  it('(the server from the test before is closed)', async () => {
    await expect(fetch(leftOpen!.endpoint)).rejects.toThrow();
  });
});
