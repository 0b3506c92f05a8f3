import { accountResolvers } from './account';
import type { RootResolver } from './context';
import { fileResolvers } from './files';
import { jobResolvers } from './jobs';
import { takeResolvers } from './takes';
import { volumeResolvers } from './volumes';

/** The root value: one function per Query and Mutation field of schema.graphql. */
export const rootResolvers: Record<string, RootResolver> = {
  ...accountResolvers,
  ...fileResolvers,
  ...takeResolvers,
  ...jobResolvers,
  ...volumeResolvers,
};

export type { ResolverContext } from './context';
