import { expandVariables } from '../core/expand';
import { decodeMetadata, encodeMetadata, type Metadata } from '../core/metadata';
import { PagePromise, toPage } from '../core/pagination';
import type { RequestOptions } from '../core/transport';
import { checkId } from '../core/validate';
import {
  type AreaType,
  type ClipWindowInput,
  CreateVolumeWithHumanDocument,
  GetVolumeDocument,
  ListVolumesDocument,
  type SourceInput,
  type SyncMethodInput,
} from '../generated/graphql';
import type { Volume, VolumeExpand } from '../types';
import { type ListParams, pageVariables } from './list-params';
import { Resource } from './resource';

const EXPAND: readonly VolumeExpand[] = ['client', 'sources', 'outputs'];

export interface HumanVolumeParams<E extends VolumeExpand> {
  /** One video per camera (2 or more), each with `cameraSettings.lens`. */
  sources: SourceInput[];
  /** Height of the person in the calibration clip, in metres. */
  humanHeight: number;
  areaType: AreaType;
  syncMethod?: SyncMethodInput;
  clipWindow?: ClipWindowInput;
  name?: string;
  metadata?: Metadata;
  expand?: readonly E[];
}

/** Volumes: the calibration of a multi-camera set-up, made from a clip of a person. */
export class VolumesResource extends Resource {
  async createHuman<E extends VolumeExpand = never>(
    params: HumanVolumeParams<E>,
    options?: RequestOptions,
  ): Promise<Volume<E>> {
    const vars = {
      sources: params.sources,
      humanHeight: params.humanHeight,
      areaType: params.areaType,
      syncMethod: params.syncMethod,
      clipWindow: params.clipWindow,
      name: params.name,
      metadata: encodeMetadata(params.metadata),
      ...expandVariables(EXPAND, params.expand, 'volumes.createHuman'),
    };
    const data = await this.transport.request(CreateVolumeWithHumanDocument, vars, options);
    return decodeMetadata(data.createVolumeWithHuman) as Volume<E>;
  }

  async retrieve<E extends VolumeExpand = never>(
    volumeId: string,
    params: { expand?: readonly E[] } = {},
    options?: RequestOptions,
  ): Promise<Volume<E>> {
    const vars = {
      id: checkId(volumeId, 'volumeId', 'volume'),
      ...expandVariables(EXPAND, params.expand, 'volumes.retrieve'),
    };
    const data = await this.transport.request(GetVolumeDocument, vars, options);
    return decodeMetadata(data.getVolume) as Volume<E>;
  }

  /** `await` it for one page, or `for await` over it for every volume. */
  list<E extends VolumeExpand = never>(params: ListParams<E> = {}, options?: RequestOptions): PagePromise<Volume<E>> {
    const include = expandVariables(EXPAND, params.expand, 'volumes.list');
    return new PagePromise<Volume<E>>(
      async (after) => {
        const vars = { ...pageVariables(params, after), ...include };
        const data = await this.transport.request(ListVolumesDocument, vars, options);
        return toPage(decodeMetadata(data.listVolumes));
      },
      params.after,
      params.maxPages,
    );
  }
}
