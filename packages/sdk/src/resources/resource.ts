import type { Transport } from '../core/transport';

/** Base of every resource: holds the transport the client shares. */
export abstract class Resource {
  protected readonly transport: Transport;
  constructor(transport: Transport) {
    this.transport = transport;
  }
}
