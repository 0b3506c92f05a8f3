import { jsonItem } from '../items';
import type { Resource } from '../resource';

export const rig: Resource = {
  value: 'rig',
  name: 'Rig',
  operations: [
    {
      value: 'getAll',
      name: 'Get Many',
      action: 'Get many rigs',
      description: 'Get the skeletons a multi-camera job can be retargeted onto',
      fields: [],
      async execute(_itemIndex, session) {
        return (await session.ugc.rigs.list({ signal: session.signal })).map(jsonItem);
      },
    },
  ],
};
