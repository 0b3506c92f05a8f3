// Get Many for a noun whose list takes nothing but paging and a sort direction (takes, volumes):
// Return All / Limit, an Options collection with the sort, and the walk over its pages.
import type { PagePromise } from '@move-ugc/sdk';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { MoveSession } from '../../shared/session';
import { returnAllAndLimit, sortDirectionField } from './fields';
import { listItems, sortDirection } from './items';
import { collectionParameter } from './parameters';

type ListPage<T> = (session: MoveSession, params: { first: number; sortDirection?: 'ASC' | 'DESC' }) => PagePromise<T>;

export function sortedGetMany<T>(list: ListPage<T>) {
  const fields: INodeProperties[] = [
    ...returnAllAndLimit(),
    {
      displayName: 'Options',
      name: 'options',
      type: 'collection',
      placeholder: 'Add option',
      default: {},
      options: [sortDirectionField],
    },
  ];
  async function execute(
    this: IExecuteFunctions,
    itemIndex: number,
    session: MoveSession,
  ): Promise<INodeExecutionData[]> {
    const options = collectionParameter(this, 'options', itemIndex);
    return listItems(this, itemIndex, (params) => list(session, params), sortDirection(options));
  }
  return { fields, execute };
}
