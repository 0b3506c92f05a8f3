import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { MoveSession } from '../../../shared/session';
import { returnAllAndLimit, sortDirectionField } from '../fields';
import { listItems, sortDirection } from '../items';
import { collectionParameter } from '../parameters';

export const fields: INodeProperties[] = [
  ...returnAllAndLimit(),
  {
    displayName: 'Filters',
    name: 'filters',
    type: 'collection',
    placeholder: 'Add Filter',
    default: {},
    options: [
      sortDirectionField,
      {
        displayName: 'Take ID',
        name: 'takeId',
        type: 'string',
        default: '',
        description: 'Only the jobs of this take',
      },
    ],
  },
];

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  const filters = collectionParameter(this, 'filters', itemIndex);
  const takeId = typeof filters.takeId === 'string' && filters.takeId.trim() !== '' ? filters.takeId.trim() : undefined;
  return listItems(
    this,
    itemIndex,
    (params) => session.ugc.jobs.list({ ...params, takeId }, { signal: session.signal }),
    sortDirection(filters),
  );
}
