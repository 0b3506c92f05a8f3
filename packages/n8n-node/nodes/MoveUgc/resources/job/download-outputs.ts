// Job → Download Outputs: the second half of Video → Process for a job made earlier (after a Wait
// node, or by Process with Wait for Completion off): waits for it if need be, then returns every
// output as binary data, or their download URLs.
import { downloadJobOutputs } from '@move-ugc/core';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { binaryOutputs } from '../../../shared/binary-output';
import { runResult } from '../../../shared/run-result';
import { type MoveSession, workflowOptions } from '../../../shared/session';
import { downloadOutputsField, idField, maxWaitField, pollIntervalField } from '../fields';
import { collectionParameter, stringParameter, waitOptions } from '../parameters';

export const fields: INodeProperties[] = [
  idField('Job', 'job'),
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add option',
    default: {},
    options: [
      { ...downloadOutputsField, displayName: 'Download Files' },
      {
        displayName: 'File Name',
        name: 'fileName',
        type: 'string',
        default: '',
        placeholder: 'dance-take-3',
        description: 'Base of the output file names (dance-take-3.fbx, …); the job ID when empty',
      },
      maxWaitField,
      pollIntervalField,
    ],
  },
];

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  const jobId = stringParameter(this, 'jobId', itemIndex);
  const options = collectionParameter(this, 'options', itemIndex);
  const outputs = options.downloadOutputs === false ? undefined : binaryOutputs(this, session.transfer);
  const finished = await downloadJobOutputs(jobId, {
    ...workflowOptions(session),
    ...waitOptions(options),
    sink: outputs?.sink,
    outputBaseName:
      typeof options.fileName === 'string' && options.fileName.trim() !== '' ? options.fileName.trim() : undefined,
  });
  return [
    { json: { jobId, ...runResult(finished, outputs?.propertyOf) }, ...(outputs ? { binary: outputs.binary } : {}) },
  ];
}
