// The README's example workflows use only inputs and outputs the Action declares, so they stay true.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
