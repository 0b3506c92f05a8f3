import { OUTPUT_KINDS, type OutputType } from '../catalog';
import { NO_METADATA } from '../store';
import type { ResolverContext } from './context';

/** Creates the file records of a job's (or volume's) outputs; their URLs appear once they are ready. */
export function createOutputFiles(ctx: ResolverContext, ownerId: string, outputs: OutputType[]): string[] {
  return outputs.map((outputType) => {
    const kind = OUTPUT_KINDS[outputType];
    const id = ctx.engine.newId('file');
    ctx.engine.store.files.set(id, {
      id,
      clientId: ctx.client.id,
      created: ctx.now,
      seq: ctx.engine.store.nextSeq(),
      name: `${outputType.toLowerCase()}.${kind.extension}`,
      metadata: NO_METADATA,
      type: kind.fileType,
      upload: null,
      output: { ownerId, outputType, format: kind.format, size: ctx.engine.options.outputBytes },
    });
    return id;
  });
}
