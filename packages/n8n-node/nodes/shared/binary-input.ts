// Sources for core from n8n binary data. A binary kept in n8n's binary store (it has an id) is
// streamed from there on every upload attempt, so a multi-GB video never sits in memory; one held
// inline in the item is small by definition and is read as bytes.
import { bytesSource, streamSource, type UploadSource } from '@move-ugc/core';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

export async function binarySource(
  context: IExecuteFunctions,
  itemIndex: number,
  property: string,
): Promise<UploadSource> {
  const binary = context.helpers.assertBinaryData(itemIndex, property);
  const name = binary.fileName ?? `${property}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
  const id = binary.id;
  if (id) {
    return streamSource({
      name,
      size: await storedSize(context, binary, id),
      openStream: () => context.helpers.getBinaryStream(id),
      identity: `n8n-binary:${id}`,
    });
  }
  return bytesSource(await context.helpers.getBinaryDataBuffer(itemIndex, property), name);
}

/** `bytes` is exact where n8n records it; `fileSize` on the item is a rounded, human-readable text. */
async function storedSize(context: IExecuteFunctions, binary: IBinaryData, id: string): Promise<number> {
  if (typeof binary.bytes === 'number' && Number.isSafeInteger(binary.bytes)) return binary.bytes;
  return (await context.helpers.getBinaryMetadata(id)).fileSize;
}
