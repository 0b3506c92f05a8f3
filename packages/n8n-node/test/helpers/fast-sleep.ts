// n8n-workflow's sleep, a hundred times faster, so polls and retries take milliseconds in tests.
import { vi } from 'vitest';

vi.mock('n8n-workflow', async (importOriginal) => {
  const actual = await importOriginal<typeof import('n8n-workflow')>();
  return {
    ...actual,
    sleep: (ms: number, signal?: AbortSignal) => actual.sleep(Math.min(ms / 100, 50), signal),
  };
});
