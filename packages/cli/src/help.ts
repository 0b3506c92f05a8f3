// Help pages, made from the declarations in spec/: a page per command and per verb, a page per noun
// listing its verbs, and the main page. It loads nothing but spec/ (no command module, core or SDK),
// so `--help` starts as fast as `--version`. Help text is ASCII apart from a few symbols, so widths
// here are counted in UTF-16 units.
import { EXIT } from './exit-codes';
import type { Io } from './output/io';
import { COMMANDS, findCommand } from './spec/commands';
import { CONNECTION_FLAGS, GLOBAL_OPTIONS, NOTE_ORDER } from './spec/options';
import type { CommandDecl, NounDecl, OptionDecl, OptionDecls, Page } from './spec/types';

/** Lines of help are wrapped to this many columns. */
const WIDTH = 100;

/** `text` broken at spaces into lines of at most `width` columns (a longer word stays whole). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** `-o, --out <dir>` */
export function flagLabel(name: string, option: OptionDecl): string {
  const value = option.type === 'string' ? ` <${option.value ?? 'value'}>` : '';
  return `${option.short ? `-${option.short}, ` : ''}--${name}${value}`;
}

function describe(option: OptionDecl): string {
  return option.default === undefined ? option.description : `${option.description} (default: ${option.default})`;
}

/** Two columns: the flags, and what they do (wrapped under itself). */
/** Descriptions start at column 23 at least, as on the main page. */
const MIN_LABEL = 21;

function optionTable(
  rows: [string, string][],
  width = Math.max(MIN_LABEL, ...rows.map(([label]) => label.length + 2)),
) {
  const lines: string[] = [];
  for (const [label, text] of rows) {
    const [first = '', ...rest] = wrap(text, WIDTH - 2 - width);
    lines.push(`  ${label.padEnd(width)}${first}`.trimEnd());
    for (const line of rest) lines.push(`${' '.repeat(2 + width)}${line}`);
  }
  return { lines, width };
}

function connectionBlock(): string {
  const rows = CONNECTION_FLAGS.map((name): [string, string] => [
    flagLabel(name, GLOBAL_OPTIONS[name]),
    describe(GLOBAL_OPTIONS[name]),
  ]);
  return ['Connection:', ...optionTable(rows).lines].join('\n');
}

function examplesBlock(examples: readonly string[]): string | undefined {
  if (examples.length === 0) return undefined;
  const lines = examples.flatMap((example) => example.split('\n').map((line) => `  ${line}`));
  return [examples.length === 1 ? 'Example:' : 'Examples:', ...lines].join('\n');
}

/** `Usage: move-ugc <words> <form>` for each form, continuation lines aligned under the arguments. */
function usageLines(words: string, page: Page): string[] {
  return page.forms.flatMap((form, index) => {
    const head = `${index === 0 ? 'Usage:' : '      '} move-ugc ${words}`;
    const [first = '', ...rest] = form.usage.split('\n');
    const indent = ' '.repeat(head.length + 1);
    return [`${head} ${first}`.trimEnd(), ...rest.map((line) => `${indent}${line}`)];
  });
}

/** "waits until …" -> "Waits until ….": a verb's summary as the paragraph of its own page. */
function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The page of a command (`run`) or a verb (`jobs wait`). */
export function pageHelp(words: string, page: Page): string {
  const blocks: string[] = [usageLines(words, page).join('\n')];
  if (page.description) blocks.push(page.description);
  else for (const form of page.forms) if (form.summary) blocks.push(sentence(form.summary));

  const grouped = new Set(page.sameAs?.names);
  const rows = Object.entries(page.options)
    .filter(([name]) => !grouped.has(name))
    .map(([name, option]): [string, string] => [flagLabel(name, option), describe(option)]);
  if (rows.length > 0 || page.sameAs) {
    const table = optionTable(rows);
    const lines = ['Options:', ...table.lines];
    if (page.sameAs) lines.push(...sameAsLines(page.options, page.sameAs, table.width));
    blocks.push(lines.join('\n'));
  }
  blocks.push(...(page.after ?? []));
  blocks.push(...(page.notes ?? []).map((note) => note.text));
  if (page.connection !== false) blocks.push(connectionBlock());
  const examples = examplesBlock(page.examples ?? []);
  if (examples) blocks.push(examples);
  return `${blocks.join('\n\n')}\n`;
}

/** `--outputs, --options, ... as for \`run\``: flags that work as on another command's page. */
function sameAsLines(options: OptionDecls, sameAs: NonNullable<Page['sameAs']>, width: number): string[] {
  const flags = sameAs.names.map((name) => {
    const short = options[name]?.short;
    return short ? `-${short}/--${name}` : `--${name}`;
  });
  const lines = wrap(flags.join(', '), WIDTH - 2).map((line) => `  ${line}`);
  const text = `as for \`${sameAs.command}\`${sameAs.suffix ?? ''}`;
  const last = lines.length - 1;
  if (lines[last]!.length + 3 + text.length <= WIDTH) lines[last] = `${lines[last]}   ${text}`;
  else lines.push(`${' '.repeat(2 + width)}${text}`);
  return lines;
}

/** A noun's page: each verb's usage and what it does; a noun of one verb gets that verb's page. */
export function nounHelp(noun: NounDecl): string {
  if (noun.verbs.length === 1) return pageHelp(`${noun.name} ${noun.verbs[0]!.name}`, noun.verbs[0]!);
  const names = noun.verbs.map((v) => v.name);
  const verbLines = noun.verbs.flatMap((verb) =>
    verb.forms.flatMap((form) => {
      const head = `  ${noun.name} ${verb.name}`;
      const [first = '', ...rest] = form.usage.split('\n');
      const indent = ' '.repeat(head.length + 1);
      return [
        `${head} ${first}`.trimEnd(),
        ...rest.map((line) => `${indent}${line}`),
        ...(form.summary ? form.summary.split('\n').map((line) => `      ${line}`) : []),
      ];
    }),
  );
  const notes = NOTE_ORDER.filter((note) => noun.verbs.some((verb) => verb.notes?.includes(note)));
  const blocks = [
    `Usage: move-ugc ${noun.name} <${names.join('|')}> ...`,
    verbLines.join('\n'),
    `The flags of a verb: move-ugc ${noun.name} <verb> --help`,
    ...notes.map((note) => note.text),
  ];
  if (noun.verbs.some((verb) => verb.connection !== false)) blocks.push(connectionBlock());
  const examples = examplesBlock(noun.verbs.flatMap((verb) => verb.examples ?? []));
  if (examples) blocks.push(examples);
  return `${blocks.join('\n\n')}\n`;
}

export function mainHelp(): string {
  const listed = COMMANDS.filter((c) => !c.unlisted);
  const labelOf = (c: CommandDecl) => c.label ?? c.name;
  const OTHER_TAIL: [string, string] = ['--version, --help', '(`move-ugc <command> --help` for a command)'];
  const wide = Math.max(OTHER_TAIL[0].length, ...listed.filter((c) => c.kind === 'leaf').map((c) => labelOf(c).length));
  const narrow = Math.max(...listed.filter((c) => c.kind === 'noun').map((c) => c.name.length));
  const row = (c: CommandDecl): string =>
    c.kind === 'noun'
      ? `  ${c.name.padEnd(narrow + 1)}${c.verbs.map((v) => v.name).join(' | ')}`
      : `  ${labelOf(c).padEnd(wide + 4)}${c.summary ?? ''}`;
  const section = (name: CommandDecl['section'], extra: string[] = []) =>
    [`${name}:`, ...listed.filter((c) => c.section === name).map(row), ...extra].join('\n');
  return `move-ugc: Move AI motion capture from the command line

Usage: move-ugc <command> [options]

${section('Process videos')}

${section('Resources')}

${section('Other', [`  ${OTHER_TAIL[0].padEnd(wide + 4)}${OTHER_TAIL[1]}`])}

Exit codes: 0 ok, 1 failed, 2 usage error, 3 timed out (job still running), 4 authentication, 130 interrupted.

Example:
  export MOVE_API_KEY=...   # or: move-ugc login
  move-ugc run clip.mp4 --outputs MAIN_FBX,RENDER_VIDEO
`;
}

/**
 * The page `words` ask for: [] the main page, [command] its page, [noun, verb] the verb's page.
 * Undefined when they name no command, or a verb the noun does not have.
 */
export function helpFor(words: readonly string[]): string | undefined {
  const [name, verbName] = words;
  if (name === undefined) return mainHelp();
  const command = findCommand(name);
  if (!command) return undefined;
  if (command.kind === 'leaf') return pageHelp(command.name, command);
  if (verbName === undefined || verbName.startsWith('-') || verbName === 'help') return nounHelp(command);
  const verb = command.verbs.find((v) => v.name === verbName);
  return verb ? pageHelp(`${command.name} ${verb.name}`, verb) : undefined;
}

/** `move-ugc help <command> [verb]`: an unknown name gets the main page. */
export function commandHelp(...words: string[]): string {
  return helpFor(words) ?? mainHelp();
}

export async function showHelp(command: string, io: Io): Promise<number> {
  io.stdout.write(commandHelp(command));
  return EXIT.ok;
}
