// One fold of a run's events into what a face shows of it: the phase, a line saying what is being
// done, a percentage, and the ids as they become known. The CLI's live lines, the Action's log and
// summary all read this state instead of each keeping their own.
import type { RunEvent } from './events';

export type RunPhase = 'starting' | 'waiting' | 'upload' | 'volume' | 'job' | 'outputs' | 'download';

export interface RunState {
  phase: RunPhase;
  /** What is being done now, for a status line: `uploading clip.mp4`, `job RUNNING`, `outputs 1/3 ready`. */
  activity: string;
  /** Of the current transfer, or the job's (or volume's) own percentage; null when unknown. */
  percent: number | null;
  takeId?: string;
  volumeId?: string;
  jobId?: string;
  /** Move's last reported state of the job. */
  jobState?: string;
  /** The job was made by an earlier run with the same idempotency key. */
  reused: boolean;
  /** The job was made by an earlier attempt of this run. */
  resumed: boolean;
  /** When the job became known (`at` of its `job.created` event). */
  jobCreatedAt?: number;
  /** Outputs saved so far (downloaded now or earlier). */
  saved: number;
  retries: number;
}

export function initialRunState(): RunState {
  return {
    phase: 'starting',
    activity: 'starting',
    percent: null,
    reused: false,
    resumed: false,
    saved: 0,
    retries: 0,
  };
}

const percentOf = (done: number, total: number | undefined): number | null =>
  total ? Math.min(100, Math.floor((done / total) * 100)) : null;

/** The state after `event`, which happened at `at` (ms); `state` is not changed. */
export function reduceRunEvent(state: RunState, event: RunEvent, at: number = Date.now()): RunState {
  switch (event.type) {
    case 'run.waiting':
      return { ...state, phase: 'waiting', activity: 'waiting for another run of the same video', percent: null };
    case 'upload.started':
      return { ...state, phase: 'upload', activity: `uploading ${event.name}`, percent: 0 };
    case 'upload.progress':
      return { ...state, percent: percentOf(event.sentBytes, event.totalBytes) };
    case 'upload.done':
    case 'upload.skipped':
      return { ...state, percent: null };
    case 'take.created':
      return { ...state, takeId: event.takeId };
    case 'volume.created':
      return { ...state, phase: 'volume', volumeId: event.volumeId, activity: 'volume created', percent: null };
    case 'volume.progress':
      return { ...state, activity: `volume ${event.state}`, percent: event.percentageComplete };
    case 'job.created':
      return {
        ...state,
        phase: 'job',
        activity: 'job created',
        percent: null,
        jobId: event.jobId,
        reused: event.reused,
        resumed: event.resumed,
        jobCreatedAt: at,
      };
    case 'job.progress':
      return { ...state, activity: `job ${event.state}`, jobState: event.state, percent: event.percentageComplete };
    case 'outputs.waiting':
      return { ...state, phase: 'outputs', activity: `outputs ${event.ready}/${event.total} ready`, percent: null };
    case 'outputs.ready':
      return {
        ...state,
        phase: 'outputs',
        jobState: 'FINISHED',
        activity: `${event.outputs.length} output${event.outputs.length === 1 ? '' : 's'} ready`,
      };
    case 'download.started':
      return { ...state, phase: 'download', activity: `downloading ${event.fileName}`, percent: 0 };
    case 'download.progress':
      return { ...state, percent: percentOf(event.receivedBytes, event.totalBytes) };
    case 'download.done':
    case 'download.skipped':
      return { ...state, saved: state.saved + 1, percent: null };
    case 'retry':
      return { ...state, retries: state.retries + 1 };
  }
}
