import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { MoveSession } from '../../../shared/session';
import { returnAllAndLimit, sortDirectionField } from '../fields';
import { listItems, sortDirection } from '../items';
import { collectionParameter } from '../parameters';

export const fields: INodeProperties[] = [
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

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  const options = collectionParameter(this, 'options', itemIndex);
  return listItems(
    this,
    itemIndex,
    (params) => session.ugc.takes.list(params, { signal: session.signal }),
    sortDirection(options),
  );
}
