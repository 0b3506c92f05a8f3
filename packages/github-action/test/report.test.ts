import { initialRunState, MoveJobFailedError, MoveWaitTimeoutError } from '@move-ugc/core';
import {
  MoveAbortError,
  MoveAuthenticationError,
  MoveConnectionError,
  MoveOutcomeUnknownError,
  MoveValidationError,
} from '@move-ugc/sdk';
import { describe, expect, it } from 'vitest';
import { explain } from '../src/advice';
import { InputError } from '../src/inputs';
import type { PlannedVideo } from '../src/plan';
import { failureMessage, overallState, type RunReport, videoReport } from '../src/report';

const KEY = 'move-gha-v1-abc';

describe('explain', () => {
  it('says nothing was spent when an input is wrong', () => {
    expect(explain(new InputError(['clip-window: nope']))).toBe(
      'clip-window: nope\nNothing was uploaded and no credit was spent.',
    );
    expect(explain(new MoveValidationError('video "x.mkv" is not an MP4'))).toContain('no credit was spent');
  });

  it('points at the secret when the key is rejected', () => {
    expect(explain(new MoveAuthenticationError('Unauthorized', { status: 401 }))).toContain(
      'Move rejected the API key (HTTP 401). Check the secret passed as api-key',
    );
  });

  it('warns that a failed job is not reused', () => {
    const text = explain(new MoveJobFailedError('job-1'), { jobId: 'job-1', idempotencyKey: KEY });
    expect(text).toContain('Job job-1 failed');
    expect(text).toContain('Re-running this workflow pays for a new job');
  });

  it('turns a timeout into how to pick the job up again', () => {
    const text = explain(new MoveWaitTimeoutError('job-1', 'RUNNING', 7_200_000), {
      jobId: 'job-1',
      idempotencyKey: KEY,
      timeoutMs: 7_200_000,
    });
    expect(text).toBe(
      'Job job-1 is still RUNNING after 2h 0m (timeout-minutes). It keeps running on Move. Re-running this workflow ' +
        `with the same idempotency key (${KEY}) picks up job job-1 without paying again. Or raise timeout-minutes ` +
        "(and the step's own timeout-minutes, if set).",
    );
  });

  it('says a re-run is safe after a network failure or an unknown outcome', () => {
    const lost = explain(new MoveConnectionError('Could not reach Move.', { requestSent: true }), {
      idempotencyKey: KEY,
    });
    expect(lost).toContain(
      `Re-running this workflow is safe: the same idempotency key (${KEY}) finds any job already made`,
    );
    expect(explain(new MoveOutcomeUnknownError('createSingleCamJob', {}), {})).toContain('none is paid for twice');
    expect(explain(new TypeError('boom'))).toContain('Unexpected error: boom');
  });

  it('after a cancellation, names the job still running or says none was made', () => {
    expect(explain(new MoveAbortError('aborted'), { jobId: 'job-1', idempotencyKey: KEY })).toContain(
      'Cancelled. Job job-1 is still running on Move.',
    );
    expect(explain(new MoveAbortError('aborted'), {})).toBe(
      'Cancelled. No job was created for it, so nothing was paid for; a re-run starts it afresh.',
    );
  });
});

describe('videoReport', () => {
  const planned = {
    video: { path: '/ws/walk.mp4', display: 'walk.mp4' },
    input: { idempotencyKey: KEY },
    outputDir: '/ws/move-outputs',
    keyDerived: true,
  } as PlannedVideo;

  it('keeps the job id and last state of a video that did not finish', () => {
    const facts = {
      ...initialRunState(),
      jobId: 'job-1',
      takeId: 'take-1',
      jobState: 'RUNNING',
      percent: 40,
      startedAt: 0,
      endedAt: 5000,
    };
    const timedOut = videoReport(
      planned,
      { ok: false, error: new MoveWaitTimeoutError('job-1', 'RUNNING', 3000) },
      facts,
      {
        timeoutMs: 3000,
        cancelled: false,
      },
    );
    expect(timedOut).toMatchObject({ jobId: 'job-1', takeId: 'take-1', state: 'RUNNING', durationMs: 5000, files: [] });

    const cancelled = videoReport(planned, { ok: false, error: new Error('socket closed') }, facts, {
      timeoutMs: 3000,
      cancelled: true,
    });
    expect(cancelled.error).toMatch(/^Cancelled\. Job job-1 is still running on Move\./);

    const early = videoReport(planned, { ok: false, error: new Error('upload failed') }, initialRunState(), {
      timeoutMs: 3000,
      cancelled: false,
    });
    expect(early.state).toBe('NOT_CREATED');
  });
});

describe('overallState and failureMessage', () => {
  it('reports the state that needs attention first', () => {
    expect(overallState(['FINISHED', 'RUNNING', 'FINISHED'])).toBe('RUNNING');
    expect(overallState(['FINISHED', 'NOT_CREATED', 'FAILED'])).toBe('FAILED');
    expect(overallState(['FINISHED', 'SOMETHING_NEW'])).toBe('SOMETHING_NEW');
    expect(overallState([])).toBe('NOT_CREATED');
  });

  it('lists the videos that did not finish', () => {
    const base: RunReport = { videos: [], state: 'FAILED', outputDir: '/ws/out', waited: true, cancelled: false };
    const video = (name: string, error?: string) => ({
      video: name,
      state: error ? 'FAILED' : 'FINISHED',
      idempotencyKey: KEY,
      keyDerived: true,
      reused: false,
      outputDir: '/ws/out',
      files: [],
      error,
    });
    expect(failureMessage({ ...base, videos: [video('a.mp4')] })).toBeUndefined();
    expect(failureMessage({ ...base, videos: [video('a.mp4', 'Job job-1 failed.\nRe-run.')] })).toBe(
      'Job job-1 failed.\nRe-run.',
    );
    expect(failureMessage({ ...base, videos: [video('a.mp4'), video('b.mp4', 'Job job-2 failed.\nRe-run.')] })).toBe(
      '1 of 2 videos did not finish:\n- b.mp4: Job job-2 failed. Re-run.',
    );
    expect(failureMessage({ ...base, problem: 'video is empty' })).toBe('video is empty');
  });
});
