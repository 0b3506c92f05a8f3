// Job → Create: a job for a take that already exists (see Take → Create). Creation is exactly once:
// core puts a client token in the job's metadata and reconciles a lost response through it; an
// idempotency key lets a later run (an n8n retry, another worker) reuse the job instead of paying again.
import {
  adoptJobByIdempotencyKey,
  checkClipWindow,
  checkMetadata,
  checkNumberOfActors,
  checkOptions,
  checkOutputs,
  checkText,
  createContext,
  ensureMultiCamJob,
  ensureSingleCamJob,
  Journal,
} from '@move-ugc/core';
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
    description: 'Which kind of take it is',
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
  const multi = this.getNodeParameter('cameraSetup', itemIndex, 'single') === 'multi';
  const additional = collectionParameter(this, 'additionalFields', itemIndex);
  const options = collectionParameter(this, 'options', itemIndex);
  const idempotencyKey = checkText(options.idempotencyKey || undefined, 'idempotencyKey', 200);
  const request = {
    takeId: stringParameter(this, 'takeId', itemIndex),
    outputs: checkOutputs(outputTypes(this, itemIndex)),
    options: checkOptions(processingOptions(this, itemIndex), multi ? ['M1', 'M2'] : ['S1', 'S2']),
    clipWindow: checkClipWindow(clipWindow(additional)),
    name: checkText(additional.name || undefined, 'name', 256),
    metadata: checkMetadata(jsonObject(additional.metadata, 'metadata')),
    idempotencyKey,
  };

  const ctx = createContext(workflowOptions(session));
  const journal = await Journal.open(ctx.journal, 'job-create');
  const reused = await adoptJobByIdempotencyKey(ctx, journal, idempotencyKey);
  const { jobId } = multi
    ? await ensureMultiCamJob(ctx, journal, {
        ...request,
        numberOfActors: checkNumberOfActors(this.getNodeParameter('numberOfActors', itemIndex, 1)),
        rig: stringParameter(this, 'rig', itemIndex) || undefined,
      })
    : await ensureSingleCamJob(ctx, journal, request);
  const job = await session.ugc.jobs.retrieve(jobId, { expand: ['take'] }, { signal: session.signal });
  return [jsonItem({ ...job, reused })];
}
