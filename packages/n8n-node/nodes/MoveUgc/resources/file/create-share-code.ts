import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { MoveSession } from '../../../shared/session';
import { idField } from '../fields';
import { jsonItem } from '../items';
import { stringParameter } from '../parameters';

export const fields: INodeProperties[] = [idField('File', 'file')];

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  return [
    jsonItem(
      await session.ugc.files.createShareCode(stringParameter(this, 'fileId', itemIndex), { signal: session.signal }),
    ),
  ];
}
