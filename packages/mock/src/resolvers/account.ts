import { CAMERA_LENSES, RIGS } from '../catalog';
import { badRequest } from '../errors';
import { NO_METADATA } from '../store';
import { generateWebhookSecret, WEBHOOK_EVENTS, webhookSecretKey } from '../webhooks';
import type { ResolverContext, RootResolver } from './context';
import { clientView } from './views';

// The client itself, the catalogue and webhook endpoints.

interface UpsertWebhookArgs {
  uid: string;
  url: string;
  events?: string[] | null;
  description?: string | null;
  secret?: string | null;
  metadata?: string | null;
}

function checkWebhookArgs(args: UpsertWebhookArgs): void {
  if (!args.uid.trim()) throw badRequest('uid must not be empty.');
  let url: URL;
  try {
    url = new URL(args.url);
  } catch {
    throw badRequest(`url '${args.url}' is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badRequest('url must be an http(s) URL.');
  const unknown = (args.events ?? []).filter((event) => !(WEBHOOK_EVENTS as readonly string[]).includes(event));
  if (unknown.length > 0) {
    throw badRequest(`Unknown webhook events: ${unknown.join(', ')}. Known: ${WEBHOOK_EVENTS.join(', ')}.`);
  }
  if (args.secret != null) {
    const bytes = webhookSecretKey(args.secret).length;
    if (!args.secret.startsWith('whsec_') || bytes < 24 || bytes > 75) {
      throw badRequest('secret must be whsec_ followed by the base64 of 24 to 75 random bytes.');
    }
  }
}

function endpointView(
  ctx: ResolverContext,
  endpoint: { uid: string; url: string; events: string[]; description: string | null; metadata: string },
  secret: string | null,
) {
  return {
    uid: endpoint.uid,
    url: endpoint.url,
    events: endpoint.events,
    description: endpoint.description,
    metadata: endpoint.metadata,
    secret,
    client: () => clientView(ctx, ctx.client),
  };
}

export const accountResolvers: Record<string, RootResolver> = {
  client: (_args, ctx) => clientView(ctx, ctx.client),

  updateClient: (args, ctx) => {
    ctx.client.metadata = args.metadata as string;
    return clientView(ctx, ctx.client);
  },

  listRigs: () => ({ first: RIGS.length, after: null, items: RIGS.map((name) => ({ name })) }),

  listCameraSettings: () => ({
    first: CAMERA_LENSES.length,
    after: null,
    items: CAMERA_LENSES.map((lens) => ({ lens })),
  }),

  upsertWebhookEndpoint: (raw, ctx) => {
    const args = raw as unknown as UpsertWebhookArgs;
    checkWebhookArgs(args);
    const { store } = ctx.engine;
    const key = `${ctx.client.id} ${args.uid}`;
    const existing = store.webhookEndpoints.get(key);
    ctx.engine.watchForWebhooks();
    if (existing) {
      existing.url = args.url;
      if (args.events != null) existing.events = [...new Set(args.events)];
      if (args.description !== undefined) existing.description = args.description;
      if (args.metadata !== undefined) existing.metadata = args.metadata ?? NO_METADATA;
      if (args.secret != null) existing.secret = args.secret;
      // The secret is only ever shown when the endpoint is first created.
      return endpointView(ctx, existing, null);
    }
    const endpoint = {
      uid: args.uid,
      clientId: ctx.client.id,
      url: args.url,
      events: [...new Set(args.events ?? ['ugc.job.state.completed', 'ugc.job.state.failed'])],
      description: args.description ?? null,
      metadata: args.metadata ?? NO_METADATA,
      secret: args.secret ?? generateWebhookSecret(),
      created: ctx.now,
    };
    store.webhookEndpoints.set(key, endpoint);
    return endpointView(ctx, endpoint, endpoint.secret);
  },
};
