// From an error to what the person reading the failed step needs: what happened, which job, and
// what to do. Re-running a workflow is the Action's "resume": the idempotency key finds a job an
// earlier run made, so advice says when a re-run is free and when it pays for a new job.
import { formatDuration, MoveJobFailedError, MoveWaitTimeoutError } from '@move-ugc/core';
import {
  MoveAbortError,
  MoveAuthenticationError,
  MoveError,
  MoveOutcomeUnknownError,
  MoveRateLimitError,
  MoveValidationError,
} from '@move-ugc/sdk';
import { InputError } from './inputs';

export interface FailureContext {
  jobId?: string;
  idempotencyKey?: string;
  /** The wait limit, for a timeout's advice. */
  timeoutMs?: number;
}

export const NOTHING_SPENT = 'Nothing was uploaded and no credit was spent.';

export function explain(error: unknown, context: FailureContext = {}): string {
  const message = error instanceof Error ? error.message : String(error);
  const rerun = rerunAdvice(context);
  if (error instanceof InputError || error instanceof MoveValidationError) return `${message}\n${NOTHING_SPENT}`;
  if (error instanceof MoveAuthenticationError) {
    return (
      `Move rejected the API key (HTTP ${error.status}). Check the secret passed as api-key: it must be a key from ` +
      'the Move developer portal, as issued (no "Bearer " prefix), and not revoked.'
    );
  }
  if (error instanceof MoveJobFailedError) {
    return `${message}\nRe-running this workflow pays for a new job: a failed job is never reused.`;
  }
  if (error instanceof MoveWaitTimeoutError) {
    const waited =
      context.timeoutMs === undefined ? '' : ` after ${formatDuration(context.timeoutMs)} (timeout-minutes)`;
    return (
      `Job ${error.jobId} is still ${error.lastState ?? 'in progress'}${waited}. It keeps running on Move. ${rerun} ` +
      "Or raise timeout-minutes (and the step's own timeout-minutes, if set)."
    );
  }
  if (error instanceof MoveAbortError) return `Cancelled. ${cancelAdvice(context)}`;
  if (error instanceof MoveRateLimitError) {
    return `${message}\nMove is limiting the request rate: lower concurrency, or re-run later. ${rerun}`;
  }
  if (error instanceof MoveOutcomeUnknownError) return `${message}\n${rerun}`;
  if (error instanceof MoveError) return `${message}\n${rerun}`;
  return `Unexpected error: ${message}\nRe-run with debug logging (ACTIONS_STEP_DEBUG) for the details. ${rerun}`;
}

/** What a cancelled video leaves behind. */
export function cancelAdvice(context: FailureContext): string {
  if (!context.jobId) {
    return 'No job was created for it, so nothing was paid for; a re-run starts it afresh.';
  }
  return `Job ${context.jobId} is still running on Move. ${rerunAdvice(context)}`;
}

function rerunAdvice({ jobId, idempotencyKey }: FailureContext): string {
  const key = idempotencyKey ? ` (${idempotencyKey})` : '';
  return jobId
    ? `Re-running this workflow with the same idempotency key${key} picks up job ${jobId} without paying again.`
    : `Re-running this workflow is safe: the same idempotency key${key} finds any job already made, so none is paid for twice.`;
}
