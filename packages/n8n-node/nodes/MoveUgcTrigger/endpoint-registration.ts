// Registering the trigger's webhook URL with Move. Move has upsertWebhookEndpoint only (no list, no
// delete), so the trigger keeps what it registered in the node's static data, which n8n stores with
// the workflow and hands to every main, worker and webhook process alike:
//   endpoints[uid] = { url, events, secret, active }
// The uid is derived from the webhook URL, so the editor's test URL and the production URL are two
// endpoints that never overwrite each other. The signing secret is made here and kept for good:
// Move shows a secret only when it makes one, and may ignore a new one on update.
import { generateWebhookSecret } from '@move-ugc/sdk';
import { type IDataObject, type IHookFunctions, NodeOperationError } from 'n8n-workflow';
import { toNodeError } from '../shared/errors';
import { openSession } from '../shared/session';

export interface RegisteredEndpoint extends IDataObject {
  url: string;
  events: string[];
  secret: string;
  active: boolean;
}

type Endpoints = Record<string, RegisteredEndpoint>;

function storedEndpoints(staticData: IDataObject): Endpoints {
  const endpoints = staticData.endpoints;
  return endpoints && typeof endpoints === 'object' && !Array.isArray(endpoints) ? (endpoints as Endpoints) : {};
}

/** Every secret this trigger has registered: deliveries to either of its URLs verify against them. */
export function registeredSecrets(staticData: IDataObject): string[] {
  return Object.values(storedEndpoints(staticData))
    .map((endpoint) => endpoint.secret)
    .filter((secret): secret is string => typeof secret === 'string' && secret !== '');
}

export async function endpointUid(url: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(url));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `n8n-${hex.slice(0, 32)}`;
}

function webhookUrl(context: IHookFunctions): string {
  const url = context.getNodeWebhookUrl('default');
  if (!url) throw new NodeOperationError(context.getNode(), 'n8n did not give this trigger a webhook URL.');
  return url;
}

function selectedEvents(context: IHookFunctions): string[] {
  return [...new Set(context.getNodeParameter('events', []) as string[])].sort();
}

export async function endpointIsRegistered(this: IHookFunctions): Promise<boolean> {
  const url = webhookUrl(this);
  const endpoint = storedEndpoints(this.getWorkflowStaticData('node'))[await endpointUid(url)];
  const events = selectedEvents(this);
  return Boolean(endpoint?.active && endpoint.url === url && endpoint.events.join() === events.join());
}

export async function registerEndpoint(this: IHookFunctions): Promise<boolean> {
  const url = webhookUrl(this);
  const uid = await endpointUid(url);
  const events = selectedEvents(this);
  const staticData = this.getWorkflowStaticData('node');
  const endpoints = storedEndpoints(staticData);
  const secret = endpoints[uid]?.secret || generateWebhookSecret();
  const workflow = this.getWorkflow();
  try {
    const session = await openSession(this);
    await session.ugc.webhooks.upsert({
      uid,
      url,
      events,
      secret,
      description: `n8n workflow "${workflow.name ?? workflow.id}" (${workflow.id}), node "${this.getNode().name}"`,
    });
  } catch (error) {
    throw toNodeError(this.getNode(), error);
  }
  staticData.endpoints = { ...endpoints, [uid]: { url, events, secret, active: true } };
  return true;
}

/**
 * Move cannot delete an endpoint: deliveries to the deactivated URL are refused by n8n (404) and Move
 * (Svix) stops retrying them. The record stays, so re-activating reuses the endpoint and its secret.
 */
export async function retireEndpoint(this: IHookFunctions): Promise<boolean> {
  const uid = await endpointUid(webhookUrl(this));
  const staticData = this.getWorkflowStaticData('node');
  const endpoints = storedEndpoints(staticData);
  const endpoint = endpoints[uid];
  if (endpoint) staticData.endpoints = { ...endpoints, [uid]: { ...endpoint, active: false } };
  return true;
}
