// The Node entry (`node` export condition) reads MOVE_API_KEY and MOVE_API_ENDPOINT when the client
// is made without them, as openai-node reads OPENAI_API_KEY; the platform-neutral entry never does.
import { createSimulator, handlers } from '@move-ugc/mock';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MoveUgc as PlatformMoveUgc } from '../src/index';
import { DEFAULT_ENDPOINT, MoveUgc, MoveValidationError } from '../src/index.node';

const KEY = 'sk_node_entry_test_5e1b7c';
const OTHER_KEY = 'sk_node_entry_other_9d3a';
const sim = createSimulator({ apiKeys: [KEY, OTHER_KEY], seed: 4 });
const server = setupServer(...handlers(sim));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => vi.unstubAllEnvs());
afterAll(async () => {
  server.close();
  await sim.close();
});

function thrown(make: () => unknown): Error | undefined {
  try {
    make();
  } catch (error) {
    return error as Error;
  }
  return undefined;
}

describe('new MoveUgc() in Node', () => {
  it('takes the key and the endpoint from MOVE_API_KEY and MOVE_API_ENDPOINT', async () => {
    vi.stubEnv('MOVE_API_KEY', KEY);
    vi.stubEnv('MOVE_API_ENDPOINT', sim.endpoint);
    const ugc = new MoveUgc();
    expect(ugc.endpoint).toBe(sim.endpoint);
    const account = await ugc.client.retrieve();
    expect(account.id).toBe(sim.clients().find((c) => c.apiKey === KEY)?.id);
    // Other options alone still leave the key and endpoint to the environment.
    expect(new MoveUgc({ maxRetries: 0 }).endpoint).toBe(sim.endpoint);
  });

  it('lets options win over the environment', async () => {
    vi.stubEnv('MOVE_API_KEY', KEY);
    vi.stubEnv('MOVE_API_ENDPOINT', 'http://127.0.0.1:9/graphql');
    const ugc = new MoveUgc({ apiKey: OTHER_KEY, endpoint: sim.endpoint });
    expect(ugc.endpoint).toBe(sim.endpoint);
    expect((await ugc.client.retrieve()).id).toBe(sim.clients().find((c) => c.apiKey === OTHER_KEY)?.id);
  });

  it('goes to Move when MOVE_API_ENDPOINT is unset or blank', () => {
    vi.stubEnv('MOVE_API_KEY', ` ${KEY}\n`);
    vi.stubEnv('MOVE_API_ENDPOINT', '  ');
    expect(new MoveUgc().endpoint).toBe(DEFAULT_ENDPOINT);
    vi.stubEnv('MOVE_API_ENDPOINT', undefined);
    expect(new MoveUgc().endpoint).toBe(DEFAULT_ENDPOINT);
  });

  it('BI-160 without a key anywhere, says to pass apiKey or set MOVE_API_KEY', () => {
    vi.stubEnv('MOVE_API_KEY', undefined);
    vi.stubEnv('MOVE_API_ENDPOINT', sim.endpoint);
    for (const make of [() => new MoveUgc(), () => new MoveUgc({ endpoint: sim.endpoint })]) {
      const error = thrown(make);
      expect(error).toBeInstanceOf(MoveValidationError);
      expect(error?.message).toMatch(/No API key was given\. Pass `apiKey`, or set the MOVE_API_KEY environment/);
    }
    vi.stubEnv('MOVE_API_KEY', '   ');
    expect(thrown(() => new MoveUgc())?.message).toMatch(/set the MOVE_API_KEY environment variable/);
  });

  it('checks a key from the environment as it checks one passed in, without echoing it', () => {
    vi.stubEnv('MOVE_API_KEY', 'abc123');
    const error = thrown(() => new MoveUgc());
    expect(error).toBeInstanceOf(MoveValidationError);
    expect(error?.message).toMatch(/shorter than any Move key/);
    expect(error?.message).not.toContain('abc123');
  });

  it('is the same class as the platform-neutral one for instanceof', () => {
    vi.stubEnv('MOVE_API_KEY', KEY);
    expect(new MoveUgc()).toBeInstanceOf(PlatformMoveUgc);
  });
});

describe('the platform-neutral entry', () => {
  it('ignores the environment: the key and endpoint come only as options', () => {
    vi.stubEnv('MOVE_API_KEY', KEY);
    vi.stubEnv('MOVE_API_ENDPOINT', sim.endpoint);
    expect(thrown(() => new PlatformMoveUgc(undefined as never))?.message).toMatch(/No API key was given/);
    expect(new PlatformMoveUgc({ apiKey: KEY }).endpoint).toBe(DEFAULT_ENDPOINT);
  });
});
