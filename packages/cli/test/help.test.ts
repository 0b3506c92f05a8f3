// The declarations in src/spec/ are the one source of the help pages and of the routing table: every
// flag a command parses is on its page, every flag a page's usage names is parsed, every verb loads.
import { describe, expect, it } from 'vitest';
import { helpFor, mainHelp } from '../src/help';
import { COMMANDS } from '../src/spec/commands';
import { GLOBAL_OPTIONS } from '../src/spec/options';
import type { Page } from '../src/spec/types';

/** Every page: [words, declaration]. */
const PAGES: [string, Page][] = COMMANDS.flatMap((c): [string, Page][] =>
  c.kind === 'leaf' ? [[c.name, c]] : c.verbs.map((v): [string, Page] => [`${c.name} ${v.name}`, v]),
);

describe.each(PAGES)('move-ugc %s', (words, page) => {
  const text = helpFor(words.split(' '))!;

  it('has a page that starts with its usage and shows every flag it parses', () => {
    expect(text).toMatch(new RegExp(`^Usage: move-ugc ${words}\\b`));
    for (const [name, option] of Object.entries(page.options)) {
      expect(text, `--${name}`).toContain(`--${name}`);
      if (option.short) expect(text).toMatch(new RegExp(`-${option.short}(, |/)--${name}`));
    }
  });

  it('parses every flag its usage names', () => {
    for (const form of page.forms) {
      for (const [, flag] of form.usage.matchAll(/--([a-z][a-z-]*)/g)) {
        expect(Object.keys({ ...GLOBAL_OPTIONS, ...page.options }), `--${flag}`).toContain(flag);
      }
    }
  });

  it('loads a handler', async () => {
    expect(typeof (await page.load())).toBe('function');
  });
});

describe('help pages', () => {
  it('list every command on the main page, each noun with its verbs', () => {
    const main = mainHelp();
    for (const command of COMMANDS) {
      expect(main).toContain(command.name);
      if (command.kind === 'noun') {
        expect(main).toMatch(
          new RegExp(`\\n {2}${command.name} +${command.verbs.map((v) => v.name).join(' \\| ')}\\n`),
        );
      }
    }
  });

  it('give a noun the usage of each verb, and a wrong word no page', () => {
    expect(helpFor(['jobs'])).toContain('Usage: move-ugc jobs <create|get|list|update|wait|download> ...');
    expect(helpFor(['jobs'])).toContain('  jobs wait <job-id> [--timeout 2h]');
    expect(helpFor(['jobs', '--json'])).toBe(helpFor(['jobs']));
    expect(helpFor(['jobs', 'delete'])).toBeUndefined();
    expect(helpFor(['jbos'])).toBeUndefined();
    // A noun of one verb is that verb's page.
    expect(helpFor(['rigs'])).toBe(helpFor(['rigs', 'list']));
  });

  it('keep lines of flags and descriptions within 100 columns', () => {
    for (const [words] of PAGES) {
      const options = helpFor(words.split(' '))!
        .split('\n\n')
        .find((block) => block.startsWith('Options:'));
      for (const line of options?.split('\n') ?? []) expect(line.length, line).toBeLessThanOrEqual(100);
    }
  });
});
