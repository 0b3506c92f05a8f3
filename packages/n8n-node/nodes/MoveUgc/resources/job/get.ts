import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { MoveSession } from '../../../shared/session';
import { idField } from '../fields';
import { jsonItem } from '../items';
import { stringParameter } from '../parameters';

export const fields: INodeProperties[] = [idField('Job', 'job')];

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  const job = await session.ugc.jobs.retrieve(
    stringParameter(this, 'jobId', itemIndex),
    { expand: ['take', 'outputs', 'inputs', 'rig'] },
    { signal: session.signal },
  );
  return [jsonItem(job)];
}
