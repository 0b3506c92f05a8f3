import type { Resource } from '../resource';
import * as createShareCode from './create-share-code';
import * as get from './get';
import * as upload from './upload';

export const file: Resource = {
  value: 'file',
  defaultOperation: 'upload',
  name: 'File',
  operations: [
    {
      value: 'createShareCode',
      name: 'Create Share Code',
      action: 'Create a share code for a file',
      description: 'Get a short code and link to share a file without an API key',
      ...createShareCode,
    },
    { value: 'get', name: 'Get', action: 'Get a file', description: 'Get a file record', ...get },
    {
      value: 'upload',
      name: 'Upload',
      action: 'Upload a file',
      description: 'Upload a video or .move sidecar from binary data',
      ...upload,
    },
  ],
};
