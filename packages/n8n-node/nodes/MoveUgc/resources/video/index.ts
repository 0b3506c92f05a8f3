import type { Resource } from '../resource';
import * as processVideo from './process';

export const video: Resource = {
  value: 'video',
  name: 'Video',
  operations: [
    {
      value: 'process',
      name: 'Process',
      action: 'Process a video into 3D animation',
      description: 'Upload a video, run motion capture on it, and return the job with its outputs as binary data',
      fields: processVideo.fields,
      execute: processVideo.execute,
    },
  ],
};
