import type { Resource } from '../resource';
import * as create from './create';
import * as get from './get';
import * as getMany from './get-many';

export const volume: Resource = {
  value: 'volume',
  name: 'Volume',
  operations: [
    {
      value: 'create',
      name: 'Create',
      action: 'Create a volume',
      description: 'Calibrate a multi-camera set-up from one clip of a person per camera',
      ...create,
    },
    { value: 'get', name: 'Get', action: 'Get a volume', description: 'Get a volume with its state', ...get },
    {
      value: 'getAll',
      name: 'Get Many',
      action: 'Get many volumes',
      description: 'Get many volumes, newest first',
      ...getMany,
    },
  ],
};
