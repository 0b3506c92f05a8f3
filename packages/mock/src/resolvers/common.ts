import { badRequest, notFound } from '../errors';
import { NO_METADATA } from '../store';
import type { ResolverContext } from './context';

/** A record of the calling client by id, or the service's not-found error. */
export function mine<T extends { clientId: string }>(ctx: ResolverContext, map: Map<string, T>, id: unknown): T {
  const record = typeof id === 'string' ? ctx.engine.store.owned(map, id, ctx.client.id) : undefined;
  if (!record) throw notFound();
  return record;
}

export interface NameAndMetadata {
  name?: string | null;
  metadata?: string | null;
}

/** The common fields of a new record: id, owner, creation time and order. */
export function newOwned(ctx: ResolverContext, id: string, args: NameAndMetadata) {
  return {
    id,
    clientId: ctx.client.id,
    created: ctx.now,
    seq: ctx.engine.store.nextSeq(),
    name: args.name ?? null,
    metadata: args.metadata ?? NO_METADATA,
  };
}

/** update* mutations: a field left out stays, a field given replaces (null metadata clears it to `{}`). */
export function applyUpdate(record: { name: string | null; metadata: string }, args: NameAndMetadata): void {
  if (args.name !== undefined) record.name = args.name;
  if (args.metadata !== undefined) record.metadata = args.metadata ?? NO_METADATA;
}

export function checkName(name: string | null | undefined): void {
  if (name && name.length > 255) throw badRequest(`name is too long (${name.length} characters; at most 255).`);
}
