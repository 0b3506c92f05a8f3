// Errors of the workflow, on top of the SDK's tree: each names the job and what to do next.
import { MoveError } from '@move-ugc/sdk';

/** The job ended in FAILED. */
export class MoveJobFailedError extends MoveError {
  override name = 'MoveJobFailedError';
  readonly jobId: string;
  constructor(jobId: string, detail = '') {
    super(
      `Job ${jobId} failed on Move's side${detail ? ` (${detail})` : ''}. Check that the video shows one person ` +
        'in full view and is MP4/MOV (H.264) or AVI; then run again with a new job.',
    );
    this.jobId = jobId;
  }
}

/** The wait ran out while the job was still running: it goes on, and can be waited for again. */
export class MoveWaitTimeoutError extends MoveError {
  override name = 'MoveWaitTimeoutError';
  readonly jobId: string;
  readonly lastState: string | null;
  constructor(jobId: string, lastState: string | null, waitedMs: number) {
    super(
      `Job ${jobId} is still ${lastState ?? 'in progress'} after ${Math.round(waitedMs / 1000)} s of waiting. ` +
        'It keeps running on Move: wait for it again later (it is not charged twice).',
    );
    this.jobId = jobId;
    this.lastState = lastState;
  }
}

/** The volume (the calibration of a multi-camera set-up) ended in FAILED. */
export class MoveVolumeFailedError extends MoveError {
  override name = 'MoveVolumeFailedError';
  readonly volumeId: string;
  constructor(volumeId: string) {
    super(
      `Volume ${volumeId} failed on Move's side. Check that every calibration video shows the whole person ` +
        'walking through the capture area, seen by all cameras, with the clap (or timecode) inside each; ' +
        'running again creates a new volume.',
    );
    this.volumeId = volumeId;
  }
}

/** The wait ran out while the volume was still being made: it goes on, and a re-run waits for it again. */
export class MoveVolumeWaitTimeoutError extends MoveError {
  override name = 'MoveVolumeWaitTimeoutError';
  readonly volumeId: string;
  readonly lastState: string | null;
  constructor(volumeId: string, lastState: string | null, waitedMs: number) {
    super(
      `Volume ${volumeId} is still ${lastState ?? 'in progress'} after ${Math.round(waitedMs / 1000)} s of waiting. ` +
        'It keeps processing on Move: run again with the same journal (or pass it as volumeId) to continue.',
    );
    this.volumeId = volumeId;
    this.lastState = lastState;
  }
}

/** An upload or download failed for good. */
export class MoveTransferError extends MoveError {
  override name = 'MoveTransferError';
  readonly status: number | undefined;
  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.status = options.status;
  }
}

/**
 * A local file or folder cannot be used: no permission, a file where a folder should be, a
 * read-only or full disk, a name too long. Never retried; the message names the path and the fix.
 */
export class MoveFileSystemError extends MoveError {
  override name = 'MoveFileSystemError';
  readonly path: string;
  /** The system's error code (`EACCES`, `ENOTDIR`, …), when there was one. */
  readonly code: string | undefined;
  constructor(message: string, path: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.path = path;
    this.code = options.code;
  }
}

/**
 * Outputs that would replace an input of the run, or a file the run did not write (unless the
 * sink may overwrite): all of them, found before anything is paid for (the names are predictable),
 * else before the download. Not retried: the message says how to clear the way.
 */
export class MoveOutputConflictError extends MoveError {
  override name = 'MoveOutputConflictError';
  /** The paths that are in the way. */
  readonly conflicts: string[];
  constructor(message: string, conflicts: string[]) {
    super(message);
    this.conflicts = conflicts;
  }
}
