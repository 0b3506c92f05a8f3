import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { MoveSession } from '../../../shared/session';
import { idField } from '../fields';
import { jsonItem } from '../items';
import { stringParameter } from '../parameters';

export const fields: INodeProperties[] = [idField('Take', 'take')];

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  const take = await session.ugc.takes.retrieve(
    stringParameter(this, 'takeId', itemIndex),
    { expand: ['sources', 'volume'] },
    { signal: session.signal },
  );
  return [jsonItem(take)];
}
