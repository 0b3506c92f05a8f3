// From the `video` input (paths and globs, one per line) to the list of video files to process.
import { open } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { escapePath, glob, isDynamicPattern } from 'tinyglobby';
import { InputError } from './inputs';

export interface VideoPath {
  /** Absolute. */
  path: string;
  /** Relative to the workspace when inside it (with `/`), else absolute: for logs and outputs. */
  display: string;
}

/**
 * Literal paths are kept as given (a missing one is reported when it is opened); each glob must
 * match at least one file. `!pattern` lines exclude, and so does the output directory, so a re-run
 * on a kept workspace does not pick up the previous run's preview videos.
 */
export async function findVideos(lines: readonly string[], workspace: string, outputDir: string): Promise<VideoPath[]> {
  const excludes = lines.filter((line) => line.startsWith('!')).map((line) => line.slice(1).trim());
  const outputs = displayPath(outputDir, workspace);
  if (!isAbsolute(outputs)) excludes.push(`${escapePath(outputs)}/**`);

  const found = new Map<string, VideoPath>();
  const problems: string[] = [];
  for (const line of lines.filter((line) => !line.startsWith('!'))) {
    let paths: string[];
    if (isDynamicPattern(line)) {
      paths = await glob([line], { cwd: workspace, absolute: true, ignore: excludes, expandDirectories: false });
      if (paths.length === 0) {
        problems.push(
          `video: "${line}" matches no file under ${workspace}. Check the pattern, and that actions/checkout ran ` +
            'before this step (with `lfs: true` when the videos are stored in Git LFS).',
        );
      }
    } else {
      paths = [resolve(workspace, line)];
    }
    for (const path of paths) {
      const absolute = resolve(path);
      found.set(absolute, { path: absolute, display: displayPath(absolute, workspace) });
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return [...found.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}

export function displayPath(path: string, workspace: string): string {
  const inside = relative(workspace, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return path;
  return inside.replaceAll('\\', '/');
}

const LFS_POINTER = 'version https://git-lfs.github.com/spec/';

/**
 * A video kept in Git LFS but checked out without `lfs: true` is a small text file: say so, rather
 * than the generic "not a video".
 */
export async function checkNotLfsPointer(video: VideoPath): Promise<void> {
  const head = await readStart(video.path, LFS_POINTER.length).catch(() => undefined);
  // Missing, a directory, unreadable: opening it as a source reports that with the right advice.
  if (head?.toString('latin1') !== LFS_POINTER) return;
  throw new InputError([
    `video "${video.display}" is a Git LFS pointer, not the video itself. Check out with ` +
      '`uses: actions/checkout@v4` and `with: { lfs: true }` so the real file is downloaded.',
  ]);
}

async function readStart(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(head, 0, bytes, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
