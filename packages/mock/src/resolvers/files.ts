import { randomBytes } from 'node:crypto';
import { FILE_TYPES, normaliseFileType } from '../catalog';
import { badRequest } from '../errors';
import { isoTime } from '../ids';
import type { FileRecord } from '../store';
import { applyUpdate, checkName, mine, type NameAndMetadata, newOwned } from './common';
import type { ResolverContext, RootResolver } from './context';
import { fileView } from './views';

interface CreateFileArgs extends NameAndMetadata {
  type: string;
}

const SHARE_CODE_TTL_MS = 7 * 24 * 3600 * 1000;

export const fileResolvers: Record<string, RootResolver> = {
  getFile: (args, ctx) => fileView(ctx, mine(ctx, ctx.engine.store.files, args.fileId)),

  createFile: (raw, ctx) => {
    const args = raw as unknown as CreateFileArgs;
    const type = normaliseFileType(args.type);
    if (!(FILE_TYPES as readonly string[]).includes(type)) {
      throw badRequest(`Unsupported file type '${args.type}': use one of ${FILE_TYPES.join(', ')}.`);
    }
    checkName(args.name);
    const file: FileRecord = {
      ...newOwned(ctx, ctx.engine.newId('file'), args),
      type: args.type,
      upload: null,
      output: null,
    };
    ctx.engine.store.files.set(file.id, file);
    return fileView(ctx, file);
  },

  updateFile: (args, ctx) => {
    const file = mine(ctx, ctx.engine.store.files, args.id);
    checkName(args.name as string | null | undefined);
    applyUpdate(file, args as NameAndMetadata);
    return fileView(ctx, file);
  },

  generateShareCode: (args, ctx: ResolverContext) => {
    const file = mine(ctx, ctx.engine.store.files, args.fileId);
    if (!file.upload && !ctx.engine.outputReady(file, ctx.now)) {
      throw badRequest(`File '${file.id}' has no content to share yet.`);
    }
    const code = randomBytes(6).toString('base64url');
    return {
      code,
      created: isoTime(ctx.now),
      expires: isoTime(ctx.now + SHARE_CODE_TTL_MS),
      url: `${ctx.engine.baseUrl}/share/${code}`,
      file: fileView(ctx, file),
    };
  },
};
