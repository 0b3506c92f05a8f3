import { expandVariables } from '../core/expand';
import { decodeMetadata, encodeMetadata, type Metadata } from '../core/metadata';
import { PagePromise, toPage } from '../core/pagination';
import type { RequestOptions } from '../core/transport';
import { checkId, checkPositiveInt } from '../core/validate';
import {
  type ClipWindowInput,
  CreateMultiCamJobDocument,
  CreateSingleCamJobDocument,
  GetJobDocument,
  ListJobsDocument,
  type OptionsInput,
  type OutputType,
  UpdateJobDocument,
} from '../generated/graphql';
import type { Job, JobExpand } from '../types';
import { type ListParams, pageVariables } from './list-params';
import { Resource } from './resource';

const EXPAND: readonly JobExpand[] = ['client', 'take', 'outputs', 'inputs', 'rig'];

export interface SingleCamJobParams<E extends JobExpand> {
  takeId: string;
  /** Which files to make; Move's defaults when omitted. */
  outputs?: OutputType[];
  options?: OptionsInput;
  /** Part of the video to process, in seconds. */
  clipWindow?: ClipWindowInput;
  name?: string;
  metadata?: Metadata;
  expand?: readonly E[];
}

export interface MultiCamJobParams<E extends JobExpand> extends SingleCamJobParams<E> {
  numberOfActors?: number;
  /** A rig name from `rigs.list()`; Move uses `move_mo` when omitted. */
  rig?: string;
}

export interface JobListParams<E extends JobExpand> extends ListParams<E> {
  /** Only the jobs of this take. */
  takeId?: string;
}

/**
 * Jobs: processing of a take, which spends credits. Creation is never resent once the request
 * has left: a lost response surfaces as MoveOutcomeUnknownError (see `@move-ugc/core` for the
 * workflow that reconciles it through a client token in metadata).
 */
export class JobsResource extends Resource {
  async createSingleCam<E extends JobExpand = never>(
    params: SingleCamJobParams<E>,
    options?: RequestOptions,
  ): Promise<Job<E>> {
    const vars = {
      takeId: checkId(params.takeId, 'takeId', 'take'),
      outputs: params.outputs,
      options: params.options,
      clipWindow: params.clipWindow,
      name: params.name,
      metadata: encodeMetadata(params.metadata),
      ...expandVariables(EXPAND, params.expand, 'jobs.createSingleCam'),
    };
    const data = await this.transport.request(CreateSingleCamJobDocument, vars, options);
    return decodeMetadata(data.createSingleCamJob) as Job<E>;
  }

  async createMultiCam<E extends JobExpand = never>(
    params: MultiCamJobParams<E>,
    options?: RequestOptions,
  ): Promise<Job<E>> {
    const vars = {
      takeId: checkId(params.takeId, 'takeId', 'take'),
      numberOfActors: checkPositiveInt(params.numberOfActors, 'numberOfActors', 100),
      rig: params.rig,
      outputs: params.outputs,
      options: params.options,
      clipWindow: params.clipWindow,
      name: params.name,
      metadata: encodeMetadata(params.metadata),
      ...expandVariables(EXPAND, params.expand, 'jobs.createMultiCam'),
    };
    const data = await this.transport.request(CreateMultiCamJobDocument, vars, options);
    return decodeMetadata(data.createMultiCamJob) as Job<E>;
  }

  async retrieve<E extends JobExpand = never>(
    jobId: string,
    params: { expand?: readonly E[] } = {},
    options?: RequestOptions,
  ): Promise<Job<E>> {
    const vars = { jobId: checkId(jobId, 'jobId', 'job'), ...expandVariables(EXPAND, params.expand, 'jobs.retrieve') };
    const data = await this.transport.request(GetJobDocument, vars, options);
    return decodeMetadata(data.getJob) as Job<E>;
  }

  async update<E extends JobExpand = never>(
    jobId: string,
    params: { name?: string; metadata?: Metadata; expand?: readonly E[] },
    options?: RequestOptions,
  ): Promise<Job<E>> {
    const vars = {
      id: checkId(jobId, 'jobId', 'job'),
      name: params.name,
      metadata: encodeMetadata(params.metadata),
      ...expandVariables(EXPAND, params.expand, 'jobs.update'),
    };
    const data = await this.transport.request(UpdateJobDocument, vars, { ...options, retry: 'always' });
    return decodeMetadata(data.updateJob) as Job<E>;
  }

  /** `await` it for one page, or `for await` over it for every job. */
  list<E extends JobExpand = never>(params: JobListParams<E> = {}, options?: RequestOptions): PagePromise<Job<E>> {
    const include = expandVariables(EXPAND, params.expand, 'jobs.list');
    const takeId = params.takeId === undefined ? undefined : checkId(params.takeId, 'takeId', 'take');
    return new PagePromise<Job<E>>(
      async (after) => {
        const vars = { ...pageVariables(params, after), takeId, ...include };
        const data = await this.transport.request(ListJobsDocument, vars, { ...options, nullable: true });
        return toPage(decodeMetadata(data.listJobs));
      },
      params.after,
      params.maxPages,
    );
  }
}
