// Take → Create: a single-camera take from files uploaded with File → Upload. Both sources share
// the device label, as Move requires.
import { checkDeviceLabel, checkMetadata, checkText } from '@move-ugc/core';
import type { SourceInput } from '@move-ugc/sdk';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { MoveSession } from '../../../shared/session';
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
  const deviceLabel = checkDeviceLabel(additional.deviceLabel || 'iphone');
  const sources: SourceInput[] = [
    {
      deviceLabel,
      fileId: stringParameter(this, 'videoFileId', itemIndex),
      format: this.getNodeParameter('videoFormat', itemIndex, 'MP4') as SourceInput['format'],
    },
  ];
  const moveFileId = typeof additional.moveFileId === 'string' ? additional.moveFileId.trim() : '';
  if (moveFileId) sources.push({ deviceLabel, fileId: moveFileId, format: 'MOVE' });
  const take = await session.ugc.takes.createSingleCam(
    {
      sources,
      name: checkText(additional.name || undefined, 'name', 256),
      metadata: checkMetadata(jsonObject(additional.metadata, 'metadata')),
      expand: ['sources'],
    },
    { signal: session.signal },
  );
  return [jsonItem(take)];
}
