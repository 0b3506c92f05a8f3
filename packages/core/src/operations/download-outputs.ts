// Download a job's outputs: wait for it, then for its output URLs, then save them into a sink (or
// hand back the URLs). Journalled per job, so a second call skips what the first one saved.
import { type FinishedJob, finishJob, type RunOptions } from '../runs/skeleton';
import { createContext } from '../steps/context';
import { intentKey } from '../steps/intent';
import { openRunJournal, withRunJournal } from '../steps/run-journal';

/**
 * Waits for a job by id and downloads its outputs into the sink (or returns their URLs): the
 * second half of a run, for a job created earlier or elsewhere. Finished outputs are skipped when
 * the same journal store is used again.
 */
export async function downloadJobOutputs(jobId: string, options: RunOptions): Promise<FinishedJob> {
  const ctx = createContext(options);
  const journal = await openRunJournal(ctx, 'job-outputs', await intentKey('job-outputs', { jobId }), options);
  return withRunJournal(ctx, journal, () => finishJob(ctx, journal, jobId, options.outputBaseName ?? jobId, options));
}
