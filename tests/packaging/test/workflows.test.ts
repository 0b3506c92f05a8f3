// The GitHub workflows stay wired to what this repository runs: CI is `.ci/run` on every supported
// Node, and a release publishes through changesets with provenance and then moves the Action's tag.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..', '..', '..');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { strategy?: { matrix?: { node?: unknown[] } }; steps: Step[] }>;
}

const workflow = (name: string) => parse(readFileSync(join(root, '.github', 'workflows', name), 'utf8')) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps);
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;

describe('ci.yml', () => {
  const ci = workflow('ci.yml');

  it('runs .ci/run on pushes and pull requests, on Node 20, 22 and 24', () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    const [job] = Object.values(ci.jobs);
    expect(job!.strategy?.matrix?.node?.map(String)).toEqual(['20', '22', '24']);
    expect(steps(ci).some((step) => step.run?.trim() === 'bash .ci/run')).toBe(true);
  });

  it('caches n8n (installed by the end-to-end set-up) and the pnpm store', () => {
    const cached = steps(ci)
      .filter((step) => step.uses?.startsWith('actions/cache@'))
      .map((step) => String(step.with?.path));
    expect(cached).toContain('~/.cache/move-ugc-n8n');
    expect(cached.some((path) => path.includes('env.PNPM_STORE'))).toBe(true);
  });

  it('ends with the package checks before the test summary', () => {
    expect(scripts.ci).toMatch(/turbo run build[^&]*&& pnpm check:packages && node scripts\/test-summary\.mjs$/);
  });
});

describe('release.yml', () => {
  const release = workflow('release.yml');

  it('publishes from main through changesets, with provenance', () => {
    expect(release.on).toEqual({ push: { branches: ['main'] } });
    expect(release.permissions).toMatchObject({ 'id-token': 'write', contents: 'write', 'pull-requests': 'write' });
    const changesets = steps(release).find((step) => step.uses?.startsWith('changesets/action@'));
    expect(changesets?.with).toMatchObject({ version: 'pnpm run version-packages', publish: 'pnpm run release' });
    expect(String(changesets?.env?.NPM_CONFIG_PROVENANCE)).toBe('true');
    expect(scripts['version-packages']).toBe('changeset version');
    expect(scripts.release).toMatch(/^turbo run build && .*changeset publish$/);
  });

  it("moves the Action's major tag after the Action was released", () => {
    const move = steps(release).find((step) => step.run?.includes('git push --force origin'));
    expect(move?.run).toContain('packages/github-action/package.json');
    expect(String((move as Step & { if?: string })?.if)).toContain('"@move-ugc/github-action"');
  });
});
