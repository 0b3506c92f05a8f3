// Video → Process: the whole single-camera workflow for one item. The video (and optional .move
// sidecar) streams from n8n's binary store; core uploads, creates the take and the job exactly
// once, waits, and downloads every output into binary properties.
import { runSingleCam } from '@move-ugc/core';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { binarySource } from '../../../shared/binary-input';
import { binaryOutputs } from '../../../shared/binary-output';
import { runResult } from '../../../shared/run-result';
import { type MoveSession, workflowOptions } from '../../../shared/session';
import {
  clipFields,
  downloadOutputsField,
  idempotencyKeyField,
  maxWaitField,
  metadataField,
  nameField,
  outputsField,
  pollIntervalField,
  processingOptionsField,
} from '../fields';
import {
  clipWindow,
  collectionParameter,
  jsonObject,
  outputTypes,
  processingOptions,
  stringParameter,
  waitOptions,
} from '../parameters';

export const fields: INodeProperties[] = [
  {
    displayName: 'Input Binary Field',
    name: 'binaryPropertyName',
    type: 'string',
    required: true,
    default: 'data',
    hint: 'The name of the input binary field holding the video (MP4, MOV or AVI)',
    description: 'The name of the input binary field containing the video to process',
  },
  outputsField,
  processingOptionsField,
  {
    displayName: 'Additional Fields',
    name: 'additionalFields',
    type: 'collection',
    placeholder: 'Add Field',
    default: {},
    options: [
      ...clipFields,
      {
        displayName: 'Device Label',
        name: 'deviceLabel',
        type: 'string',
        default: 'iphone',
        description: 'A lowercase slug naming the camera, such as "iphone" or "cam-1"',
      },
      metadataField,
      {
        displayName: 'Move Sidecar Binary Field',
        name: 'moveBinaryPropertyName',
        type: 'string',
        default: '',
        description: 'The input binary field holding the .move file the Move One app saved beside the video, if any',
      },
      nameField,
    ],
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add option',
    default: {},
    options: [
      downloadOutputsField,
      idempotencyKeyField,
      maxWaitField,
      pollIntervalField,
      {
        displayName: 'Wait for Completion',
        name: 'waitForCompletion',
        type: 'boolean',
        default: true,
        description:
          'Whether to wait until the job has finished and return its outputs. Off returns as soon as the job is created; collect it later with Job → Download Outputs.',
      },
    ],
  },
];

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  const additional = collectionParameter(this, 'additionalFields', itemIndex);
  const options = collectionParameter(this, 'options', itemIndex);
  const download = options.downloadOutputs !== false;
  const outputs = download ? binaryOutputs(this, session.transfer) : undefined;
  const moveProperty =
    typeof additional.moveBinaryPropertyName === 'string' ? additional.moveBinaryPropertyName.trim() : '';

  const result = await runSingleCam(
    {
      video: await binarySource(this, itemIndex, stringParameter(this, 'binaryPropertyName', itemIndex)),
      move: moveProperty ? await binarySource(this, itemIndex, moveProperty) : undefined,
      deviceLabel:
        typeof additional.deviceLabel === 'string' && additional.deviceLabel !== ''
          ? additional.deviceLabel
          : undefined,
      outputs: outputTypes(this, itemIndex),
      options: processingOptions(this, itemIndex),
      clipWindow: clipWindow(additional),
      name: typeof additional.name === 'string' && additional.name !== '' ? additional.name : undefined,
      metadata: jsonObject(additional.metadata, 'metadata'),
      idempotencyKey:
        typeof options.idempotencyKey === 'string' && options.idempotencyKey !== ''
          ? options.idempotencyKey
          : undefined,
    },
    {
      ...workflowOptions(session),
      ...waitOptions(options),
      wait: options.waitForCompletion !== false,
      sink: outputs?.sink,
    },
  );
  return [{ json: runResult(result, outputs?.propertyOf), ...(outputs ? { binary: outputs.binary } : {}) }];
}
