// Outputs into n8n binary data: core streams each download into this sink, which hands it to
// prepareBinaryData (as a Node stream, so n8n's binary store writes it without holding it in
// memory) under a property named after the output's format, e.g. `fbx`, `render_overlay_mp4`.
import { callbackSink, MoveTransferError, type OutputSink } from '@move-ugc/core';
import { safeName } from '@move-ugc/core/internal';
import type { IBinaryKeyData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { mimeTypeOf } from './mime-types';
import { collect } from './node-stream';
import type { N8nTransferAgent } from './transfer-agent';

export interface BinaryOutputs {
  sink: OutputSink;
  /** The item's binary data, filled as outputs arrive. */
  binary: IBinaryKeyData;
  /** The binary property each output file went to, by file id. */
  propertyOf: Map<string, string>;
}

export function binaryOutputs(
  context: IExecuteFunctions | IWebhookFunctions,
  transfer: N8nTransferAgent,
): BinaryOutputs {
  const binary: IBinaryKeyData = {};
  const propertyOf = new Map<string, string>();
  const taken = new Set<string>();
  // Claimed before any await: several outputs download at once and may share a format.
  const claim = (fileId: string, format: string) => {
    const known = propertyOf.get(fileId);
    if (known) return known;
    const wanted = safeName(format.toLowerCase(), 'output');
    let property = wanted;
    for (let n = 2; taken.has(property); n++) property = `${wanted}_${n}`;
    taken.add(property);
    propertyOf.set(fileId, property);
    return property;
  };
  const sink = callbackSink(async (target, body, totalBytes) => {
    const property = claim(target.fileId, target.format);
    let received = 0;
    const counted = (async function* () {
      for await (const chunk of body) {
        received += chunk.byteLength;
        yield chunk;
      }
    })();
    const data = transfer.toReadable(counted) ?? (await collect(counted));
    const stored = await context.helpers.prepareBinaryData(data, target.fileName, mimeTypeOf(target.fileName));
    if (totalBytes !== undefined && received !== totalBytes) {
      // Thrown before the output counts as saved, so core downloads it again.
      throw new MoveTransferError(`${target.fileName} arrived with ${received} of its ${totalBytes} bytes.`);
    }
    binary[property] = stored;
    return { bytes: received, location: property };
  });
  return { sink, binary, propertyOf };
}
