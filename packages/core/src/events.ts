// Typed progress events, so each face can draw what it likes: bars on a terminal, calm log lines
// in CI, nothing at all in n8n.
import type { JobState } from '@move-ugc/sdk';

export type SourceRole = 'video' | 'move' | `camera-${number}` | `volume-${number}`;

/** What was being done when a retry was needed. */
export type RetryPhase = 'upload' | 'take' | 'download' | 'job' | 'volume';

export type RunEvent =
  | { type: 'upload.started'; role: SourceRole; name: string; fileId: string; totalBytes: number }
  | { type: 'upload.progress'; role: SourceRole; sentBytes: number; totalBytes: number }
  | { type: 'upload.done'; role: SourceRole; fileId: string }
  | { type: 'upload.skipped'; role: SourceRole; fileId: string; reason: 'already-uploaded' }
  | { type: 'take.created'; takeId: string; resumed: boolean }
  | { type: 'volume.created'; volumeId: string; resumed: boolean }
  | { type: 'volume.progress'; volumeId: string; state: string; percentageComplete: number | null }
  | { type: 'job.created'; jobId: string; resumed: boolean; reused: boolean }
  | { type: 'job.progress'; jobId: string; state: JobState | string; percentageComplete: number | null }
  | { type: 'outputs.waiting'; jobId: string; ready: number; total: number }
  | { type: 'outputs.ready'; jobId: string; outputs: { fileName: string; format: string }[] }
  | { type: 'download.started'; fileName: string; totalBytes: number | undefined; offset: number }
  | { type: 'download.progress'; fileName: string; receivedBytes: number; totalBytes: number | undefined }
  | { type: 'download.done'; fileName: string; bytes: number; location?: string }
  | { type: 'download.skipped'; fileName: string; bytes: number; reason: 'already-downloaded' }
  | { type: 'retry'; phase: RetryPhase; attempt: number; reason: string; delayMs: number }
  /** Another run of the same intent holds the journal: this one waits for it to finish. */
  | { type: 'run.waiting'; holder: string; location: string };

export type EventListener = (event: RunEvent) => void;
