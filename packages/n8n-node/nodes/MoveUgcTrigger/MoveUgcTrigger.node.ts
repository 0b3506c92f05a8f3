import {
  type IHookFunctions,
  type INodeType,
  type INodeTypeDescription,
  type IWebhookFunctions,
  type IWebhookResponseData,
  NodeConnectionTypes,
} from 'n8n-workflow';
import { CREDENTIAL_TYPE } from '../shared/credential';
import { JOB_COMPLETED, JOB_FAILED, WEBHOOK_EVENT_OPTIONS } from '../shared/webhook-events';
import { receiveDelivery } from './delivery';
import { endpointIsRegistered, registerEndpoint, retireEndpoint } from './endpoint-registration';

export class MoveUgcTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Move UGC Trigger',
    name: 'moveUgcTrigger',
    icon: { light: 'file:../MoveUgc/moveUgc.svg', dark: 'file:../MoveUgc/moveUgc.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: '={{ $parameter["events"].join(", ") }}',
    description: 'Starts the workflow when a Move UGC job completes or fails',
    defaults: { name: 'Move UGC Trigger' },
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: CREDENTIAL_TYPE, required: true }],
    webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
    properties: [
      {
        displayName: 'Events',
        name: 'events',
        type: 'multiOptions',
        required: true,
        options: WEBHOOK_EVENT_OPTIONS,
        default: [JOB_COMPLETED, JOB_FAILED],
        description: 'Which job events start the workflow',
      },
      {
        displayName: 'Options',
        name: 'options',
        type: 'collection',
        placeholder: 'Add option',
        default: {},
        options: [
          {
            displayName: 'Download Outputs',
            name: 'downloadOutputs',
            type: 'boolean',
            default: false,
            description:
              'Whether to download the outputs of a completed job as binary data, one field per format (fbx, mp4, …)',
          },
        ],
      },
    ],
  };

  webhookMethods = {
    default: {
      async checkExists(this: IHookFunctions): Promise<boolean> {
        return endpointIsRegistered.call(this);
      },
      async create(this: IHookFunctions): Promise<boolean> {
        return registerEndpoint.call(this);
      },
      async delete(this: IHookFunctions): Promise<boolean> {
        return retireEndpoint.call(this);
      },
    },
  };

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    return receiveDelivery.call(this);
  }
}
