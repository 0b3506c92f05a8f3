import { VOLUME_OUTPUTS } from '../catalog';
import { badRequest } from '../errors';
import { newRun } from '../lifecycle';
import type { PageArgs } from '../pagination';
import type { ClipWindow, VolumeRecord } from '../store';
import { checkName, mine, type NameAndMetadata, newOwned } from './common';
import type { RootResolver } from './context';
import {
  checkMultiCamSources,
  checkSyncMethod,
  checkWindow,
  failureReason,
  type SourceInput,
  type SyncMethodInput,
} from './inputs';
import { createOutputFiles } from './outputs';
import { volumeView } from './views';

interface CreateVolumeArgs extends NameAndMetadata {
  sources?: SourceInput[] | null;
  humanHeight: number;
  areaType: 'NORMAL' | 'LARGE';
  syncMethod?: SyncMethodInput | null;
  clipWindow?: ClipWindow | null;
}

const MAX_HUMAN_HEIGHT_M = 3;

export const volumeResolvers: Record<string, RootResolver> = {
  getVolume: (args, ctx) => volumeView(ctx, mine(ctx, ctx.engine.store.volumes, args.id)),

  listVolumes: (args, ctx) => {
    const volumes = [...ctx.engine.store.volumes.values()].filter((volume) => volume.clientId === ctx.client.id);
    const page = ctx.engine.paginator.page(volumes, args as PageArgs, 'listVolumes');
    return { ...page, items: page.items.map((volume) => volumeView(ctx, volume)) };
  },

  createVolumeWithHuman: (raw, ctx) => {
    const args = raw as unknown as CreateVolumeArgs;
    checkName(args.name);
    if (!(args.humanHeight > 0 && args.humanHeight <= MAX_HUMAN_HEIGHT_M)) {
      throw badRequest(
        `humanHeight is in metres and must be above 0 and at most ${MAX_HUMAN_HEIGHT_M} (got ${args.humanHeight}).`,
      );
    }
    const sources = checkMultiCamSources(ctx, args.sources).map((s) => s.record);
    const syncMethod = checkSyncMethod(args.syncMethod);
    const clipWindow = checkWindow('clipWindow', args.clipWindow);
    const id = ctx.engine.newId('volume');
    const volume: VolumeRecord = {
      ...newOwned(ctx, id, args),
      sources,
      areaType: args.areaType,
      humanHeight: args.humanHeight,
      syncMethod,
      clipWindow,
      outputFileIds: createOutputFiles(ctx, id, VOLUME_OUTPUTS),
      run: newRun(ctx.now, ctx.engine.options.volumeDurationMs, failureReason(ctx, sources, args.metadata ?? null)),
    };
    ctx.engine.store.volumes.set(id, volume);
    return volumeView(ctx, volume);
  },
};
