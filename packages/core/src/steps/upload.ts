// Uploading one source: a file record with a presigned PUT URL, then the bytes, streamed with an
// exact Content-Length. Retried by reopening the source; an expired URL gets a fresh file record.
import { isRetryableStatus, MoveAbortError, redactUrl } from '@move-ugc/sdk';
import { MoveTransferError } from '../errors';
import type { SourceRole } from '../events';
import type { Journal } from '../ports/journal';
import type { UploadSource } from '../ports/sources';
import { type Context, pauseBeforeRetry, throwIfAborted } from './context';

export const UPLOAD_ATTEMPTS = 5;

export interface UploadRequest {
  role: SourceRole;
  source: UploadSource;
  /** Move's file type: `mp4`, `mov`, `avi` or `move`. */
  fileType: string;
}

/** Uploads the source unless the journal shows this very content already uploaded; returns the file id. */
export async function uploadSource(
  ctx: Context,
  journal: Journal,
  { role, source, fileType }: UploadRequest,
): Promise<string> {
  const identity = await source.identity();
  const previous = journal.record.uploads[role];
  if (previous?.uploaded && previous.identity === identity) {
    ctx.emit({ type: 'upload.skipped', role, fileId: previous.fileId, reason: 'already-uploaded' });
    return previous.fileId;
  }

  let file: { id: string; presignedUrl: string } | undefined;
  for (let attempt = 0; ; attempt++) {
    throwIfAborted(ctx, 'The upload');
    // A file record is cheap; a new one is the only way to a fresh upload URL.
    if (!file) {
      const created = await ctx.ugc.files.create({ type: fileType, name: source.name }, { signal: ctx.signal });
      if (!created.presignedUrl) throw new MoveTransferError(`Move gave no upload URL for ${source.name}; try again.`);
      file = { id: created.id, presignedUrl: created.presignedUrl };
      await journal.update((r) => {
        r.uploads[role] = { fileId: created.id, identity, uploaded: false };
      });
      ctx.emit({ type: 'upload.started', role, name: source.name, fileId: file.id, totalBytes: source.size });
    }

    let status: number;
    let detail = '';
    try {
      const result = await ctx.transfer.put(file.presignedUrl, await source.open(), {
        size: source.size,
        signal: ctx.signal,
        onProgress: (sentBytes) => ctx.emit({ type: 'upload.progress', role, sentBytes, totalBytes: source.size }),
      });
      status = result.status;
      if (status >= 300) detail = (await result.text().catch(() => '')).slice(0, 1000);
    } catch (err) {
      throwIfAborted(ctx, 'The upload');
      if (err instanceof MoveAbortError) throw err;
      if (attempt + 1 >= UPLOAD_ATTEMPTS) {
        throw new MoveTransferError(
          `Uploading ${source.name} failed ${UPLOAD_ATTEMPTS} times (${(err as Error).message}). Check the connection and run again: finished steps are kept.`,
          { cause: err },
        );
      }
      await pauseBeforeRetry(ctx, 'upload', attempt, `connection: ${(err as Error).message}`);
      continue;
    }

    if (status >= 200 && status < 300) {
      // Bytes from a file that changed meanwhile are no video the user ever had: never used.
      await source.verify?.();
      await journal.update((r) => {
        r.uploads[role] = { fileId: file!.id, identity, uploaded: true };
      });
      ctx.emit({ type: 'upload.done', role, fileId: file.id });
      return file.id;
    }
    // SignatureDoesNotMatch is no expiry: the request carried something the URL did not sign, and a
    // fresh URL would be refused the same way.
    const unsigned = status === 403 && /<Code>SignatureDoesNotMatch<\/Code>/.test(detail);
    const retryable = (status === 403 && !unsigned) || isRetryableStatus(status);
    if (!retryable || attempt + 1 >= UPLOAD_ATTEMPTS) {
      throw new MoveTransferError(
        `Uploading ${source.name} to ${redactUrl(file.presignedUrl)} failed with HTTP ${status}` +
          `${/RequestTimeTooSkewed/.test(detail) ? ' (this machine’s clock is off; set it right)' : ''}` +
          `${unsigned ? ' (SignatureDoesNotMatch: the request carried a header the upload URL was not signed with, such as a Content-Type; the HTTP client in use adds it)' : ''}` +
          `${status === 400 ? ' (the file changed size while uploading?)' : ''}.`,
        { status },
      );
    }
    // 403 from S3 here means the presigned URL expired (or its signature no longer holds).
    if (status === 403) file = undefined;
    await pauseBeforeRetry(ctx, 'upload', attempt, `HTTP ${status}`);
  }
}
