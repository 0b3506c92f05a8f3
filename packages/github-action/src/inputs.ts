// The Action's inputs, read and checked before anything is sent: every problem is collected and
// reported at once, so a typo costs one failed run, not one per typo, and never a credit.
import { resolve } from 'node:path';
import * as core from '@actions/core';
import {
  type ClipWindow,
  checkClipWindow,
  checkDeviceLabel,
  checkMetadata,
  checkOptions,
  checkOutputs,
  checkText,
} from '@move-ugc/core';
import { DEFAULT_ENDPOINT, type Metadata, type OptionsInput, type OutputType } from '@move-ugc/sdk';

/** The defaults action.yml declares; the runner fills them in, and so does this when run elsewhere. */
export const DEFAULTS = {
  'device-label': 'iphone',
  'output-dir': 'move-outputs',
  overwrite: 'false',
  wait: 'true',
  'timeout-minutes': '120',
  'poll-interval-seconds': 'auto',
  concurrency: '4',
  endpoint: DEFAULT_ENDPOINT,
} as const;

export const MAX_CONCURRENCY = 16;

export interface ActionInputs {
  /** Paths and globs, one per line; `!pattern` excludes. */
  videoPatterns: string[];
  /** Absolute path of the `.move` sidecar, if given. */
  moveFile?: string;
  deviceLabel: string;
  outputs?: OutputType[];
  options?: OptionsInput;
  clipWindow?: ClipWindow;
  name?: string;
  metadata?: Metadata;
  /** Absolute. */
  outputDir: string;
  /** Replace files in outputDir that the run did not write (never an input). */
  overwrite: boolean;
  wait: boolean;
  timeoutMs: number;
  /** Fixed poll interval; undefined lets core adapt it (2 s growing to 30 s). */
  pollIntervalMs?: number;
  concurrency: number;
  /** Given by the user; else derived per video from its content and settings. */
  idempotencyKey?: string;
  endpoint: string;
  /** Where relative paths start: the checkout. */
  workspace: string;
}

/** One or more inputs are unusable; nothing was sent. */
export class InputError extends Error {
  override name = 'InputError';
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      problems.length === 1
        ? problems[0]!
        : `${problems.length} inputs need fixing:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    this.problems = problems;
  }
}

/** The API key, required; read on its own so it can be masked before anything else happens. */
export function readApiKey(): string {
  return readRequired(
    'api-key',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, shown as the user writes it.
    'api-key is empty. Pass your Move API key from a repository secret: `api-key: ${{ secrets.MOVE_API_KEY }}`. ' +
      'Workflows run for pull requests from forks get no secrets, so this step cannot run there.',
  );
}

/** action.yml's `required` is not enforced by the runner: an empty required input is caught here. */
function readRequired(name: string, whenEmpty: string): string {
  try {
    return core.getInput(name, { required: true });
  } catch {
    throw new InputError([whenEmpty]);
  }
}

export function readInputs(env: NodeJS.ProcessEnv = process.env): ActionInputs {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const problems: string[] = [];
  /** The input's text, or its action.yml default when the runner did not pass one (a local run). */
  const text = (name: string): string => core.getInput(name) || DEFAULTS[name as keyof typeof DEFAULTS] || '';
  function read<T>(name: string, parse: (value: string) => T): T | undefined {
    try {
      return parse(text(name));
    } catch (error) {
      problems.push(
        ...(error instanceof InputError ? error.problems : [error instanceof Error ? error.message : String(error)]),
      );
      return undefined;
    }
  }
  /** An input that may be left empty: undefined then. */
  const readOptional = <T>(name: string, parse: (value: string) => T) =>
    read(name, (value) => (value === '' ? undefined : parse(value)));

  const inputs = {
    videoPatterns: read('video', () =>
      parseLines(
        readRequired(
          'video',
          'video is empty: give the path of a video, or a glob such as `videos/**/*.mp4` (one per line).',
        ),
      ),
    ),
    moveFile: readOptional('move-file', (value) => resolve(workspace, value)),
    deviceLabel: read('device-label', (value) => checkDeviceLabel(value, 'device-label')),
    outputs: readOptional('outputs', (value) => checkOutputs(parseList(value), 'outputs')),
    options: readOptional('options', (value) =>
      checkOptions(parseJsonObject(value, 'options', OPTIONS_EXAMPLE), 'single'),
    ),
    clipWindow: readOptional('clip-window', parseClipWindow),
    name: readOptional('name', (value) => checkText(value, 'name', 256)),
    metadata: readOptional('metadata', (value) => checkMetadata(parseJsonObject(value, 'metadata', METADATA_EXAMPLE))),
    outputDir: read('output-dir', (value) => resolve(workspace, value)),
    overwrite: read('overwrite', () => readBoolean('overwrite')),
    wait: read('wait', () => readBoolean('wait')),
    timeoutMs: read('timeout-minutes', (value) =>
      Math.round(parseNumber(value, 'timeout-minutes', { min: 0.01, max: 7 * 24 * 60 }) * 60_000),
    ),
    pollIntervalMs: read('poll-interval-seconds', (value) =>
      value === 'auto' ? undefined : parseNumber(value, 'poll-interval-seconds', { min: 1, max: 3600 }) * 1000,
    ),
    concurrency: read('concurrency', (value) =>
      parseNumber(value, 'concurrency', { min: 1, max: MAX_CONCURRENCY, integer: true }),
    ),
    idempotencyKey: readOptional('idempotency-key', (value) => checkText(value, 'idempotency-key', 200)),
    endpoint: text('endpoint'),
    workspace,
  };
  if (problems.length > 0) throw new InputError(problems);
  return inputs as ActionInputs;
}

const OPTIONS_EXAMPLE = '{"trackFingers": true, "mocapModel": "S2"}';
const METADATA_EXAMPLE = '{"shot": "walk-cycle", "sprint": 12}';

function readBoolean(name: string): boolean {
  if (core.getInput(name) === '') return DEFAULTS[name as keyof typeof DEFAULTS] === 'true';
  try {
    return core.getBooleanInput(name);
  } catch {
    throw new Error(`${name} must be true or false (got "${core.getInput(name)}").`);
  }
}

/** Non-empty lines, trimmed. */
export function parseLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** `MAIN_FBX, MAIN_GLB` or one per line. */
export function parseList(text: string): string[] {
  return text
    .split(/[,\r\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function parseJsonObject(text: string, input: string, example: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${input} is not valid JSON (${detail}). Write a JSON object, e.g. '${example}' (quote it in YAML).`,
    );
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${input} must be a JSON object, e.g. '${example}'.`);
  }
  return value as Record<string, unknown>;
}

/** `2.5-9`: seconds from the start of the video. */
export function parseClipWindow(text: string): ClipWindow {
  const match = /^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match) {
    throw new Error(`clip-window must be "start-end" in seconds, e.g. "2.5-9" (got "${text}").`);
  }
  return checkClipWindow({ startTime: Number(match[1]), endTime: Number(match[2]) }, 'clip-window')!;
}

export function parseNumber(
  text: string,
  input: string,
  { min, max, integer = false }: { min: number; max: number; integer?: boolean },
): number {
  const value = /^\s*\d+(?:\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const kind = integer ? 'a whole number' : 'a number';
    throw new Error(`${input} must be ${kind} from ${min} to ${max} (got "${text}").`);
  }
  return value;
}
