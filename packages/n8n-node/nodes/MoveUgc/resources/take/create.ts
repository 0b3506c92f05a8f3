// Take → Create: a single-camera take from files uploaded with File → Upload. Both sources share
// the device label, as Move requires.
import { createTake } from '@move-ugc/core';
import type { SourceFormat } from '@move-ugc/sdk';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { type MoveSession, workflowOptions } from '../../../shared/session';
import { metadataField, nameField } from '../fields';
import { jsonItem } from '../items';
import { collectionParameter, jsonObject, stringParameter } from '../parameters';

export const fields: INodeProperties[] = [
  {
    displayName: 'Video File ID',
    name: 'videoFileId',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'file-…',
    description: 'The video uploaded with File → Upload',
  },
  {
    displayName: 'Video Format',
    name: 'videoFormat',
    type: 'options',
    options: [
      { name: 'AVI', value: 'AVI' },
      { name: 'MOV', value: 'MOV' },
      { name: 'MP4', value: 'MP4' },
    ],
    default: 'MP4',
    description: 'The container of the video file',
  },
  {
    displayName: 'Additional Fields',
    name: 'additionalFields',
    type: 'collection',
    placeholder: 'Add Field',
    default: {},
    options: [
      {
        displayName: 'Device Label',
        name: 'deviceLabel',
        type: 'string',
        default: 'iphone',
        description: 'A lowercase slug naming the camera, such as "iphone" or "cam-1"',
      },
      metadataField,
      {
        displayName: 'Move Sidecar File ID',
        name: 'moveFileId',
        type: 'string',
        default: '',
        placeholder: 'file-…',
        description: 'The .move file the Move One app recorded beside the video, uploaded with File → Upload',
      },
      nameField,
    ],
  },
];

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  const additional = collectionParameter(this, 'additionalFields', itemIndex);
  const moveFileId = typeof additional.moveFileId === 'string' ? additional.moveFileId.trim() : '';
  const { take } = await createTake(
    {
      video: {
        fileId: stringParameter(this, 'videoFileId', itemIndex),
        format: this.getNodeParameter('videoFormat', itemIndex, 'MP4') as SourceFormat,
      },
      move: moveFileId ? { fileId: moveFileId } : undefined,
      deviceLabel: (additional.deviceLabel as string | undefined) || 'iphone',
      name: (additional.name as string | undefined) || undefined,
      metadata: jsonObject(additional.metadata, 'metadata'),
    },
    workflowOptions(session),
  );
  return [jsonItem(take)];
}
