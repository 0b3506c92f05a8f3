// Upload one file (a video, or the `.move` sidecar the Move One app records beside it), checked by
// its content first. Journalled like a run: with a journal that outlives the process, the same file
// sent again returns the file it already made instead of uploading it twice.
import type { SourceFormat } from '@move-ugc/sdk';
import type { UploadSource } from '../ports/sources';
import { createContext, type WorkflowOptions } from '../steps/context';
import { intentKey } from '../steps/intent';
import { openRunJournal, type RunJournalOptions, withRunJournal } from '../steps/run-journal';
import { uploadSource } from '../steps/upload';
import { checkMoveSidecar, checkVideo } from '../validate';

export interface UploadFileInput {
  source: UploadSource;
  /**
   * `MOVE` for a sidecar; a video container to insist on it; left out, the video's container is
   * read from its first bytes.
   */
  format?: SourceFormat;
}

export interface UploadFileOptions extends WorkflowOptions, RunJournalOptions {
  /** Names the file in messages (`file` by default). */
  field?: string;
}

export interface UploadedFile {
  fileId: string;
  format: SourceFormat;
  bytes: number;
  /** The file was uploaded by an earlier call with the same source. */
  resumed: boolean;
}

export async function uploadFile(input: UploadFileInput, options: UploadFileOptions): Promise<UploadedFile> {
  const { source } = input;
  const field = options.field ?? 'file';
  let format: SourceFormat = 'MOVE';
  if (input.format === 'MOVE') await checkMoveSidecar(source, field);
  else {
    const container = await checkVideo(source, field);
    format = input.format ?? container;
  }
  const ctx = createContext(options);
  const role = format === 'MOVE' ? 'move' : 'video';
  const journal = await openRunJournal(
    ctx,
    'file',
    await intentKey('file', { source: await source.identity(), format }),
    options,
  );
  return withRunJournal(ctx, journal, async () => {
    const resumed = journal.record.uploads[role]?.uploaded === true;
    const fileId = await uploadSource(ctx, journal, { role, source, fileType: format.toLowerCase() });
    return { fileId, format, bytes: source.size, resumed };
  });
}
