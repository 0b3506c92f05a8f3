import { OUTPUT_KINDS } from '../catalog';
import { isoTime } from '../ids';
import { type Run, runStatus } from '../lifecycle';
import type { ClientRecord, FileRecord, JobRecord, SourceRecord, TakeRecord, VolumeRecord } from '../store';
import type { ResolverContext } from './context';

// Records become the objects graphql-js resolves with its default resolver. Fields that cost
// something (presigned URLs, linked objects) are functions, so they are only computed when selected.

type View = Record<string, unknown>;

const owned = (record: { created: number; name: string | null; metadata: string | null }) => ({
  created: isoTime(record.created),
  name: record.name,
  metadata: record.metadata,
});

export function clientView(ctx: ResolverContext, client: ClientRecord): View {
  return {
    id: client.id,
    created: isoTime(client.created),
    name: client.name,
    metadata: client.metadata,
    // A login link that carries a token in its fragment, like the real portal link: a secret.
    portal: () => `${ctx.engine.baseUrl}/portal/login#token=${client.id.slice(-12)}`,
  };
}

function clientOf(ctx: ResolverContext, clientId: string): () => View | null {
  return () => {
    const client = ctx.engine.store.clients.get(clientId);
    return client ? clientView(ctx, client) : null;
  };
}

export function fileView(ctx: ResolverContext, file: FileRecord): View {
  return {
    id: file.id,
    ...owned(file),
    type: file.type,
    presignedUrl: () => ctx.engine.fileUrl(file, ctx.now),
    thumbnailUrl: null,
    client: clientOf(ctx, file.clientId),
  };
}

function fileById(ctx: ResolverContext, fileId: string): View | null {
  const file = ctx.engine.store.files.get(fileId);
  return file ? fileView(ctx, file) : null;
}

/**
 * A job's or volume's outputs: none once FAILED; before FINISHED none, or (`outputsListed: 'created'`)
 * all with a null URL; after FINISHED all, each URL null until `outputDelayMs` has passed.
 */
function outputViews(ctx: ResolverContext, run: Run, fileIds: string[]): View[] {
  const { state } = runStatus(run, ctx.now);
  if (state === 'FAILED') return [];
  if (state !== 'FINISHED' && ctx.engine.options.outputsListed === 'finished') return [];
  return fileIds.flatMap((fileId) => {
    const file = ctx.engine.store.files.get(fileId);
    if (!file?.output) return [];
    const { format, outputType } = file.output;
    return [
      {
        format,
        key: `${file.output.ownerId}/${format}.${OUTPUT_KINDS[outputType].extension}`,
        file: fileView(ctx, file),
      },
    ];
  });
}

function sourceView(ctx: ResolverContext, source: SourceRecord): View {
  return {
    deviceLabel: source.deviceLabel,
    format: source.format,
    cameraSettings: source.lens ? { lens: source.lens } : null,
    file: () => fileById(ctx, source.fileId),
  };
}

function progressView(run: Run, now: number): View {
  const { state, percentageComplete } = runStatus(run, now);
  return { state, percentageComplete };
}

export function takeView(ctx: ResolverContext, take: TakeRecord): View {
  const video = take.sources.find((source) => source.format !== 'MOVE');
  return {
    id: take.id,
    ...owned(take),
    takeType: take.takeType,
    client: clientOf(ctx, take.clientId),
    sources: () => take.sources.map((source) => sourceView(ctx, source)),
    syncMethod: take.syncMethod,
    videoFile: () => (video ? fileById(ctx, video.fileId) : null),
    // Sidecar inputs (the .move file) appear as additional files of the take.
    additionalFiles: () =>
      take.sources
        .filter((source) => source.format === 'MOVE')
        .map((source) => ({
          format: 'move',
          key: `${take.id}/${source.fileId}.move`,
          file: fileById(ctx, source.fileId),
        })),
    volume: () => {
      const volume = take.volumeId ? ctx.engine.store.volumes.get(take.volumeId) : undefined;
      return volume ? volumeView(ctx, volume) : null;
    },
  };
}

export function jobView(ctx: ResolverContext, job: JobRecord): View {
  return {
    id: job.id,
    ...owned(job),
    client: clientOf(ctx, job.clientId),
    take: () => {
      const take = ctx.engine.store.takes.get(job.takeId);
      return take ? takeView(ctx, take) : null;
    },
    progress: () => progressView(job.run, ctx.now),
    // The deprecated field spells the first state with a space, as the service has been seen to.
    state: () => {
      const { state } = runStatus(job.run, ctx.now);
      return state === 'NOT_STARTED' ? 'NOT STARTED' : state;
    },
    outputs: () => outputViews(ctx, job.run, job.outputFileIds),
    inputs: { clipWindow: job.clipWindow, numberOfActors: job.numberOfActors, options: job.options },
    rig: job.rig ? { name: job.rig } : null,
  };
}

export function volumeView(ctx: ResolverContext, volume: VolumeRecord): View {
  return {
    __typename: 'HumanVolume',
    id: volume.id,
    ...owned(volume),
    client: clientOf(ctx, volume.clientId),
    areaType: volume.areaType,
    humanHeight: volume.humanHeight,
    clipWindow: volume.clipWindow,
    state: () => runStatus(volume.run, ctx.now).state,
    progress: () => progressView(volume.run, ctx.now),
    outputs: () => outputViews(ctx, volume.run, volume.outputFileIds),
    sources: () => volume.sources.map((source) => sourceView(ctx, source)),
  };
}
