// What the progress views print: a batch's lines follow core's RunState (one line per new activity
// off a terminal), and sizes and durations read as core formats them on every face.
import { stripVTControlCharacters } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchView } from '../src/output/batch-progress';
import type { Io } from '../src/output/io';
import { ProgressView } from '../src/output/progress';

const MiB = 1024 * 1024;

/** An Io that keeps what was written to stderr; `animate` as on a terminal or as in a CI log. */
function stderr(animate: boolean) {
  const written = { text: '' };
  const io = {
    stdout: { write: () => true },
    stderr: {
      columns: 100,
      write(text: string) {
        written.text += text;
        return true;
      },
    },
    json: false,
    animate,
    color: false,
    interactive: false,
    env: {},
  } as unknown as Io;
  /** The lines of the last redraw, without escapes. */
  const screen = () => stripVTControlCharacters(written.text.split('\x1b[0J').at(-1)!).split('\n').filter(Boolean);
  return { io, written, screen };
}

describe('a batch off a terminal', () => {
  it('prints a line per new activity of a video, never the same step twice nor its percentages', () => {
    const { io, written } = stderr(false);
    const view = new BatchView(io, ['a.mp4']);
    const step = (event: object) => view.handle({ type: 'batch.item', index: 0, event } as never);
    view.handle({ type: 'batch.item.started', index: 0 } as never);
    step({ type: 'upload.started', role: 'video', name: 'a.mp4', fileId: 'f', totalBytes: 100 });
    step({ type: 'upload.progress', role: 'video', sentBytes: 50, totalBytes: 100 });
    step({ type: 'run.waiting', holder: 'process 7 on ci', location: '/state' });
    step({ type: 'job.created', jobId: 'job-1', resumed: true, reused: false });
    step({ type: 'job.progress', jobId: 'job-1', state: 'RUNNING', percentageComplete: 10 });
    step({ type: 'job.progress', jobId: 'job-1', state: 'RUNNING', percentageComplete: 60 });
    step({ type: 'retry', phase: 'job', attempt: 1, reason: 'HTTP 503', delayMs: 1000 });
    step({ type: 'outputs.waiting', jobId: 'job-1', ready: 1, total: 2 });
    view.handle({ type: 'batch.item.done', index: 0, result: { outputs: [{}], state: 'FINISHED' } } as never);
    view.close();
    expect(written.text.split('\n')).toEqual([
      '  a.mp4: starting',
      '  a.mp4: uploading a.mp4',
      // The permanent lines say these; no second line for the activity they start.
      expect.stringMatching(/^ {2}a\.mp4: The same run is already in progress \(process 7 on ci\)/),
      '  a.mp4: job job-1 (resumed)',
      '  a.mp4: job RUNNING 10%',
      '  a.mp4: job: HTTP 503; retrying',
      '  a.mp4: outputs 1/2 ready',
      '✓ a.mp4: 1 output (1/1)',
      '',
    ]);
  });
});

describe('a batch on a terminal', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("draws each video's activity and percentage", () => {
    const { io, screen } = stderr(true);
    const view = new BatchView(io, ['a.mp4', 'b.mp4']);
    try {
      const step = (index: number, event: object) => view.handle({ type: 'batch.item', index, event } as never);
      view.handle({ type: 'batch.item.started', index: 0 } as never);
      view.handle({ type: 'batch.item.started', index: 1 } as never);
      step(0, { type: 'download.started', fileName: 'a.fbx', totalBytes: 400, offset: 0 });
      step(0, { type: 'download.progress', fileName: 'a.fbx', receivedBytes: 100, totalBytes: 400 });
      step(1, { type: 'job.created', jobId: 'job-2', resumed: false, reused: false });
      vi.advanceTimersByTime(100);
      expect(screen().slice(-2)).toEqual([
        expect.stringMatching(/ a\.mp4 {2}downloading a\.fbx 25%$/),
        expect.stringMatching(/ b\.mp4 {2}job created$/),
      ]);
    } finally {
      view.close();
    }
  });
});

describe('a single run', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says sizes and durations as core formats them, off a terminal', () => {
    const { io, written } = stderr(false);
    let now = 0;
    const view = new ProgressView(io, () => now);
    view.handle({ type: 'job.created', jobId: 'job-1', resumed: false, reused: false });
    view.handle({ type: 'job.progress', jobId: 'job-1', state: 'RUNNING', percentageComplete: 40 });
    now = 83_000;
    view.handle({ type: 'outputs.ready', jobId: 'job-1', outputs: [{ fileName: 'a.fbx', format: 'FBX' }] });
    view.handle({ type: 'retry', phase: 'download', attempt: 1, reason: 'HTTP 503', delayMs: 75_000 });
    view.handle({ type: 'download.started', fileName: 'a.fbx', totalBytes: 3 * MiB, offset: 0 });
    now += 1000;
    view.handle({ type: 'download.progress', fileName: 'a.fbx', receivedBytes: MiB, totalBytes: 3 * MiB });
    view.handle({ type: 'download.done', fileName: 'a.fbx', bytes: 3 * MiB });
    view.close();
    expect(written.text.split('\n')).toEqual([
      '✓ Job job-1',
      '  Job job-1 RUNNING 40%',
      '✓ Job finished in 1m 23s: 1 output',
      '  download: HTTP 503; retrying in 1m 15s',
      '↓ a.fbx (3.0 MiB)',
      '  a.fbx 25% 1.0 MiB/s ETA 2s',
      '✓ Saved a.fbx (3.0 MiB)',
      '',
    ]);
  });

  it("draws a followed job's state and time, and an ETA it cannot tell as ?", () => {
    const { io, screen } = stderr(true);
    let now = 0;
    const view = new ProgressView(io, () => now);
    try {
      view.follow('job-2');
      view.handle({ type: 'job.progress', jobId: 'job-2', state: 'RUNNING', percentageComplete: 50 });
      now = 3_720_000;
      vi.advanceTimersByTime(100);
      expect(screen().at(-1)).toMatch(/ Job job-2 {2}RUNNING 50% {2}1h 2m$/);
      view.handle({ type: 'outputs.waiting', jobId: 'job-2', ready: 1, total: 3 });
      vi.advanceTimersByTime(100);
      expect(screen().at(-1)).toMatch(/ Job job-2 {2}FINISHED, outputs 1\/3 ready {2}1h 2m$/);
      // More bytes than announced: no time left can be told.
      view.handle({ type: 'download.started', fileName: 'b.fbx', totalBytes: 1000, offset: 0 });
      now += 1000;
      view.handle({ type: 'download.progress', fileName: 'b.fbx', receivedBytes: 2000, totalBytes: 1000 });
      vi.advanceTimersByTime(100);
      expect(screen()[0]).toMatch(/^↓ b\.fbx .* 100% {2}2\.0 KiB\/1000 B {2}2\.0 KiB\/s ETA \?$/);
    } finally {
      view.close();
    }
  });
});
