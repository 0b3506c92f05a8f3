// The README's example workflows use only inputs and outputs the Action declares, so they stay true.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentIdempotencyKey, type JobRecipe } from '@move-ugc/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packageDir } from '../scripts/build.mjs';
import { readActionYml } from './harness';

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

function actionSteps(value: unknown, found: Step[] = []): Step[] {
  if (Array.isArray(value)) for (const item of value) actionSteps(item, found);
  else if (value && typeof value === 'object') {
    const step = value as Step;
    if (typeof step.uses === 'string' && step.uses.includes('/packages/github-action@')) found.push(step);
    for (const item of Object.values(value)) actionSteps(item, found);
  }
  return found;
}

describe('README examples', async () => {
  const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);

  it('are valid YAML and use only declared inputs, with the required ones', async () => {
    const { inputs } = await readActionYml();
    const required = Object.keys(inputs).filter((name) => inputs[name]!.required);
    const steps = blocks.flatMap((block) => actionSteps(parse(block)));
    expect(steps.length).toBeGreaterThanOrEqual(4);
    for (const step of steps) {
      const given = Object.keys(step.with ?? {});
      expect(Object.keys(inputs)).toEqual(expect.arrayContaining(given));
      expect(given).toEqual(expect.arrayContaining(required));
    }
  });

  it('read only declared outputs', async () => {
    const { outputs } = await readActionYml();
    const read = [...readme.matchAll(/steps\.mocap\.outputs\.([\w-]+)/g)].map((match) => match[1]!);
    expect(read.length).toBeGreaterThan(0);
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(read));
  });
});

describe('README and action.yml', async () => {
  const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
  const yamlBlocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => parse(match[1]!) as unknown);

  it('name the Action by the repository package.json names, not a placeholder', async () => {
    const { repository } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as {
      repository: { url: string; directory: string };
    };
    const slug = /github\.com\/([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(repository.url)?.[1];
    expect(slug).toBe('move-ugc/move-ugc');
    const uses = yamlBlocks.flatMap((block) => actionSteps(block)).map((step) => step.uses);
    expect(uses.length).toBeGreaterThanOrEqual(4);
    for (const name of uses) expect(name).toBe(`${slug}/${repository.directory}@v1`);
    expect(readme).not.toMatch(/<owner>|<repo>/);
  });

  it('pass expressions to scripts through env:, never inside run:', () => {
    const runs: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        const run = (value as { run?: unknown }).run;
        if (typeof run === 'string') runs.push(run);
        Object.values(value).forEach(walk);
      }
    };
    yamlBlocks.forEach(walk);
    expect(runs.length).toBeGreaterThanOrEqual(4);
    for (const run of runs) expect(run, 'an expression inside run:').not.toContain('${{');
  });

  it('list what the default idempotency key is made from, as the code hashes it', async () => {
    // Each input the key covers, with the part of the recipe it feeds: changing it changes the key.
    const recipe: JobRecipe = { video: 'a'.repeat(64), deviceLabel: 'iphone' };
    const covered: [string, JobRecipe][] = [
      ['move-file', { ...recipe, move: 'b'.repeat(64) }],
      ['device-label', { ...recipe, deviceLabel: 'left' }],
      ['outputs', { ...recipe, outputs: ['MAIN_FBX'] }],
      ['options', { ...recipe, options: { trackFingers: true } }],
      ['clip-window', { ...recipe, clipWindow: { startTime: 1, endTime: 2 } }],
    ];
    const key = await contentIdempotencyKey(recipe);
    for (const [, changed] of covered) expect(await contentIdempotencyKey(changed)).not.toBe(key);
    const description = (await readActionYml()).inputs['idempotency-key']!.description as string;
    const readmeKey = /\*\*Default key\*\*:([\s\S]*?)\n- /.exec(readme)?.[1];
    expect(readmeKey).toBeDefined();
    for (const text of [description, readmeKey!]) {
      expect(text).toMatch(/video's (content|bytes)/);
      for (const [input] of covered) expect(text, `names ${input}`).toContain(input);
    }
  });
});
