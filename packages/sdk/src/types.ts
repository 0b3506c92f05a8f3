// The public shapes of Move's nouns: generated wire types with metadata decoded and `expand`
// deciding which optional sub-objects are present.
import type { Expanded } from './core/expand';
import type { Decoded } from './core/metadata';
import type * as G from './generated/graphql';

export type { JsonValue, Metadata } from './core/metadata';
export type {
  AreaType,
  ClipWindowInput,
  JobState,
  MocapModelOptionsInput,
  OptionsInput,
  OutputType,
  SortDirection,
  SourceFormat,
  SourceInput,
  SyncMethodInput,
  TakeType,
} from './generated/graphql';

/** Which fields each `expand` key adds, per noun. */
export interface JobExpansions {
  client: 'client';
  take: 'take';
  outputs: 'outputs';
  inputs: 'inputs';
  rig: 'rig';
}
export interface TakeExpansions {
  client: 'client';
  sources: 'sources' | 'additionalFiles';
  volume: 'volume';
}
export interface VolumeExpansions {
  client: 'client';
  sources: 'sources';
  outputs: 'outputs';
}
export interface FileExpansions {
  client: 'client';
}

export type JobExpand = keyof JobExpansions;
export type TakeExpand = keyof TakeExpansions;
export type VolumeExpand = keyof VolumeExpansions;
export type FileExpand = keyof FileExpansions;

// Decoded first, then expanded: the same type as expanding first, but TypeScript can then see that
// every `Job<E>` is a narrowing of the decoded wire item, which `toPage` relies on.
type Shape<T, M extends { [K in keyof M]: keyof T }, E extends keyof M> = Expanded<
  Decoded<T>,
  M[keyof M] & keyof Decoded<T>,
  M[E] & keyof Decoded<T>
>;

export type Job<E extends JobExpand = never> = Shape<G.JobFieldsFragment, JobExpansions, E>;
export type Take<E extends TakeExpand = never> = Shape<G.TakeFieldsFragment, TakeExpansions, E>;
export type Volume<E extends VolumeExpand = never> = Shape<G.VolumeFieldsFragment, VolumeExpansions, E>;
export type MoveFile<E extends FileExpand = never> = Shape<G.GetFileQuery['getFile'], FileExpansions, E>;
export type Client = Decoded<G.ClientFieldsFragment>;
export type Output = Decoded<G.OutputFieldsFragment>;
export type Source = Decoded<G.SourceFieldsFragment>;
export type ShareCode = Decoded<G.GenerateShareCodeMutation['generateShareCode']>;
export type WebhookEndpoint = Decoded<G.UpsertWebhookEndpointMutation['upsertWebhookEndpoint']>;
export type Rig = { name: string };
export type CameraSettings = { lens: string };
export type JobProgress = NonNullable<G.JobFieldsFragment['progress']>;

/** Every `OutputType`, for validation and menus. */
export const OUTPUT_TYPES = [
  'ALL_BLEND',
  'ALL_BVH',
  'ALL_C3D',
  'ALL_FBX',
  'ALL_GLB',
  'ALL_USDC',
  'ALL_USDZ',
  'MAIN_BLEND',
  'MAIN_FBX',
  'MAIN_GLB',
  'MAIN_USDC',
  'MAIN_USDZ',
  'MOTION_DATA',
  'RENDER_OVERLAY_VIDEO',
  'RENDER_VIDEO',
  'SYNC_DATA',
] as const satisfies readonly G.OutputType[];

export const JOB_STATES = ['NOT_STARTED', 'RUNNING', 'FINISHED', 'FAILED'] as const satisfies readonly G.JobState[];
export const SOURCE_FORMATS = ['MP4', 'MOV', 'AVI', 'MOVE'] as const satisfies readonly G.SourceFormat[];
export const MOCAP_MODELS = ['S1', 'S2', 'M1', 'M2'] as const satisfies readonly G.MocapModelOptionsInput[];
