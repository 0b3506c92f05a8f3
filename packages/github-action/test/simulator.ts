// The Move API simulator over real HTTP, in the test process; the Action under test talks to it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { outputChecksum, PRESIGNED_QUERY, type SimulatorOptions } from '@move-ugc/mock';
import { type HttpTestSimulator, startSimulator as startMockSimulator } from '@move-ugc/mock/vitest';
import { expect } from 'vitest';
import { type ActionRun, maskedValues, visibleLog } from './harness';

/**
 * `close()` checks what the Action sent (sim.auditRequests: uploads with their exact Content-Length
 * and no Content-Type, plain GETs for outputs, the raw key on GraphQL), then stops the simulator.
 */
export type RunningSimulator = HttpTestSimulator;

export function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startMockSimulator(options, { via: 'http', client: 'the Action' });
}

interface FileOutput {
  path: string;
  format: string;
  bytes: number;
}

/** Every file the Action reports holds exactly the bytes the simulator generated for that output. */
export async function expectOutputsDownloaded(files: FileOutput[], jobId: string): Promise<void> {
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const bytes = await readFile(file.path);
    expect(bytes.length).toBe(file.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(outputChecksum(jobId, file.format, file.bytes));
  }
}

/**
 * No line a person sees, nor the outputs or the summary, carries the key or a presigned URL; and
 * both were registered as secrets, so the runner masks them wherever they might still appear.
 */
export function expectNoSecrets(run: ActionRun, apiKey: string, { urlsSeen = true } = {}): void {
  const visible = [...visibleLog(run), ...Object.values(run.outputs), run.summary];
  for (const text of visible) {
    expect(text).not.toContain(apiKey);
    expect(text).not.toMatch(PRESIGNED_QUERY);
  }
  const masked = maskedValues(run);
  expect(masked).toContain(apiKey);
  if (urlsSeen) expect(masked.some((value) => PRESIGNED_QUERY.test(value))).toBe(true);
}
