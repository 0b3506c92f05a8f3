import { badRequest } from '../errors';
import { runStatus } from '../lifecycle';
import type { PageArgs } from '../pagination';
import type { TakeRecord } from '../store';
import { applyUpdate, checkName, mine, type NameAndMetadata, newOwned } from './common';
import type { ResolverContext, RootResolver } from './context';
import {
  checkMultiCamSources,
  checkSingleCamSources,
  checkSyncMethod,
  type SourceInput,
  type SyncMethodInput,
} from './inputs';
import { takeView } from './views';

interface CreateTakeArgs extends NameAndMetadata {
  sources?: SourceInput[] | null;
  volumeId?: string;
  syncMethod?: SyncMethodInput | null;
}

function saveTake(ctx: ResolverContext, take: TakeRecord) {
  ctx.engine.store.takes.set(take.id, take);
  return takeView(ctx, take);
}

export const takeResolvers: Record<string, RootResolver> = {
  getTake: (args, ctx) => takeView(ctx, mine(ctx, ctx.engine.store.takes, args.takeId)),

  listTakes: (args, ctx) => {
    const takes = [...ctx.engine.store.takes.values()].filter((take) => take.clientId === ctx.client.id);
    const page = ctx.engine.paginator.page(takes, args as PageArgs, 'listTakes');
    return { ...page, items: page.items.map((take) => takeView(ctx, take)) };
  },

  createSingleCamTake: (raw, ctx) => {
    const args = raw as CreateTakeArgs;
    checkName(args.name);
    const sources = checkSingleCamSources(ctx, args.sources);
    return saveTake(ctx, {
      ...newOwned(ctx, ctx.engine.newId('take'), args),
      takeType: 'SINGLE_CAM',
      sources: sources.map((s) => s.record),
      syncMethod: null,
      volumeId: null,
    });
  },

  createMultiCamTake: (raw, ctx) => {
    const args = raw as CreateTakeArgs;
    checkName(args.name);
    const volume = mine(ctx, ctx.engine.store.volumes, args.volumeId);
    const { state } = runStatus(volume.run, ctx.now);
    if (state !== 'FINISHED') {
      throw badRequest(`Volume '${volume.id}' is ${state}: a multi-camera take needs a FINISHED volume.`);
    }
    const sources = checkMultiCamSources(ctx, args.sources);
    const calibrated = new Set(volume.sources.map((source) => source.deviceLabel));
    const missing = sources.map((s) => s.record.deviceLabel).filter((label) => !calibrated.has(label));
    if (missing.length > 0) {
      throw badRequest(`Cameras ${missing.join(', ')} are not part of volume '${volume.id}'.`);
    }
    return saveTake(ctx, {
      ...newOwned(ctx, ctx.engine.newId('take'), args),
      takeType: 'MULTI_CAM',
      sources: sources.map((s) => s.record),
      syncMethod: checkSyncMethod(args.syncMethod),
      volumeId: volume.id,
    });
  },

  updateTake: (args, ctx) => {
    const take = mine(ctx, ctx.engine.store.takes, args.id);
    checkName(args.name as string | null | undefined);
    applyUpdate(take, args as NameAndMetadata);
    return takeView(ctx, take);
  },
};
