import type { Engine } from '../engine';
import type { ClientRecord } from '../store';

/** What every resolver gets: the engine, the calling client, and one clock reading per request. */
export interface ResolverContext {
  engine: Engine;
  client: ClientRecord;
  now: number;
}

/** A root field resolver; graphql-js calls root functions as (args, context, info). */
export type RootResolver = (args: Record<string, unknown>, ctx: ResolverContext) => unknown;
