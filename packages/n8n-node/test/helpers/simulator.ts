// The Move simulator in-process (msw, through @move-ugc/mock/vitest) for the node tests, with short
// job durations; reset after each test.
import { DEFAULT_API_KEY, type Simulator, type SimulatorOptions } from '@move-ugc/mock';
import { useSimulator as useMockSimulator } from '@move-ugc/mock/vitest';

export { DEFAULT_API_KEY };

export function useSimulator(options: SimulatorOptions = {}): { sim: Simulator } {
  const { sim } = useMockSimulator({ jobDurationMs: 80, outputDelayMs: 30, seed: 11, ...options });
  return { sim };
}
