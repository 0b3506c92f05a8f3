// Shaping results as n8n items; the node adds pairedItem.
import type { PagePromise } from '@move-ugc/sdk';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { publicJson } from '../../shared/public-json';

export function jsonItem(record: unknown): INodeExecutionData {
  return { json: publicJson(record) };
}

/** Page size when walking a list; Move's own default is 50. */
const PAGE_SIZE = 100;

/** Return All / Limit over one of the SDK's paginated lists. */
export async function listItems<T>(
  context: IExecuteFunctions,
  itemIndex: number,
  list: (params: { first: number; sortDirection?: 'ASC' | 'DESC' }) => PagePromise<T>,
  sortDirection?: 'ASC' | 'DESC',
): Promise<INodeExecutionData[]> {
  const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
  const limit = returnAll ? Number.POSITIVE_INFINITY : (context.getNodeParameter('limit', itemIndex, 50) as number);
  const items: INodeExecutionData[] = [];
  for await (const record of list({ first: Math.min(PAGE_SIZE, limit), sortDirection })) {
    if (items.length >= limit) break;
    items.push(jsonItem(record));
  }
  return items;
}

export function sortDirection(options: IDataObject): 'ASC' | 'DESC' | undefined {
  return options.sortDirection === 'ASC' || options.sortDirection === 'DESC' ? options.sortDirection : undefined;
}
