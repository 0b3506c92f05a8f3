// Wait for a job by id, on its own: after a restart, or for a job made elsewhere.
import { createContext, type WorkflowOptions } from '../steps/context';
import { pollJob, pollOutputs, type WaitedJob, type WaitOptions } from '../steps/wait';

/**
 * Waits for a job by id, on its own: after a restart, or for a job made elsewhere. Resolves with
 * the finished job (outputs with their URLs); rejects with MoveJobFailedError or MoveWaitTimeoutError.
 */
export async function waitForJob(jobId: string, options: WorkflowOptions & WaitOptions): Promise<WaitedJob> {
  const ctx = createContext(options);
  return pollOutputs(ctx, await pollJob(ctx, jobId, options), options);
}
