import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { MoveSession } from '../../../shared/session';
import { jsonItem } from '../items';

export const fields: INodeProperties[] = [];

export async function execute(
  this: IExecuteFunctions,
  _itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  // The portal login link is withheld: it carries a login key.
  return [jsonItem(await session.ugc.client.retrieve({ signal: session.signal }))];
}
