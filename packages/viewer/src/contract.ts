// What `move-ugc view` and this page share, typed once: job.json, the document the CLI's server
// (packages/cli/src/view) serves beside the page, and `window.__viewer`, the hooks its browser tests
// read. The CLI imports these types from here.

export interface JobFacts {
  id: string;
  state: string | null;
  takeId: string | null;
  created: string | null;
  name: string | null;
}

export interface OutputEntry {
  fileName: string;
  format: string | null;
  bytes: number;
  url: string;
}

export interface AnimationEntry {
  fileName: string;
  kind: 'glb' | 'fbx';
  url: string;
}

export interface VideoEntry {
  fileName: string;
  url: string;
}

export interface ViewerJob {
  source: 'job' | 'folder';
  folder: string;
  job: JobFacts | null;
  outputs: OutputEntry[];
  animation: AnimationEntry | null;
  video: VideoEntry | null;
  hint: string | null;
}

/** `window.__viewer`: what the browser tests read of the page. */
export interface ViewerState {
  time: number;
  duration: number;
  playing: boolean;
  frame: number;
  frames: number;
  fps: number;
  speed: number;
  loop: boolean;
  hasAnimation: boolean;
  hasVideo: boolean;
  /** Why the page shows no model when it should (job.json or the model failed to load). */
  error: string | null;
}

export interface ViewerHooks {
  ready: Promise<void>;
  state(): ViewerState;
}
