// The simulator in-process (msw, through @move-ugc/mock/vitest) for core's tests, with fast sleeps
// so retries and polls take milliseconds, and an in-memory sink that keeps every output's bytes for
// checksum checks.
import { createHash } from 'node:crypto';
import type { SimulatorOptions } from '@move-ugc/mock';
import { useSimulator as useMockSimulator } from '@move-ugc/mock/vitest';
import { MoveUgc, type Sleep } from '@move-ugc/sdk';
import { callbackSink, type OutputSink, type RunEvent } from '../../src/index';

/** Sleeps a hundredth of the asked time, still honouring abort. */
export const fastSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, Math.min(ms / 100, 50));
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

export const WAIT = { initialIntervalMs: 10, maxIntervalMs: 40, pollIntervalMs: undefined } as const;

/** The simulator through msw for this test file (reset after each test), and a client for it. */
export function useSimulator(options: SimulatorOptions = {}) {
  const { sim, apiKey } = useMockSimulator({ jobDurationMs: 80, outputDelayMs: 30, seed: 7, ...options });
  const ugc = (extra: Partial<ConstructorParameters<typeof MoveUgc>[0]> = {}) =>
    new MoveUgc({ apiKey, endpoint: sim.endpoint, sleep: fastSleep, ...extra });
  return { sim, ugc };
}

export interface MemorySink extends OutputSink {
  files: Map<string, Buffer>;
  sha256(fileName: string): string | undefined;
}

export function memorySink(): MemorySink {
  const files = new Map<string, Buffer>();
  const sink = callbackSink(async (target, body) => {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk));
    const bytes = Buffer.concat(chunks);
    files.set(target.fileName, bytes);
    return { bytes: bytes.length, location: `memory:${target.fileName}` };
  });
  return {
    ...sink,
    files,
    sha256: (fileName) => {
      const bytes = files.get(fileName);
      return bytes && createHash('sha256').update(bytes).digest('hex');
    },
  };
}

export function eventLog() {
  const events: RunEvent[] = [];
  return { events, onEvent: (e: RunEvent) => events.push(e), types: () => events.map((e) => e.type) };
}
