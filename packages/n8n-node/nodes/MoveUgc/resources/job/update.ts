import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { MoveSession } from '../../../shared/session';
import { idField, metadataField, nameField } from '../fields';
import { jsonItem } from '../items';
import { stringParameter } from '../parameters';
import { readChanges, updateFieldsProperty } from '../update-fields';

export const fields: INodeProperties[] = [idField('Job', 'job'), updateFieldsProperty([metadataField, nameField])];

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  const changes = readChanges(this, itemIndex);
  return [
    jsonItem(
      await session.ugc.jobs.update(stringParameter(this, 'jobId', itemIndex), changes, { signal: session.signal }),
    ),
  ];
}
