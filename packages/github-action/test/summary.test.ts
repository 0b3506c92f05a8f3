import { describe, expect, it } from 'vitest';
import type { RunReport, VideoReport } from '../src/report';
import { renderSummary } from '../src/summary';

const WS = '/home/runner/work/game/game';

function video(overrides: Partial<VideoReport> = {}): VideoReport {
  return {
    video: 'captures/walk.mp4',
    jobId: 'job-1',
    takeId: 'take-1',
    state: 'FINISHED',
    idempotencyKey: 'move-gha-v1-abc',
    keyDerived: true,
    reused: false,
    outputDir: `${WS}/move-outputs`,
    durationMs: 83_000,
    files: [
      { path: `${WS}/move-outputs/walk.fbx`, format: 'fbx', bytes: 1_572_864 },
      { path: `${WS}/move-outputs/walk.render_overlay_mp4.mp4`, format: 'render_overlay_mp4', bytes: 512 },
    ],
    ...overrides,
  };
}

function report(videos: VideoReport[], overrides: Partial<RunReport> = {}): RunReport {
  return {
    videos,
    state: videos[0]?.state ?? 'NOT_CREATED',
    outputDir: `${WS}/move-outputs`,
    waited: true,
    cancelled: false,
    ...overrides,
  };
}

describe('renderSummary', () => {
  it('shows a finished job with its id, state, duration and a table of files with sizes', () => {
    expect(renderSummary(report([video()]), WS)).toBe(
      [
        '### Move AI motion capture: ✅ FINISHED',
        '',
        '|  |  |',
        '| --- | --- |',
        '| Video | `captures/walk.mp4` |',
        '| Job | `job-1` |',
        '| Take | `take-1` |',
        '| State | ✅ FINISHED |',
        '| Duration | 1m 23s |',
        '| Idempotency key | `move-gha-v1-abc` (from the video and settings) |',
        '',
        '#### Output files (2, 1.5 MiB)',
        '',
        '| File | Format | Size |',
        '| --- | --- | ---: |',
        '| `move-outputs/walk.fbx` | fbx | 1.5 MiB |',
        '| `move-outputs/walk.render_overlay_mp4.mp4` | render_overlay_mp4 | 512 B |',
        '',
      ].join('\n'),
    );
  });

  it('says what to do under a failed job, and marks a reused one', () => {
    const markdown = renderSummary(
      report([
        video({
          state: 'FAILED',
          reused: true,
          files: [],
          error: 'Job job-1 failed on Move’s side.\nRe-running this workflow pays for a new job.',
        }),
      ]),
      WS,
    );
    expect(markdown).toContain('### Move AI motion capture: ❌ FAILED\n');
    expect(markdown).toContain('| Job | `job-1` (reused: made by an earlier run, not paid again) |');
    expect(markdown).not.toContain('Output files');
    expect(markdown).toContain('Job job-1 failed on Move’s side.\n\nRe-running this workflow pays for a new job.');
  });

  it('lists a batch row per video, its files, and what needs attention, worst state first', () => {
    const markdown = renderSummary(
      report(
        [
          video(),
          video({
            video: 'a|b.mp4',
            jobId: undefined,
            takeId: undefined,
            state: 'NOT_CREATED',
            files: [],
            durationMs: undefined,
            error: 'Uploading a|b.mp4 failed.\nRe-run.',
          }),
          video({
            video: 'captures/run.mov',
            jobId: 'job-3',
            files: [{ path: `${WS}/move-outputs/captures/run/run.fbx`, format: 'fbx', bytes: 2048 }],
          }),
        ],
        { state: 'NOT_CREATED' },
      ),
      WS,
    );
    expect(markdown).toContain('### Move AI motion capture: 3 videos, 1 not created, 2 finished\n');
    expect(markdown).toContain(
      [
        '| Video | Job | State | Duration | Files |',
        '| --- | --- | --- | ---: | ---: |',
        '| `captures/walk.mp4` | `job-1` | ✅ FINISHED | 1m 23s | 2 |',
        '| `a\\|b.mp4` | — | ⏹️ NOT_CREATED | — | 0 |',
        '| `captures/run.mov` | `job-3` | ✅ FINISHED | 1m 23s | 1 |',
      ].join('\n'),
    );
    expect(markdown).toContain('#### Output files (3, 1.5 MiB)');
    expect(markdown).toContain('| `captures/run.mov` | `move-outputs/captures/run/run.fbx` | fbx | 2.0 KiB |');
    expect(markdown).toContain('#### What needs attention\n\n- `a\\|b.mp4`: Uploading a\\|b.mp4 failed. Re-run.');
  });

  it('explains a run that never started, and one that did not wait', () => {
    const problem = renderSummary(
      report([], { problem: '2 inputs need fixing:\n  - a\n  - b\nNothing was uploaded.' }),
      WS,
    );
    expect(problem).toBe(
      '### Move AI motion capture: ❌ not started\n\n2 inputs need fixing:\n\n- a\n\n- b\n\nNothing was uploaded.\n',
    );

    const started = renderSummary(
      report([video({ state: 'NOT_STARTED', files: [] })], { waited: false, state: 'NOT_STARTED' }),
      WS,
    );
    expect(started).toContain('### Move AI motion capture: ⏳ NOT_STARTED\n');
    expect(started).toContain('Not waited for (`wait: false`)');
  });

  it('keeps files outside the workspace as absolute paths', () => {
    const markdown = renderSummary(
      report([video({ files: [{ path: '/mnt/assets/walk.fbx', format: 'fbx', bytes: 10 }] })]),
      WS,
    );
    expect(markdown).toContain('| `/mnt/assets/walk.fbx` | fbx | 10 B |');
  });
});
