// What the run will do, worked out before anything is sent: the videos, each one's checked input,
// output directory and idempotency key. Every problem with any video is reported at once.
import { basename, extname, isAbsolute, join } from 'node:path';
import { batchItemKey, checkSingleCamInput, contentIdempotencyKey, type SingleCamInput } from '@move-ugc/core';
import { fileDigest, fileSource } from '@move-ugc/core/node';
import { MoveValidationError } from '@move-ugc/sdk';
import { type ActionInputs, InputError } from './inputs';
import { checkNotLfsPointer, findVideos, type VideoPath } from './videos';

export interface PlannedVideo {
  video: VideoPath;
  input: SingleCamInput & { idempotencyKey: string };
  /** Absolute. */
  outputDir: string;
  /** False when the user gave the key. */
  keyDerived: boolean;
}

export async function planRun(inputs: ActionInputs, log: (line: string) => void): Promise<PlannedVideo[]> {
  const videos = await findVideos(inputs.videoPatterns, inputs.workspace, inputs.outputDir);
  const batch = videos.length > 1;
  if (batch && inputs.moveFile) {
    throw new InputError([
      `move-file pairs a .move sidecar with one video, but video matched ${videos.length} files. ` +
        'Give a single video with its sidecar, or leave move-file out.',
    ]);
  }

  const problems: string[] = [];
  const collect = async <T>(work: () => Promise<T>, prefix = ''): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof InputError) problems.push(...error.problems.map((problem) => `${prefix}${problem}`));
      else if (error instanceof MoveValidationError) problems.push(`${prefix}${error.message}`);
      else throw error;
      return undefined;
    }
  };

  const move = inputs.moveFile ? await collect(() => fileSource(inputs.moveFile!), 'move-file: ') : undefined;
  const checked: { video: VideoPath; input: SingleCamInput }[] = [];
  for (const video of videos) {
    const input = await collect(
      async () => {
        await checkNotLfsPointer(video);
        const input: SingleCamInput = {
          video: await fileSource(video.path),
          move,
          deviceLabel: inputs.deviceLabel,
          outputs: inputs.outputs,
          options: inputs.options,
          clipWindow: inputs.clipWindow,
          name: inputs.name,
          metadata: inputs.metadata,
          // A key the user gave names the whole batch: each video gets its own from it, by path.
          idempotencyKey:
            inputs.idempotencyKey && batch ? batchItemKey(inputs.idempotencyKey, video.display) : inputs.idempotencyKey,
        };
        await checkSingleCamInput(input);
        return input;
      },
      batch ? `${video.display}: ` : '',
    );
    if (input) checked.push({ video, input });
  }
  if (problems.length > 0) throw new InputError(problems);

  const planned: PlannedVideo[] = [];
  for (const { video, input } of checked) {
    planned.push({
      video,
      input: { ...input, idempotencyKey: input.idempotencyKey ?? (await derivedKey(video, inputs, log)) },
      outputDir: batch ? join(inputs.outputDir, itemDirectory(video)) : inputs.outputDir,
      keyDerived: input.idempotencyKey === undefined,
    });
  }
  checkDistinct(planned);
  return planned;
}

/** The default key: a digest of what the job is made from, so re-running a workflow finds the job it paid for. */
async function derivedKey(video: VideoPath, inputs: ActionInputs, log: (line: string) => void): Promise<string> {
  log(`Hashing ${video.display} for its idempotency key`);
  // Not in the key: the job's name and metadata (labels), the output directory, `wait`.
  return contentIdempotencyKey({
    video: await fileDigest(video.path),
    move: inputs.moveFile ? await fileDigest(inputs.moveFile) : undefined,
    deviceLabel: inputs.deviceLabel,
    outputs: inputs.outputs,
    options: inputs.options,
    clipWindow: inputs.clipWindow,
  });
}

/** `videos/hero/walk.mp4` -> `videos/hero/walk`: a batch mirrors the videos' layout under output-dir. */
function itemDirectory(video: VideoPath): string {
  const path = isAbsolute(video.display) ? basename(video.display) : video.display;
  return path.slice(0, path.length - extname(path).length) || path;
}

/** Two videos must not share a job (same content) or an output directory (same name, other extension). */
function checkDistinct(planned: readonly PlannedVideo[]): void {
  const problems: string[] = [];
  const seen = (pick: (item: PlannedVideo) => string, problem: (first: string, second: string) => string) => {
    const first = new Map<string, string>();
    for (const item of planned) {
      const value = pick(item);
      const earlier = first.get(value);
      if (earlier !== undefined) problems.push(problem(earlier, item.video.display));
      else first.set(value, item.video.display);
    }
  };
  seen(
    (item) => item.input.idempotencyKey,
    (a, b) =>
      `${a} and ${b} have the same content, so they would be one job: remove one (or exclude it with a "!" line).`,
  );
  seen(
    (item) => item.outputDir,
    (a, b) => `${a} and ${b} would write their outputs to the same directory: rename one.`,
  );
  if (problems.length > 0) throw new InputError(problems);
}
