// What `move-ugc view` shows: the viewable files of an output folder (the animation, GLB before FBX,
// and the video, the render before its overlay), as the document the page reads (`job.json`).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ViewerJob as CaptureDocument, JobFacts } from '@move-ugc/viewer/contract';

/** The formats `view` downloads of a job (Move's output format names): what the page can show. */
export const VIEWABLE_FORMATS = ['glb', 'fbx', 'mp4', 'render_overlay_mp4'] as const;

/** What the page should ask for when there is nothing to animate. */
export const VIEWABLE_OUTPUTS = 'MAIN_GLB,RENDER_VIDEO';

export interface CaptureFile {
  fileName: string;
  /** Move's format name: glb, fbx, mp4 (the render video) or render_overlay_mp4. */
  format: string;
  bytes: number;
}

/** `job.json`: the contract between this server and the page, declared by the page (packages/viewer). */
export type { JobFacts, ViewerJob as CaptureDocument } from '@move-ugc/viewer/contract';

/** The format a file of an output folder holds, by its name (as core names outputs); undefined when not viewable. */
export function formatOfName(fileName: string): string | undefined {
  const lower = fileName.toLowerCase();
  if (lower.startsWith('.')) return undefined;
  if (lower.endsWith('.glb')) return 'glb';
  if (lower.endsWith('.fbx')) return 'fbx';
  if (lower.endsWith('.render_overlay_mp4.mp4')) return 'render_overlay_mp4';
  if (lower.endsWith('.mp4')) return 'mp4';
  return undefined;
}

/** The viewable regular files directly in `folder` (not in subfolders, no hidden or partial files). */
export function scanFolder(folder: string): CaptureFile[] {
  const files: CaptureFile[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const format = formatOfName(entry.name);
    if (!format) continue;
    const stats = statSync(join(folder, entry.name), { throwIfNoEntry: false });
    if (!stats?.isFile()) continue;
    files.push({ fileName: entry.name, format, bytes: stats.size });
  }
  return files.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
}

/** Only the files `view` can show, from a run's outputs. */
export function viewableFiles(outputs: readonly { fileName: string; format: string; bytes?: number }[]): CaptureFile[] {
  return outputs.flatMap((o) => {
    const format = o.format.toLowerCase();
    return (VIEWABLE_FORMATS as readonly string[]).includes(format)
      ? [{ fileName: o.fileName, format, bytes: o.bytes ?? 0 }]
      : [];
  });
}

export function fileUrl(fileName: string): string {
  return `files/${encodeURIComponent(fileName)}`;
}

function stem(fileName: string): string {
  return fileName.replace(/\.(glb|fbx|mp4)$/i, '').replace(/\.render_overlay_mp4$/i, '');
}

export function captureDocument(input: {
  source: 'job' | 'folder';
  folder: string;
  job: JobFacts | null;
  files: readonly CaptureFile[];
}): CaptureDocument {
  const { files } = input;
  const animationFile = files.find((f) => f.format === 'glb') ?? files.find((f) => f.format === 'fbx');
  // The video of the same capture as the animation when there are several; the render before its overlay.
  const base = animationFile && stem(animationFile.fileName);
  const videos = files.filter((f) => f.format === 'mp4' || f.format === 'render_overlay_mp4');
  const rank = (f: CaptureFile) => (stem(f.fileName) === base ? 0 : 2) + (f.format === 'mp4' ? 0 : 1);
  const videoFile = [...videos].sort((a, b) => rank(a) - rank(b))[0];
  return {
    source: input.source,
    folder: input.folder,
    job: input.job,
    outputs: files.map((f) => ({ fileName: f.fileName, format: f.format, bytes: f.bytes, url: fileUrl(f.fileName) })),
    animation: animationFile
      ? {
          fileName: animationFile.fileName,
          kind: animationFile.format as 'glb' | 'fbx',
          url: fileUrl(animationFile.fileName),
        }
      : null,
    video: videoFile ? { fileName: videoFile.fileName, url: fileUrl(videoFile.fileName) } : null,
    hint: animationFile ? null : hintFor(input.job, input.folder),
  };
}

function hintFor(job: JobFacts | null, folder: string): string {
  const ask = `--outputs ${VIEWABLE_OUTPUTS}`;
  if (job) {
    const again = job.takeId ? `move-ugc jobs create --take ${job.takeId} ${ask}` : `a job with ${ask}`;
    return `Job ${job.id} has no GLB or FBX output to animate. Ask for one next time (\`move-ugc run <video> ${ask}\`), or process this take again: ${again}`;
  }
  return `No GLB or FBX file in ${folder} to animate. Ask for one next time: move-ugc run <video> ${ask}`;
}
