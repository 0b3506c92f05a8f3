// How big the soak is, from the environment: SOAK=long for the hand-run sizes, SOAK_* to set any one.
// The seed comes from global-setup.ts (SOAK_SEED, or a fresh one that is printed), one for all suites.
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    soakSeed: number;
    soakReportDir: string;
  }
}

function int(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number >= ${min} (got ${raw}).`);
  return value;
}

function rate(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  // Nine kinds share one draw per request, so their rates may add up to 1 at the most.
  if (!(value > 0 && value <= 1 / 9))
    throw new Error(`${name} must be a probability above 0, at most 1/9 (got ${raw}).`);
  return value;
}

export const mode = process.env.SOAK === 'long' ? 'long' : 'short';
const long = mode === 'long';

export const sizes = {
  /** Single-camera CLI runs under faults (10 at least: the scheduled faults need that many requests). */
  faultRuns: int('SOAK_FAULT_RUNS', long ? 50 : 12, 10),
  /** Per-request probability of each of the nine fault kinds (see fault.soak.ts for why not 0.1). */
  faultRate: rate('SOAK_FAULT_RATE', 0.05),
  /** Fault runs going at once. */
  faultConcurrency: int('SOAK_FAULT_CONCURRENCY', 3),
  /** Invocations of the same command a fault run may take before the soak calls it failed. */
  maxInvocations: int('SOAK_MAX_INVOCATIONS', 8),
  /** Runs SIGKILLed at a random moment, then run again. */
  crashRuns: int('SOAK_CRASH_RUNS', long ? 30 : 8),
  /** Videos in the batch, and videos at once. */
  loadItems: int('SOAK_LOAD_ITEMS', long ? 200 : 64),
  loadConcurrency: int('SOAK_LOAD_CONCURRENCY', 16),
  /** Ceiling of the batch process's peak RSS. */
  loadRssLimitMiB: int('SOAK_RSS_LIMIT_MIB', 256),
};

export function seed(): number {
  return inject('soakSeed');
}

/** mulberry32: a small seeded PRNG, so kill moments and fault schedules replay from the seed. */
export function prng(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
