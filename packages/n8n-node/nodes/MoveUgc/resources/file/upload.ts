// File → Upload: one binary to Move as a file, for Take → Create. The bytes stream from n8n's binary
// store with an exact Content-Length; the container is checked first, so a wrong file costs nothing.
import { checkMoveSidecar, checkVideo, createContext, Journal, uploadSource } from '@move-ugc/core';
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
  let format: 'MP4' | 'MOV' | 'AVI' | 'MOVE' = 'MOVE';
  if (sidecar) await checkMoveSidecar(source, 'file');
  else format = await checkVideo(source, 'file');

  const ctx = createContext(workflowOptions(session));
  const journal = await Journal.open(ctx.journal, 'file-upload');
  const fileId = await uploadSource(ctx, journal, {
    role: sidecar ? 'move' : 'video',
    source,
    fileType: format.toLowerCase(),
  });
  const file = await session.ugc.files.retrieve(fileId, {}, { signal: session.signal });
  // `format` is what Take → Create asks for.
  return [jsonItem({ ...file, format, bytes: source.size })];
}
