// The job summary (GITHUB_STEP_SUMMARY): the job, its state and duration, and a table of the output
// files with their sizes; for a batch, a row per video. Rendered as Markdown, a pure function of
// the run's report, so it is tested without a runner.
import { formatBytes, formatDuration } from '@move-ugc/core';
import { attentionRank, type RunReport, type VideoReport } from './report';
import { displayPath } from './videos';

const TITLE = 'Move AI motion capture';

const ICONS: Record<string, string> = {
  FINISHED: '✅',
  FAILED: '❌',
  RUNNING: '⏳',
  NOT_STARTED: '⏳',
  NOT_CREATED: '⏹️',
};

export function renderSummary(report: RunReport, workspace: string): string {
  const blocks = [`### ${TITLE}: ${headline(report)}`];
  if (report.problem) blocks.push(paragraphs(report.problem));
  if (report.videos.length === 1) blocks.push(...singleVideo(report.videos[0]!, workspace));
  else if (report.videos.length > 1) blocks.push(...batch(report.videos, workspace));
  if (!report.waited && !report.cancelled && report.videos.some((video) => video.jobId)) {
    blocks.push(
      'Not waited for (`wait: false`): the job keeps running on Move. Run again with `wait: true` and the same ' +
        'idempotency key to download its outputs without paying again.',
    );
  }
  return `${blocks.join('\n\n')}\n`;
}

function headline(report: RunReport): string {
  if (report.problem) return '❌ not started';
  const suffix = report.cancelled ? ' (cancelled)' : '';
  if (report.videos.length === 1) return `${stateLabel(report.state)}${suffix}`;
  const counts = new Map<string, number>();
  for (const video of report.videos) counts.set(video.state, (counts.get(video.state) ?? 0) + 1);
  const parts = [...counts]
    .sort(([a], [b]) => attentionRank(a) - attentionRank(b))
    .map(([state, count]) => `${count} ${state.toLowerCase().replaceAll('_', ' ')}`);
  return `${report.videos.length} videos, ${parts.join(', ')}${suffix}`;
}

function singleVideo(video: VideoReport, workspace: string): string[] {
  const rows: [string, string][] = [
    ['Video', code(video.video)],
    [
      'Job',
      video.jobId
        ? `${code(video.jobId)}${video.reused ? ' (reused: made by an earlier run, not paid again)' : ''}`
        : '—',
    ],
    ['Take', video.takeId ? code(video.takeId) : '—'],
    ['State', stateLabel(video.state)],
    ['Duration', video.durationMs === undefined ? '—' : formatDuration(video.durationMs)],
    ['Idempotency key', `${code(video.idempotencyKey)}${video.keyDerived ? ' (from the video and settings)' : ''}`],
  ];
  const blocks = [table(['', ''], rows, ['---', '---'])];
  if (video.files.length > 0) {
    blocks.push(
      filesHeading(video.files),
      table(
        ['File', 'Format', 'Size'],
        video.files.map((file) => [
          code(displayPath(file.path, workspace)),
          cell(file.format),
          formatBytes(file.bytes),
        ]),
        ['---', '---', '---:'],
      ),
    );
  }
  if (video.error) blocks.push(paragraphs(video.error));
  return blocks;
}

function batch(videos: readonly VideoReport[], workspace: string): string[] {
  const blocks = [
    table(
      ['Video', 'Job', 'State', 'Duration', 'Files'],
      videos.map((video) => [
        code(video.video),
        video.jobId ? `${code(video.jobId)}${video.reused ? ' (reused)' : ''}` : '—',
        stateLabel(video.state),
        video.durationMs === undefined ? '—' : formatDuration(video.durationMs),
        String(video.files.length),
      ]),
      ['---', '---', '---', '---:', '---:'],
    ),
  ];
  const files = videos.flatMap((video) => video.files.map((file) => ({ video: video.video, ...file })));
  if (files.length > 0) {
    blocks.push(
      filesHeading(files),
      table(
        ['Video', 'File', 'Format', 'Size'],
        files.map((file) => [
          code(file.video),
          code(displayPath(file.path, workspace)),
          cell(file.format),
          formatBytes(file.bytes),
        ]),
        ['---', '---', '---', '---:'],
      ),
    );
  }
  const failed = videos.filter((video) => video.error);
  if (failed.length > 0) {
    blocks.push(
      '#### What needs attention',
      failed.map((video) => `- ${code(video.video)}: ${cell(video.error!.replaceAll('\n', ' '))}`).join('\n'),
    );
  }
  return blocks;
}

function filesHeading(files: readonly { bytes: number }[]): string {
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  return `#### Output files (${files.length}, ${formatBytes(total)})`;
}

function stateLabel(state: string): string {
  return `${ICONS[state] ?? '❔'} ${state}`;
}

function table(header: string[], rows: string[][], align: string[]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

/** Text safe inside a table cell: no pipes or line breaks to break the row. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${cell(text).replaceAll('`', "'")}\``;
}

function paragraphs(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n\n');
}
