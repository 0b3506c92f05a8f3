// The contract with `move-ugc view`: the server writes job.json next to index.html and serves the
// files it names under files/. Everything in it is read defensively (a hand-edited or older
// job.json must not break the page), and every url must stay on this origin.

import type { AnimationEntry, JobFacts, OutputEntry, VideoEntry, ViewerJob } from './contract.ts';

export type { AnimationEntry, JobFacts, OutputEntry, VideoEntry, ViewerJob };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The url as written (relative, like `files/take.glb`), or null when it would leave this origin. */
export function sameOriginUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  try {
    return new URL(value, document.baseURI).origin === location.origin ? value : null;
  } catch {
    return null;
  }
}

function job(value: unknown): JobFacts | null {
  if (!isObject(value)) return null;
  const id = text(value.id);
  if (id === null) return null;
  return {
    id,
    state: text(value.state),
    takeId: text(value.takeId),
    created: text(value.created),
    name: text(value.name),
  };
}

function output(value: unknown): OutputEntry | null {
  if (!isObject(value)) return null;
  const fileName = text(value.fileName);
  const url = sameOriginUrl(value.url);
  if (fileName === null || url === null) return null;
  const bytes = typeof value.bytes === 'number' && Number.isFinite(value.bytes) ? value.bytes : 0;
  return { fileName, format: text(value.format), bytes, url };
}

function animation(value: unknown): AnimationEntry | null {
  if (!isObject(value)) return null;
  const fileName = text(value.fileName);
  const url = sameOriginUrl(value.url);
  const kind = value.kind === 'glb' || value.kind === 'fbx' ? value.kind : null;
  if (fileName === null || url === null || kind === null) return null;
  return { fileName, kind, url };
}

function video(value: unknown): VideoEntry | null {
  if (!isObject(value)) return null;
  const fileName = text(value.fileName);
  const url = sameOriginUrl(value.url);
  if (fileName === null || url === null) return null;
  return { fileName, url };
}

/** job.json as the page uses it; throws when it is not an object at all. */
export function parseJob(value: unknown): ViewerJob {
  if (!isObject(value)) throw new Error('job.json is not an object');
  const outputs = Array.isArray(value.outputs) ? value.outputs.map(output) : [];
  return {
    source: value.source === 'folder' ? 'folder' : 'job',
    folder: text(value.folder) ?? '',
    job: job(value.job),
    outputs: outputs.filter((entry): entry is OutputEntry => entry !== null),
    animation: animation(value.animation),
    video: video(value.video),
    hint: text(value.hint),
  };
}

export async function fetchJob(): Promise<ViewerJob> {
  const response = await fetch('job.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`job.json: HTTP ${response.status}`);
  return parseJob(await response.json());
}
