import { expandVariables } from '../core/expand';
import { decodeMetadata, encodeMetadata, type Metadata } from '../core/metadata';
import type { RequestOptions } from '../core/transport';
import { checkId } from '../core/validate';
import {
  CreateFileDocument,
  GenerateShareCodeDocument,
  GetFileDocument,
  UpdateFileDocument,
} from '../generated/graphql';
import type { FileExpand, MoveFile, ShareCode } from '../types';
import { Resource } from './resource';

const EXPAND: readonly FileExpand[] = ['client'];

export interface FileCreateParams<E extends FileExpand> {
  /** The file's type as Move names it: `mp4`, `mov`, `avi` or `move`. */
  type: string;
  name?: string;
  metadata?: Metadata;
  expand?: readonly E[];
}

export interface FileUpdateParams<E extends FileExpand> {
  name?: string;
  metadata?: Metadata;
  expand?: readonly E[];
}

/** Files: an upload slot (`presignedUrl` to PUT the bytes to) or an output of a job. */
export class FilesResource extends Resource {
  /**
   * Creates a file record with a presigned PUT URL. An unused record costs nothing, so a lost
   * response is simply retried.
   */
  async create<E extends FileExpand = never>(
    params: FileCreateParams<E>,
    options?: RequestOptions,
  ): Promise<MoveFile<E>> {
    const type = checkId(params.type, 'type');
    const vars = {
      type,
      name: params.name,
      metadata: encodeMetadata(params.metadata),
      ...expandVariables(EXPAND, params.expand, 'files.create'),
    };
    const data = await this.transport.request(CreateFileDocument, vars, { ...options, retry: 'always' });
    return decodeMetadata(data.createFile) as MoveFile<E>;
  }

  async retrieve<E extends FileExpand = never>(
    fileId: string,
    params: { expand?: readonly E[] } = {},
    options?: RequestOptions,
  ): Promise<MoveFile<E>> {
    const vars = {
      fileId: checkId(fileId, 'fileId', 'file'),
      ...expandVariables(EXPAND, params.expand, 'files.retrieve'),
    };
    const data = await this.transport.request(GetFileDocument, vars, options);
    return decodeMetadata(data.getFile) as MoveFile<E>;
  }

  async update<E extends FileExpand = never>(
    fileId: string,
    params: FileUpdateParams<E>,
    options?: RequestOptions,
  ): Promise<MoveFile<E>> {
    const vars = {
      id: checkId(fileId, 'fileId', 'file'),
      name: params.name,
      metadata: encodeMetadata(params.metadata),
      ...expandVariables(EXPAND, params.expand, 'files.update'),
    };
    const data = await this.transport.request(UpdateFileDocument, vars, { ...options, retry: 'always' });
    return decodeMetadata(data.updateFile) as MoveFile<E>;
  }

  /** A short code and URL to share the file with someone without an API key. */
  async createShareCode(fileId: string, options?: RequestOptions): Promise<ShareCode> {
    const vars = { fileId: checkId(fileId, 'fileId', 'file') };
    const data = await this.transport.request(GenerateShareCodeDocument, vars, { ...options, retry: 'always' });
    return decodeMetadata(data.generateShareCode);
  }
}
