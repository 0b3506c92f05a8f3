// job.json, the document `move-ugc view` serves beside the page: the one contract between the
// CLI's server (packages/cli/src/view) and this page. The CLI imports these types from here.

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
