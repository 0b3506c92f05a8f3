import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { MoveSession } from '../../../shared/session';
import { idField } from '../fields';
import { jsonItem } from '../items';
import { stringParameter } from '../parameters';

export const fields: INodeProperties[] = [idField('Volume', 'volume')];

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  const volume = await session.ugc.volumes.retrieve(
    stringParameter(this, 'volumeId', itemIndex),
    { expand: ['sources', 'outputs'] },
    { signal: session.signal },
  );
  return [jsonItem(volume)];
}
