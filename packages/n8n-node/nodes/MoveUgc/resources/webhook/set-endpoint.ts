// Webhook → Set Endpoint: creates or updates (by its ID) an endpoint Move sends job events to. For
// n8n itself the Move UGC Trigger does this on activation; this is for other receivers.

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { MoveSession } from '../../../shared/session';
import { WEBHOOK_EVENT_OPTIONS } from '../../../shared/webhook-events';
import { metadataField } from '../fields';
import { jsonItem } from '../items';
import { collectionParameter, jsonObject, stringParameter } from '../parameters';

export const fields: INodeProperties[] = [
  {
    displayName: 'Endpoint ID',
    name: 'uid',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'render-farm',
    description: 'Your own ID for the endpoint: setting the same ID again updates it',
  },
  {
    displayName: 'URL',
    name: 'url',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'https://example.com/move-webhooks',
    description: 'Where Move POSTs the events',
  },
  {
    displayName: 'Events',
    name: 'events',
    type: 'multiOptions',
    options: WEBHOOK_EVENT_OPTIONS,
    default: ['ugc.job.state.completed', 'ugc.job.state.failed'],
    description: 'Which events to send',
  },
  {
    displayName: 'Additional Fields',
    name: 'additionalFields',
    type: 'collection',
    placeholder: 'Add Field',
    default: {},
    options: [
      {
        displayName: 'Description',
        name: 'description',
        type: 'string',
        default: '',
        description: 'A note about the endpoint',
      },
      metadataField,
      {
        displayName: 'Return Signing Secret',
        name: 'returnSigningSecret',
        type: 'boolean',
        default: false,
        description:
          'Whether to add signingSecret to the output when Move makes one (only when an endpoint is first created without a secret). It lets anyone forge events to the endpoint: store it as a credential.',
      },
      {
        displayName: 'Signing Secret',
        name: 'secret',
        type: 'string',
        typeOptions: { password: true },
        default: '',
        placeholder: 'whsec_…',
        description: "Your own secret (whsec_ and base64) to sign deliveries with; Move makes one when it's empty",
      },
    ],
  },
];

export async function execute(
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
): Promise<INodeExecutionData[]> {
  const additional = collectionParameter(this, 'additionalFields', itemIndex);
  const endpoint = await session.ugc.webhooks.upsert(
    {
      uid: stringParameter(this, 'uid', itemIndex),
      url: stringParameter(this, 'url', itemIndex),
      events: this.getNodeParameter('events', itemIndex, []) as string[],
      description:
        typeof additional.description === 'string' && additional.description !== ''
          ? additional.description
          : undefined,
      secret: typeof additional.secret === 'string' && additional.secret !== '' ? additional.secret : undefined,
      metadata: jsonObject(additional.metadata, 'metadata'),
    },
    { signal: session.signal },
  );
  const item = jsonItem(endpoint);
  if (additional.returnSigningSecret === true && endpoint.secret) item.json.signingSecret = endpoint.secret;
  return [item];
}
