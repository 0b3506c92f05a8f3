import type { Resource } from '../resource';
import * as setEndpoint from './set-endpoint';

export const webhook: Resource = {
  value: 'webhook',
  name: 'Webhook',
  operations: [
    {
      value: 'setEndpoint',
      name: 'Set Endpoint',
      action: 'Set a webhook endpoint',
      description: 'Create or update an endpoint Move sends job events to',
      ...setEndpoint,
    },
  ],
};
