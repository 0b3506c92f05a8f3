// Job → Wait: waits for a job by id (made earlier, elsewhere, or before a Wait node) until it has
// finished and every output has its URL; a failed job is an error.
import { waitForJob } from '@move-ugc/core';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { type MoveSession, workflowOptions } from '../../../shared/session';
import { idField, maxWaitField, pollIntervalField } from '../fields';
import { jsonItem } from '../items';
import { collectionParameter, stringParameter, waitOptions } from '../parameters';

export const fields: INodeProperties[] = [
  idField('Job', 'job'),
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add option',
    default: {},
    options: [maxWaitField, pollIntervalField],
  },
];

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  const options = collectionParameter(this, 'options', itemIndex);
  const job = await waitForJob(stringParameter(this, 'jobId', itemIndex), {
    ...workflowOptions(session),
    ...waitOptions(options),
  });
  return [jsonItem(job)];
}
