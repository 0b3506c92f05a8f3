// Cancelling an execution stops the node within moments, also while it waits for a long job.
import { sampleVideo } from '@move-ugc/mock';
import { NodeOperationError } from 'n8n-workflow';
import { expect, it } from 'vitest';
import { videoInput } from './helpers/n8n-context';
import { runNode } from './helpers/run-node';
import { useSimulator } from './helpers/simulator';

const { sim } = useSimulator({ jobDurationMs: 10 * 60_000 });

it('stops promptly when the execution is cancelled while waiting for the job', async () => {
  const controller = new AbortController();
  const running = runNode({
    parameters: { resource: 'video', operation: 'process', options: { pollInterval: 30 } },
    ...videoInput(sampleVideo()),
    signal: controller.signal,
  }).catch((e: unknown) => e);
  while (sim.jobs().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const cancelled = Date.now();
  controller.abort();
  const error = await running;
  expect(error).toBeInstanceOf(NodeOperationError);
  expect((error as NodeOperationError).message).toMatch(/was aborted/);
  expect((error as NodeOperationError).description).toBe('The execution was cancelled.');
  expect(Date.now() - cancelled).toBeLessThan(1000);
  expect(sim.jobs()).toHaveLength(1);
});
