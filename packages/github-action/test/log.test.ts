import type { BatchEvent, RunEvent } from '@move-ugc/core';
import { describe, expect, it } from 'vitest';
import { PHASES, ProgressLog } from '../src/log';
import { SecretMask } from '../src/secrets';
import { RunTracker } from '../src/tracker';

function recorder() {
  const lines: string[] = [];
  const sink = {
    info: (line: string) => lines.push(line),
    startGroup: (title: string) => lines.push(`::group::${title}`),
    endGroup: () => lines.push('::endgroup::'),
  };
  return { lines, sink };
}

const item = (event: RunEvent, index = 0): BatchEvent => ({ type: 'batch.item', index, event });

describe('ProgressLog', () => {
  it('prints a transfer at each quarter only, however many progress events arrive', () => {
    const { lines, sink } = recorder();
    const log = new ProgressLog(sink, (text) => text);
    log.follow(['walk.mp4'], new RunTracker(1));
    const total = 400 * 1024 * 1024;
    log.handle(item({ type: 'upload.started', role: 'video', name: 'walk.mp4', fileId: 'file-1', totalBytes: total }));
    for (let sent = 1; sent <= 100; sent++) {
      log.handle(item({ type: 'upload.progress', role: 'video', sentBytes: (total * sent) / 100, totalBytes: total }));
    }
    log.handle(item({ type: 'upload.done', role: 'video', fileId: 'file-1' }));
    log.close();
    expect(lines).toEqual([
      '::group::Upload',
      'Uploading walk.mp4 (400 MiB)',
      '  video 25% (100 MiB of 400 MiB)',
      '  video 50% (200 MiB of 400 MiB)',
      '  video 75% (300 MiB of 400 MiB)',
      'Uploaded the video (file-1)',
      '::endgroup::',
    ]);
  });

  it('prints the job at each change of state or quarter, in its own group', () => {
    const { lines, sink } = recorder();
    let now = 0;
    const tracker = new RunTracker(1, () => now);
    const log = new ProgressLog(
      sink,
      (text) => text,
      () => now,
    );
    log.follow(['walk.mp4'], tracker);
    const events: RunEvent[] = [
      { type: 'job.created', jobId: 'job-1', resumed: false, reused: false },
      { type: 'job.progress', jobId: 'job-1', state: 'NOT_STARTED', percentageComplete: null },
      ...[0, 3, 10, 24, 25, 26, 49, 51, 80, 99].map(
        (percent): RunEvent => ({
          type: 'job.progress',
          jobId: 'job-1',
          state: 'RUNNING',
          percentageComplete: percent,
        }),
      ),
      { type: 'job.progress', jobId: 'job-1', state: 'FINISHED', percentageComplete: 100 },
      { type: 'outputs.ready', jobId: 'job-1', outputs: [{ fileName: 'walk.fbx', format: 'fbx' }] },
    ];
    for (const event of events) {
      tracker.handle(item(event));
      log.handle(item(event));
      now += 30_000;
    }
    expect(lines).toEqual([
      `::group::${PHASES.job}`,
      'Job job-1 created',
      'Job job-1: NOT_STARTED',
      'Job job-1: RUNNING 0%',
      'Job job-1: RUNNING 25%',
      'Job job-1: RUNNING 51%',
      'Job job-1: RUNNING 80%',
      'Job job-1: FINISHED 100%',
      'Job job-1 finished after 6m 30s: 1 outputs',
    ]);
  });

  it('labels the lines of a batch with their video, and switches groups as phases change', () => {
    const { lines, sink } = recorder();
    const log = new ProgressLog(sink, (text) => text);
    log.follow(['a.mp4', 'b.mp4'], new RunTracker(2));
    log.handle(item({ type: 'upload.started', role: 'video', name: 'a.mp4', fileId: 'file-a', totalBytes: 10 }, 0));
    log.handle(item({ type: 'job.created', jobId: 'job-b', resumed: false, reused: true }, 1));
    log.handle(item({ type: 'download.started', fileName: 'b.fbx', totalBytes: 2048, offset: 1024 }, 1));
    log.handle({ type: 'batch.item.failed', index: 0, error: new Error('Uploading a.mp4 failed.\nRe-run.') });
    log.handle(item({ type: 'retry', phase: 'download', attempt: 2, reason: 'HTTP 503', delayMs: 1500 }, 1));
    expect(lines).toEqual([
      '::group::Upload',
      '[a.mp4] Uploading a.mp4 (10 B)',
      '::endgroup::',
      `::group::${PHASES.job}`,
      '[b.mp4] Job job-b reused: an earlier run made it with the same idempotency key, so it is not paid for again',
      '::endgroup::',
      `::group::${PHASES.download}`,
      '[b.mp4] Downloading b.fbx (2.0 KiB), resuming at 1.0 KiB',
      '[a.mp4] stopped: Uploading a.mp4 failed.',
      '[b.mp4] download: HTTP 503; retry 2 in 2s',
    ]);
  });

  it('scrubs secrets from every line it prints', () => {
    const { lines, sink } = recorder();
    const mask = new SecretMask(() => {});
    mask.add('secret_key_123');
    const log = new ProgressLog(sink, (text) => mask.scrub(text));
    log.line('key secret_key_123 url https://bucket.s3.amazonaws.com/x.mp4?X-Amz-Signature=abc done');
    expect(lines).toEqual(['key [redacted] url https://bucket.s3.amazonaws.com/x.mp4?[redacted] done']);
  });

  it('BI-109 a job state with escapes and a line break is one plain line: no forged workflow command', () => {
    const { lines, sink } = recorder();
    const mask = new SecretMask(() => {});
    const log = new ProgressLog(sink, (text) => mask.scrub(text));
    log.follow(['walk.mp4'], new RunTracker(1));
    const state = '\u001b]0;pwned\u0007\u001b[31mRUNNING\u009b6n\r\n::add-mask::x\n::warning::forged\u001b[0m';
    log.handle(item({ type: 'job.progress', jobId: 'job-1', state, percentageComplete: 40 }));
    expect(lines).toEqual([`::group::${PHASES.job}`, 'Job job-1: RUNNING ::add-mask::x ::warning::forged 40%']);
    // A multi-line message of our own keeps its lines; the server's escapes go.
    expect(mask.scrub('Job failed (\u001b[2Jbad\u0007).\nRun again.')).toBe('Job failed (bad).\nRun again.');
  });
});
