// File → Upload: one binary to Move as a file, for Take → Create. The bytes stream from n8n's binary
// store with an exact Content-Length; core's uploadFile checks the content first (a video's container,
// or that a sidecar is not a video), so a wrong file costs nothing.
import { uploadFile } from '@move-ugc/core';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { binarySource } from '../../../shared/binary-input';
import { type MoveSession, workflowOptions } from '../../../shared/session';
import { jsonItem } from '../items';
import { stringParameter } from '../parameters';

export const fields: INodeProperties[] = [
  {
    displayName: 'Input Binary Field',
    name: 'binaryPropertyName',
    type: 'string',
    required: true,
    default: 'data',
    description: 'The name of the input binary field containing the file to upload',
  },
  {
    displayName: 'File Kind',
    name: 'fileKind',
    type: 'options',
    options: [
      {
        name: 'Move Sidecar (.Move)',
        value: 'move',
        description: 'The .move file the Move One app records beside a video',
      },
      { name: 'Video', value: 'video', description: 'MP4, MOV or AVI, told apart by its content' },
    ],
    default: 'video',
    description: 'What the file is',
  },
];

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  const source = await binarySource(this, itemIndex, stringParameter(this, 'binaryPropertyName', itemIndex));
  const sidecar = this.getNodeParameter('fileKind', itemIndex, 'video') === 'move';
  const uploaded = await uploadFile(
    { source, format: sidecar ? 'MOVE' : undefined },
    { ...workflowOptions(session), field: 'file' },
  );
  const file = await session.ugc.files.retrieve(uploaded.fileId, {}, { signal: session.signal });
  // `format` is what Take → Create asks for.
  return [jsonItem({ ...file, format: uploaded.format, bytes: uploaded.bytes })];
}
