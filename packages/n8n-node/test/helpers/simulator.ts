// The Move simulator in-process (msw) for the node tests, with short job durations.
import { createSimulator, DEFAULT_API_KEY, handlers, type Simulator, type SimulatorOptions } from '@move-ugc/mock';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

export { DEFAULT_API_KEY };

export function useSimulator(options: SimulatorOptions = {}): { sim: Simulator } {
  const sim = createSimulator({ jobDurationMs: 80, outputDelayMs: 30, seed: 11, ...options });
  const server = setupServer(...handlers(sim));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(async () => {
    sim.clearFaults();
    await sim.reset();
  });
  afterAll(async () => {
    server.close();
    await sim.close();
  });
  return { sim };
}
