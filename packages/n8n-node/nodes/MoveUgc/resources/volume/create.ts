// Volume → Create: the calibration of a multi-camera set-up, from one clip per camera of a person
// walking through the capture area; poll it with Volume → Get until its state is FINISHED. Core's
// createVolume checks the cameras (two or more, labels, lenses) and the settings before anything is
// sent, and creates the volume exactly once: when an answer is lost it finds the one it made.
import { createVolume, type VolumeCamera } from '@move-ugc/core';
import type { AreaType, SourceFormat } from '@move-ugc/sdk';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { type MoveSession, workflowOptions } from '../../../shared/session';
import { clipFields, metadataField, nameField } from '../fields';
import { jsonItem } from '../items';
import { clipWindow, collectionParameter, jsonObject } from '../parameters';

export const fields: INodeProperties[] = [
  {
    displayName: 'Cameras',
    name: 'cameras',
    type: 'fixedCollection',
    typeOptions: { multipleValues: true },
    required: true,
    default: {},
    placeholder: 'Add Camera',
    description: 'One calibration video per camera (two or more), each uploaded with File → Upload',
    options: [
      {
        displayName: 'Camera',
        name: 'camera',
        values: [
          {
            displayName: 'Device Label',
            name: 'deviceLabel',
            type: 'string',
            default: '',
            placeholder: 'cam-1',
            description: 'A lowercase slug naming this camera; use the same one in the take',
          },
          {
            displayName: 'File ID',
            name: 'fileId',
            type: 'string',
            default: '',
            placeholder: 'file-…',
            description: "The camera's calibration video",
          },
          {
            displayName: 'Format',
            name: 'format',
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
            displayName: 'Lens Name or ID',
            name: 'lens',
            type: 'options',
            typeOptions: { loadOptionsMethod: 'getLenses' },
            default: '',
            description:
              'The camera and lens, as Move knows them. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
          },
        ],
      },
    ],
  },
  {
    displayName: 'Human Height (Metres)',
    name: 'humanHeight',
    type: 'number',
    typeOptions: { minValue: 0.5, maxValue: 2.5, numberPrecision: 2 },
    default: 1.75,
    description: 'Height of the person in the calibration videos',
  },
  {
    displayName: 'Area Type',
    name: 'areaType',
    type: 'options',
    options: [
      { name: 'Large', value: 'LARGE' },
      { name: 'Normal', value: 'NORMAL' },
    ],
    default: 'NORMAL',
    description: 'Size of the capture area',
  },
  {
    displayName: 'Sync Method',
    name: 'syncMethod',
    type: 'options',
    options: [
      { name: 'Clap', value: 'clap', description: 'A clap seen by every camera, inside a window you give' },
      { name: 'Timecode', value: 'timecode', description: 'The cameras share a timecode' },
    ],
    default: 'clap',
    description: 'How the cameras are lined up in time',
  },
  {
    displayName: 'Clap Start (Seconds)',
    name: 'clapStart',
    type: 'number',
    typeOptions: { minValue: 0, numberPrecision: 3 },
    default: 0,
    description: 'Start of the window holding the clap',
    displayOptions: { show: { syncMethod: ['clap'] } },
  },
  {
    displayName: 'Clap End (Seconds)',
    name: 'clapEnd',
    type: 'number',
    typeOptions: { minValue: 0, numberPrecision: 3 },
    default: 3,
    description: 'End of the window holding the clap',
    displayOptions: { show: { syncMethod: ['clap'] } },
  },
  {
    displayName: 'Additional Fields',
    name: 'additionalFields',
    type: 'collection',
    placeholder: 'Add Field',
    default: {},
    options: [...clipFields, metadataField, nameField],
  },
];

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  const cameras = ((this.getNodeParameter('cameras', itemIndex, {}) as IDataObject).camera ?? []) as IDataObject[];
  const additional = collectionParameter(this, 'additionalFields', itemIndex);
  const clap = this.getNodeParameter('syncMethod', itemIndex, 'clap') === 'clap';
  const created = await createVolume(
    {
      cameras: cameras.map(
        (camera): VolumeCamera => ({
          fileId: String(camera.fileId ?? '').trim(),
          deviceLabel: camera.deviceLabel as string,
          lens: String(camera.lens ?? '').trim(),
          format: (camera.format ?? 'MP4') as SourceFormat,
        }),
      ),
      humanHeight: this.getNodeParameter('humanHeight', itemIndex, 1.75) as number,
      areaType: this.getNodeParameter('areaType', itemIndex, 'NORMAL') as AreaType,
      sync: clap
        ? {
            clapWindow: {
              startTime: this.getNodeParameter('clapStart', itemIndex, 0) as number,
              endTime: this.getNodeParameter('clapEnd', itemIndex, 3) as number,
            },
          }
        : { timecode: true },
      clipWindow: clipWindow(additional),
      name: (additional.name || undefined) as string | undefined,
      metadata: jsonObject(additional.metadata, 'metadata'),
    },
    workflowOptions(session),
  );
  return [jsonItem(created.volume)];
}
