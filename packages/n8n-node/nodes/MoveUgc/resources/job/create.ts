// Job → Create: a job for a take that already exists (see Take → Create). Core's createJob reads the
// take to tell a single- from a multi-camera job, checks the settings against it, and creates the job
// exactly once: a lost answer is reconciled through its client token, and an idempotency key lets a
// later run (an n8n retry, another worker) reuse the job instead of paying again.
import { createJob } from '@move-ugc/core';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { type MoveSession, workflowOptions } from '../../../shared/session';
import {
  clipFields,
  idempotencyKeyField,
  idField,
  metadataField,
  nameField,
  outputsField,
  processingOptionsField,
} from '../fields';
import { jsonItem } from '../items';
import {
  clipWindow,
  collectionParameter,
  jsonObject,
  outputTypes,
  processingOptions,
  stringParameter,
} from '../parameters';

export const fields: INodeProperties[] = [
  idField('Take', 'take'),
  {
    displayName: 'Camera Setup',
    name: 'cameraSetup',
    type: 'options',
    options: [
      {
        name: 'Multi-Camera',
        value: 'multi',
        description: 'A take made with Take → Create from a volume (several cameras)',
      },
      { name: 'Single Camera', value: 'single', description: 'A take of one video (and its optional .move sidecar)' },
    ],
    default: 'single',
    description:
      'Which kind of take it is; shows the multi-camera settings. Move decides the kind of job from the take itself, and a mismatch is refused before anything is created.',
  },
  {
    displayName: 'Number of Actors',
    name: 'numberOfActors',
    type: 'number',
    typeOptions: { minValue: 1, maxValue: 10 },
    default: 1,
    description: 'How many people to track',
    displayOptions: { show: { cameraSetup: ['multi'] } },
  },
  {
    displayName: 'Rig Name or ID',
    name: 'rig',
    type: 'options',
    typeOptions: { loadOptionsMethod: 'getRigs' },
    default: '',
    description:
      'Skeleton to retarget onto; Move uses move_mo when empty. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
    displayOptions: { show: { cameraSetup: ['multi'] } },
  },
  outputsField,
  processingOptionsField,
  {
    displayName: 'Additional Fields',
    name: 'additionalFields',
    type: 'collection',
    placeholder: 'Add Field',
    default: {},
    options: [...clipFields, metadataField, nameField],
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add option',
    default: {},
    options: [idempotencyKeyField],
  },
];

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  // Only multi-camera jobs take actors and a rig; core refuses them for a single-camera take.
  const multi = this.getNodeParameter('cameraSetup', itemIndex, 'single') === 'multi';
  const additional = collectionParameter(this, 'additionalFields', itemIndex);
  const options = collectionParameter(this, 'options', itemIndex);
  const created = await createJob(
    {
      takeId: stringParameter(this, 'takeId', itemIndex),
      outputs: outputTypes(this, itemIndex),
      options: processingOptions(this, itemIndex),
      clipWindow: clipWindow(additional),
      name: (additional.name || undefined) as string | undefined,
      metadata: jsonObject(additional.metadata, 'metadata'),
      idempotencyKey: (options.idempotencyKey || undefined) as string | undefined,
      ...(multi
        ? {
            numberOfActors: this.getNodeParameter('numberOfActors', itemIndex, 1) as number,
            rig: stringParameter(this, 'rig', itemIndex) || undefined,
          }
        : {}),
    },
    workflowOptions(session),
  );
  return [jsonItem({ ...created.job, reused: created.reused })];
}
