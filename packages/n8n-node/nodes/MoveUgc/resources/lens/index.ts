import { jsonItem } from '../items';
import type { Resource } from '../resource';

export const lens: Resource = {
  value: 'lens',
  name: 'Lens',
  operations: [
    {
      value: 'getAll',
      name: 'Get Many',
      action: 'Get many lenses',
      description: 'Get the cameras and lenses Move knows, for the cameras of a volume',
      fields: [],
      async execute(_itemIndex, session) {
        return (await session.ugc.cameraSettings.list({ signal: session.signal })).map(jsonItem);
      },
    },
  ],
};
