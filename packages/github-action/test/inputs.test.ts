import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULTS,
  InputError,
  parseClipWindow,
  parseJsonObject,
  parseList,
  parseNumber,
  readApiKey,
  readInputs,
} from '../src/inputs';
import { inputVariable, readActionYml } from './harness';

function setInputs(inputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(inputs)) vi.stubEnv(inputVariable(name), value);
}

function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected an InputError');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the runner contract', () => {
  it('names variables as the runner does: upper case, hyphens kept', () => {
    expect(inputVariable('api-key')).toBe('INPUT_API-KEY');
    expect(inputVariable('timeout-minutes')).toBe('INPUT_TIMEOUT-MINUTES');
  });

  it('declares in action.yml exactly the inputs read here, with the same defaults', async () => {
    const { inputs } = await readActionYml();
    expect(Object.keys(inputs).sort()).toEqual(
      [
        'api-key',
        'video',
        'move-file',
        'device-label',
        'outputs',
        'options',
        'clip-window',
        'name',
        'metadata',
        'output-dir',
        'overwrite',
        'wait',
        'timeout-minutes',
        'poll-interval-seconds',
        'concurrency',
        'idempotency-key',
        'endpoint',
      ].sort(),
    );
    for (const [name, spec] of Object.entries(inputs)) {
      expect(spec.description, name).toBeTruthy();
      if (spec.required) expect(spec.default, `${name} is required: no default`).toBeUndefined();
      else expect(spec.default, name).toBe(DEFAULTS[name as keyof typeof DEFAULTS] ?? '');
    }
    expect(
      Object.entries(inputs)
        .filter(([, spec]) => spec.required)
        .map(([name]) => name),
    ).toEqual(['api-key', 'video']);
  });

  it('declares in action.yml every output the Action sets', async () => {
    const { outputs } = await readActionYml();
    expect(Object.keys(outputs).sort()).toEqual(['files', 'job-id', 'jobs', 'output-dir', 'state', 'take-id']);
  });
});

describe('readApiKey', () => {
  it('BI-82 requires the key and says where it comes from', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression.
    expect(problemsOf(readApiKey)[0]).toContain('api-key: ${{ secrets.MOVE_API_KEY }}');
    setInputs({ 'api-key': '  key_with_spaces_around  ' });
    expect(readApiKey()).toBe('key_with_spaces_around');
  });
});

describe('readInputs', () => {
  it('applies the defaults the runner would', () => {
    setInputs({ video: 'clips/walk.mp4' });
    const inputs = readInputs({ GITHUB_WORKSPACE: '/ws' });
    expect(inputs).toEqual({
      videoPatterns: ['clips/walk.mp4'],
      moveFile: undefined,
      deviceLabel: 'iphone',
      outputs: undefined,
      options: undefined,
      clipWindow: undefined,
      name: undefined,
      metadata: undefined,
      outputDir: '/ws/move-outputs',
      overwrite: false,
      wait: true,
      timeoutMs: 120 * 60_000,
      pollIntervalMs: undefined,
      concurrency: 4,
      idempotencyKey: undefined,
      endpoint: 'https://api.move.ai/ugc/graphql',
      workspace: '/ws',
    });
  });

  it('parses every input', () => {
    setInputs({
      video: 'a.mp4\n\n  b/*.mov  \n!b/skip.mov',
      'move-file': 'a.move',
      'device-label': 'cam-1',
      outputs: 'main_fbx, MAIN-GLB\nRENDER_VIDEO',
      options: '{"trackFingers": true, "mocapModel": "S2"}',
      'clip-window': '2.5 - 9',
      name: 'Walk cycle',
      metadata: '{"shot": 12}',
      'output-dir': '/elsewhere/out',
      overwrite: 'true',
      wait: 'False',
      'timeout-minutes': '1.5',
      'poll-interval-seconds': '10',
      concurrency: '8',
      'idempotency-key': 'release-42',
      endpoint: 'http://127.0.0.1:4010/graphql',
    });
    expect(readInputs({ GITHUB_WORKSPACE: '/ws' })).toEqual({
      videoPatterns: ['a.mp4', 'b/*.mov', '!b/skip.mov'],
      moveFile: '/ws/a.move',
      deviceLabel: 'cam-1',
      outputs: ['MAIN_FBX', 'MAIN_GLB', 'RENDER_VIDEO'],
      options: { trackFingers: true, mocapModel: 'S2' },
      clipWindow: { startTime: 2.5, endTime: 9 },
      name: 'Walk cycle',
      metadata: { shot: 12 },
      outputDir: '/elsewhere/out',
      overwrite: true,
      wait: false,
      timeoutMs: 90_000,
      pollIntervalMs: 10_000,
      concurrency: 8,
      idempotencyKey: 'release-42',
      endpoint: 'http://127.0.0.1:4010/graphql',
      workspace: '/ws',
    });
  });

  it('BI-88 reports every problem at once, each naming its input and the fix', () => {
    setInputs({
      'device-label': 'My iPhone',
      outputs: 'MAIN_FBK',
      options: '{"trackFinger": true}',
      'clip-window': '9',
      metadata: '[1, 2]',
      wait: 'yes',
      'timeout-minutes': '0',
      'poll-interval-seconds': '0.5',
      concurrency: '2.5',
    });
    const problems = problemsOf(() => readInputs({ GITHUB_WORKSPACE: '/ws' }));
    expect(problems).toEqual([
      expect.stringContaining('video is empty: give the path of a video, or a glob'),
      expect.stringContaining(
        'device-label must be lowercase letters, digits and single hyphens, such as "iphone" or "cam-1" (try "my-iphone")',
      ),
      expect.stringContaining('"MAIN_FBK" is not an output type (did you mean MAIN_FBX?)'),
      expect.stringContaining('unknown option "trackFinger" (did you mean trackFingers?)'),
      'clip-window must be "start-end" in seconds, e.g. "2.5-9" (got "9").',
      expect.stringContaining('metadata must be a JSON object'),
      'wait must be true or false (got "yes").',
      'timeout-minutes must be a number from 0.01 to 10080 (got "0").',
      'poll-interval-seconds must be a number from 1 to 3600 (got "0.5").',
      'concurrency must be a whole number from 1 to 16 (got "2.5").',
    ]);
    expect(new InputError(problems).message).toMatch(/^10 inputs need fixing:\n {2}- video is empty/);
  });
});

describe('parsers', () => {
  it('splits lists on commas and lines', () => {
    expect(parseList(' MAIN_FBX,,MAIN_GLB \r\n RENDER_VIDEO ')).toEqual(['MAIN_FBX', 'MAIN_GLB', 'RENDER_VIDEO']);
  });

  it('reads a clip window as seconds and checks its order', () => {
    expect(parseClipWindow('0-12.25')).toEqual({ startTime: 0, endTime: 12.25 });
    expect(() => parseClipWindow('9-2')).toThrow('clip-window: startTime (9) must be before endTime (2)');
    expect(() => parseClipWindow('-1-2')).toThrow('clip-window must be "start-end"');
    expect(() => parseClipWindow('1s-2s')).toThrow('e.g. "2.5-9"');
  });

  it('accepts plain decimal numbers only', () => {
    expect(parseNumber(' 3 ', 'n', { min: 1, max: 5, integer: true })).toBe(3);
    for (const bad of ['', '1e3', '0x10', '-1', 'Infinity', '6']) {
      expect(() => parseNumber(bad, 'n', { min: 1, max: 5 }), bad).toThrow(
        `n must be a number from 1 to 5 (got "${bad}")`,
      );
    }
  });

  it('explains JSON mistakes with an example', () => {
    expect(() => parseJsonObject("{'a': 1}", 'options', '{"a": 1}')).toThrow(
      /^options is not valid JSON \(.+\)\. Write a JSON object, e\.g\. '\{"a": 1\}'/,
    );
    expect(() => parseJsonObject('null', 'metadata', '{}')).toThrow("metadata must be a JSON object, e.g. '{}'.");
  });
});
