// Where downloaded outputs go. The workflow streams each output into a sink; a sink that keeps
// partial bytes (the Node directory sink) lets a cut download resume with a Range request.
import type { UploadSource } from './sources';

export interface OutputTarget {
  jobId: string;
  fileId: string;
  /** Move's format string, e.g. `fbx`, `mp4`, `render_overlay_mp4` (opaque). */
  format: string;
  /** A safe file name, unique within the job: see outputFileNames(). */
  fileName: string;
  /**
   * Where this run keeps the output's bytes until it is complete, as its journal recorded it (or
   * newPartial() made it): the only partial bytes a sink may resume from.
   */
  partial?: string;
  /** Where this run saved the output before, as its journal says: held if still complete there. */
  saved?: string;
}

/** What a run is about to write, for OutputSink.check(). */
export interface OutputPlan {
  /** The outputs' file names: predicted from the output types, or the job's own once known. */
  fileNames: string[];
  /** Outputs this run saved before (from its journal): finding them again is no clash. */
  saved: { fileName: string; bytes: number; location?: string }[];
  /** The run's inputs: an output never replaces one. */
  inputs: UploadSource[];
}

export interface SavedOutput {
  bytes: number;
  /** Where the sink put it, when it is a place (a path, a URL, a binary property name). */
  location?: string;
}

export interface OutputSink {
  /**
   * Called before anything is paid for, and again once the job's output names are known: throws
   * if the outputs cannot be written (MoveFileSystemError: the place cannot be made or written;
   * MoveOutputConflictError: a name would replace an input, or a file this run did not write).
   * Sinks that write no files need none.
   */
  check?(plan: OutputPlan): Promise<void>;
  /**
   * Bytes of this output held: with `target.saved`, the complete output there (equal to
   * `expectedBytes`); with `target.partial`, the bytes in it. 0 when none, or when the sink cannot
   * resume. Nothing else counts: a file that merely has the output's name is not a partial download.
   */
  held(target: OutputTarget, expectedBytes: number | undefined): Promise<number>;
  /**
   * The temporary place for the output's bytes from byte 0, journalled before the first byte is
   * written: `target.partial` (the journalled one) again when it is the sink's own, so that a file
   * an earlier attempt left is replaced rather than left behind; else a new one.
   */
  newPartial?(target: OutputTarget): string;
  /**
   * Stores the body, which starts at `offset` (the bytes before it are held in `target.partial`).
   * Must check that exactly `totalBytes` are held at the end (when known) and only then make the
   * output visible under its final name, calling `commit` just before: the workflow journals the
   * output as saved there, so a crash in between never leaves a file the next run takes for another's.
   */
  save(
    target: OutputTarget,
    body: AsyncIterable<Uint8Array>,
    offset: number,
    totalBytes: number | undefined,
    commit?: (saved: SavedOutput) => Promise<void>,
  ): Promise<SavedOutput>;
}

/**
 * A sink handing each output to a callback as a stream, e.g. n8n's `prepareBinaryData`. It holds
 * nothing between attempts, so a cut download starts over.
 */
export function callbackSink(
  onOutput: (
    target: OutputTarget,
    body: AsyncIterable<Uint8Array>,
    totalBytes: number | undefined,
  ) => Promise<SavedOutput | undefined>,
): OutputSink {
  return {
    held: async () => 0,
    async save(target, body, _offset, totalBytes) {
      let bytes = 0;
      const counted = (async function* () {
        for await (const chunk of body) {
          bytes += chunk.byteLength;
          yield chunk;
        }
      })();
      const saved = await onOutput(target, counted, totalBytes);
      return { bytes, ...saved };
    },
  };
}
