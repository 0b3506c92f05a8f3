import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { MoveSession } from '../../../shared/session';
import { idField } from '../fields';
import { jsonItem } from '../items';
import { collectionParameter, stringParameter } from '../parameters';

export const fields: INodeProperties[] = [
  idField('File', 'file'),
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add option',
    default: {},
    options: [
      {
        displayName: 'Include Download URL',
        name: 'includeDownloadUrl',
        type: 'boolean',
        default: false,
        description:
          'Whether to add downloadUrl: a link to the file that works without a key for about an hour, so treat it like a password',
      },
    ],
  },
];

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  const options = collectionParameter(this, 'options', itemIndex);
  const file = await session.ugc.files.retrieve(
    stringParameter(this, 'fileId', itemIndex),
    {},
    { signal: session.signal },
  );
  const item = jsonItem(file);
  if (options.includeDownloadUrl === true && file.presignedUrl) item.json.downloadUrl = file.presignedUrl;
  return [item];
}
