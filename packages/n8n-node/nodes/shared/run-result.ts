// The item JSON of a run (Video → Process, Job → Download Outputs): its ids and final job, and one
// entry per output naming the binary property it went to, or its download URL in URLs-only mode.
import type { RunOutput } from '@move-ugc/core';
import type { IDataObject } from 'n8n-workflow';
import { publicJson } from './public-json';

export function runResult(
  result: { outputs: RunOutput[]; job?: unknown },
  propertyOf?: Map<string, string>,
): IDataObject {
  return {
    ...publicJson({ ...result, job: undefined, outputs: undefined }),
    ...(result.job ? { job: publicJson(result.job) } : {}),
    outputs: result.outputs.map((output) => ({
      format: output.format,
      fileName: output.fileName,
      fileId: output.fileId,
      ...(output.bytes !== undefined ? { bytes: output.bytes } : {}),
      ...(propertyOf?.has(output.fileId) ? { binaryProperty: propertyOf.get(output.fileId) } : {}),
      // A presigned link, present only in URLs-only mode, which the user chose.
      ...(output.url ? { downloadUrl: output.url } : {}),
    })),
  };
}
