import { expandVariables } from '../core/expand';
import { decodeMetadata, encodeMetadata, type Metadata } from '../core/metadata';
import { PagePromise, toPage } from '../core/pagination';
import type { RequestOptions } from '../core/transport';
import { checkId } from '../core/validate';
import {
  CreateMultiCamTakeDocument,
  CreateSingleCamTakeDocument,
  GetTakeDocument,
  ListTakesDocument,
  type SourceInput,
  type SyncMethodInput,
  UpdateTakeDocument,
} from '../generated/graphql';
import type { Take, TakeExpand } from '../types';
import { type ListParams, pageVariables } from './list-params';
import { Resource } from './resource';

const EXPAND: readonly TakeExpand[] = ['client', 'sources', 'volume'];

interface TakeFields<E extends TakeExpand> {
  name?: string;
  metadata?: Metadata;
  expand?: readonly E[];
}

export interface SingleCamTakeParams<E extends TakeExpand> extends TakeFields<E> {
  /** The video (and optionally a `.move` sidecar), all with the same `deviceLabel`. */
  sources: SourceInput[];
}

export interface MultiCamTakeParams<E extends TakeExpand> extends TakeFields<E> {
  sources: SourceInput[];
  /** A FINISHED volume recorded with the same cameras. */
  volumeId: string;
  syncMethod?: SyncMethodInput;
}

/** Takes: a recording session, one camera or several. */
export class TakesResource extends Resource {
  async createSingleCam<E extends TakeExpand = never>(
    params: SingleCamTakeParams<E>,
    options?: RequestOptions,
  ): Promise<Take<E>> {
    const vars = {
      sources: params.sources,
      name: params.name,
      metadata: encodeMetadata(params.metadata),
      ...expandVariables(EXPAND, params.expand, 'takes.createSingleCam'),
    };
    const data = await this.transport.request(CreateSingleCamTakeDocument, vars, options);
    return decodeMetadata(data.createSingleCamTake) as Take<E>;
  }

  async createMultiCam<E extends TakeExpand = never>(
    params: MultiCamTakeParams<E>,
    options?: RequestOptions,
  ): Promise<Take<E>> {
    const vars = {
      sources: params.sources,
      volumeId: checkId(params.volumeId, 'volumeId', 'volume'),
      syncMethod: params.syncMethod,
      name: params.name,
      metadata: encodeMetadata(params.metadata),
      ...expandVariables(EXPAND, params.expand, 'takes.createMultiCam'),
    };
    const data = await this.transport.request(CreateMultiCamTakeDocument, vars, options);
    return decodeMetadata(data.createMultiCamTake) as Take<E>;
  }

  async retrieve<E extends TakeExpand = never>(
    takeId: string,
    params: { expand?: readonly E[] } = {},
    options?: RequestOptions,
  ): Promise<Take<E>> {
    const vars = {
      takeId: checkId(takeId, 'takeId', 'take'),
      ...expandVariables(EXPAND, params.expand, 'takes.retrieve'),
    };
    const data = await this.transport.request(GetTakeDocument, vars, options);
    return decodeMetadata(data.getTake) as Take<E>;
  }

  async update<E extends TakeExpand = never>(
    takeId: string,
    params: TakeFields<E>,
    options?: RequestOptions,
  ): Promise<Take<E>> {
    const vars = {
      id: checkId(takeId, 'takeId', 'take'),
      name: params.name,
      metadata: encodeMetadata(params.metadata),
      ...expandVariables(EXPAND, params.expand, 'takes.update'),
    };
    const data = await this.transport.request(UpdateTakeDocument, vars, { ...options, retry: 'always' });
    return decodeMetadata(data.updateTake) as Take<E>;
  }

  /** `await` it for one page, or `for await` over it for every take. */
  list<E extends TakeExpand = never>(params: ListParams<E> = {}, options?: RequestOptions): PagePromise<Take<E>> {
    const include = expandVariables(EXPAND, params.expand, 'takes.list');
    return new PagePromise<Take<E>>(
      async (after) => {
        const vars = { ...pageVariables(params, after), ...include };
        const data = await this.transport.request(ListTakesDocument, vars, { ...options, nullable: true });
        return toPage(decodeMetadata(data.listTakes));
      },
      params.after,
      params.maxPages,
    );
  }
}
