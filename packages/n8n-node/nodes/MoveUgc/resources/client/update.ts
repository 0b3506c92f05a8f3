import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { MoveSession } from '../../../shared/session';
import { jsonItem } from '../items';
import { jsonObject } from '../parameters';

export const fields: INodeProperties[] = [
  {
    displayName: 'Metadata',
    name: 'metadata',
    type: 'json',
    required: true,
    default: '{}',
    description: "A JSON object to store on your Move account; it replaces what's there",
  },
];

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  const metadata = jsonObject(this.getNodeParameter('metadata', itemIndex, '{}'), 'metadata', true) ?? {};
  return [jsonItem(await session.ugc.client.update({ metadata }, { signal: session.signal }))];
}
