import { decodeMetadata, encodeMetadata, type Metadata } from '../core/metadata';
import type { RequestOptions } from '../core/transport';
import { GetClientDocument, UpdateClientDocument } from '../generated/graphql';
import type { Client } from '../types';
import { Resource } from './resource';

/** The API key's own client record. */
export class ClientResource extends Resource {
  async retrieve(options?: RequestOptions): Promise<Client> {
    const data = await this.transport.request(GetClientDocument, {}, options);
    return decodeMetadata(data.client);
  }

  async update(params: { metadata: Metadata }, options?: RequestOptions): Promise<Client> {
    const metadata = encodeMetadata(params.metadata) ?? '{}';
    const data = await this.transport.request(UpdateClientDocument, { metadata }, { ...options, retry: 'always' });
    return decodeMetadata(data.updateClient);
  }
}
