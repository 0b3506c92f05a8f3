import type { Resource } from '../resource';
import * as create from './create';
import * as get from './get';
import * as getMany from './get-many';
import * as update from './update';

export const take: Resource = {
  value: 'take',
  name: 'Take',
  operations: [
    {
      value: 'create',
      name: 'Create',
      action: 'Create a take',
      description: 'Create a single-camera take from uploaded files',
      ...create,
    },
    { value: 'get', name: 'Get', action: 'Get a take', description: 'Get a take with its sources', ...get },
    {
      value: 'getAll',
      name: 'Get Many',
      action: 'Get many takes',
      description: 'Get many takes, newest first',
      ...getMany,
    },
    {
      value: 'update',
      name: 'Update',
      action: 'Update a take',
      description: 'Change the name or metadata of a take',
      ...update,
    },
  ],
};
