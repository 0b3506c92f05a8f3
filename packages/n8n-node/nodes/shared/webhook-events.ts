// The events Move sends to webhook endpoints that the nodes offer.
import type { INodePropertyOptions } from 'n8n-workflow';

export const JOB_COMPLETED = 'ugc.job.state.completed';
export const JOB_FAILED = 'ugc.job.state.failed';

export const WEBHOOK_EVENT_OPTIONS: INodePropertyOptions[] = [
  { name: 'Job Completed', value: JOB_COMPLETED, description: 'A job finished and its outputs are ready' },
  { name: 'Job Failed', value: JOB_FAILED, description: 'A job failed' },
];

/** Older endpoints still receive the pre-`ugc.` name for completions. */
export function normalizedEvent(name: string): string {
  return name === 'job.state.completed' ? JOB_COMPLETED : name;
}
