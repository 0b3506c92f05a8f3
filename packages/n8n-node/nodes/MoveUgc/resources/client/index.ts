import type { Resource } from '../resource';
import * as get from './get';
import * as update from './update';

export const client: Resource = {
  value: 'client',
  name: 'Client',
  operations: [
    {
      value: 'get',
      name: 'Get',
      action: 'Get the client',
      description: 'Get the Move account the credential belongs to',
      ...get,
    },
    {
      value: 'update',
      name: 'Update',
      action: 'Update the client',
      description: 'Store metadata on the Move account',
      ...update,
    },
  ],
};
