// Where downloaded outputs go. The workflow streams each output into a sink; a sink that keeps
// partial bytes (the Node directory sink) lets a cut download resume with a Range request.

export interface OutputTarget {
  jobId: string;
  fileId: string;
  /** Move's format string, e.g. `fbx`, `mp4`, `render_overlay_mp4` (opaque). */
  format: string;
  /** A safe file name, unique within the job: see outputFileNames(). */
  fileName: string;
}

export interface SavedOutput {
  bytes: number;
  /** Where the sink put it, when it is a place (a path, a URL, a binary property name). */
  location?: string;
}

export interface OutputSink {
  /**
   * Bytes of this output already held from an earlier attempt or run. Equal to `expectedBytes`
   * when complete. 0 when none, or when the sink cannot resume.
   */
  held(target: OutputTarget, expectedBytes: number | undefined): Promise<number>;
  /**
   * Stores the body, which starts at `offset` (the bytes before it are already held). Must check
   * that exactly `totalBytes` are held at the end (when known) and only then make the output
   * visible under its final name.
   */
  save(
    target: OutputTarget,
    body: AsyncIterable<Uint8Array>,
    offset: number,
    totalBytes: number | undefined,
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
