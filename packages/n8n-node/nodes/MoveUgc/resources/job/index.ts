import type { Resource } from '../resource';
import * as create from './create';
import * as downloadOutputs from './download-outputs';
import * as get from './get';
import * as getMany from './get-many';
import * as update from './update';
import * as wait from './wait';

export const job: Resource = {
  value: 'job',
  name: 'Job',
  operations: [
    { value: 'create', name: 'Create', action: 'Create a job', description: 'Start processing a take', ...create },
    {
      value: 'downloadOutputs',
      name: 'Download Outputs',
      action: 'Download the outputs of a job',
      description: 'Wait for a job if need be, then return its outputs as binary data or download URLs',
      ...downloadOutputs,
    },
    { value: 'get', name: 'Get', action: 'Get a job', description: 'Get a job with its progress and outputs', ...get },
    {
      value: 'getAll',
      name: 'Get Many',
      action: 'Get many jobs',
      description: 'Get many jobs, newest first',
      ...getMany,
    },
    {
      value: 'update',
      name: 'Update',
      action: 'Update a job',
      description: 'Change the name or metadata of a job',
      ...update,
    },
    { value: 'wait', name: 'Wait', action: 'Wait for a job', description: 'Wait until a job has finished', ...wait },
  ],
};
