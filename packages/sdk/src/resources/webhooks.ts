import { MoveValidationError } from '../core/errors';
import { decodeMetadata, encodeMetadata, type Metadata } from '../core/metadata';
import type { RequestOptions } from '../core/transport';
import { checkId } from '../core/validate';
import { UpsertWebhookEndpointDocument } from '../generated/graphql';
import type { WebhookEndpoint } from '../types';
import type { MoveWebhookEventName } from '../webhooks';
import { Resource } from './resource';

export interface WebhookEndpointParams {
  /** Your own id for the endpoint: the same uid updates it. */
  uid: string;
  url: string;
  events?: MoveWebhookEventName[];
  description?: string;
  /** A `whsec_…` secret of your own; Move makes one when omitted. */
  secret?: string;
  metadata?: Metadata;
}

/** Webhook endpoints. Verify their deliveries with `verifyWebhook`. */
export class WebhooksResource extends Resource {
  /**
   * Creates or updates the endpoint with this uid. The secret is returned only when the endpoint
   * is first created: store it then.
   */
  async upsert(params: WebhookEndpointParams, options?: RequestOptions): Promise<WebhookEndpoint> {
    const url = checkId(params.url, 'url');
    if (!/^https?:\/\//i.test(url)) {
      throw new MoveValidationError('url must be an http(s) URL that Move can POST to.', 'url');
    }
    const vars = {
      uid: checkId(params.uid, 'uid'),
      url,
      events: params.events,
      description: params.description,
      secret: params.secret,
      metadata: encodeMetadata(params.metadata),
    };
    const data = await this.transport.request(UpsertWebhookEndpointDocument, vars, { ...options, retry: 'always' });
    return decodeMetadata(data.upsertWebhookEndpoint);
  }
}
