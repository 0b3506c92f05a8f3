// The shape of a command's declaration: everything `--help` prints and the router needs, written
// once. Nothing here imports a command module, core or the SDK: `--help` loads only this folder.
import type { Io } from '../output/io';

export type Command = (argv: string[], io: Io) => Promise<number>;

/** One flag: how node:util's parseArgs reads it, and how --help shows it. */
export interface OptionDecl {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** Name of the value in --help: `--out <dir>` (string flags; `value` by default). */
  readonly value?: string;
  /** Shown as `(default: …)` after the description; the command applies it, parseArgs does not. */
  readonly default?: string;
  readonly description: string;
}

export type OptionDecls = Readonly<Record<string, OptionDecl>>;

/** What parseArgs is given: the declaration without its help text (and without a default it would apply). */
export type ParseConfig<O extends OptionDecls> = { [K in keyof O]: Omit<O[K], 'value' | 'default' | 'description'> };

export function parseConfig<O extends OptionDecls>(options: O): ParseConfig<O> {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, { type, short, multiple }] of Object.entries(options)) {
    config[name] = { type, ...(short ? { short } : {}), ...(multiple ? { multiple } : {}) };
  }
  return config as ParseConfig<O>;
}

/** A paragraph several pages share (how lists page, why URLs are redacted), printed once per page. */
export interface Note {
  readonly id: string;
  readonly text: string;
}

/** One way to call a command: its arguments after `move-ugc <words>`, and what that form does. */
export interface Form {
  /** Lines after the command words; later lines are aligned under the first argument. */
  readonly usage: string;
  readonly summary?: string;
}

/** Flags printed as one group that points to another command's help (`as for \`run\``). */
export interface SameAs {
  readonly command: string;
  /** Flag names (keys of `options`), in the order shown. */
  readonly names: readonly string[];
  /** Words after `as for \`run\``, e.g. `, for every video`. */
  readonly suffix?: string;
}

/** A page of help and the handler behind it: a command (`run`) or a verb of a noun (`jobs wait`). */
export interface Page {
  readonly name: string;
  readonly forms: readonly Form[];
  /** Paragraph(s) under the usage line (a verb's page uses its forms' summaries instead). */
  readonly description?: string;
  readonly options: OptionDecls;
  readonly sameAs?: SameAs;
  /** Paragraphs after the options (the JSON document, the CSV list format). */
  readonly after?: readonly string[];
  readonly notes?: readonly Note[];
  /** Print the Connection flags (--api-key, --endpoint, --json). Default true. */
  readonly connection?: boolean;
  /** Each a command line (continuation lines may follow after a `\n`). */
  readonly examples?: readonly string[];
  readonly load: () => Promise<Command>;
}

export type Section = 'Process videos' | 'Resources' | 'Other';

interface Listed {
  readonly section: Section;
  /** In the main help: the label (defaults to the name) and what it does; none keeps it out of the list. */
  readonly label?: string;
  readonly summary?: string;
  readonly unlisted?: boolean;
}

/** `move-ugc run ...`: a command without verbs. */
export interface LeafDecl extends Page, Listed {
  readonly kind: 'leaf';
}

/** `move-ugc jobs <verb> ...`: a noun whose verbs are pages. */
export interface NounDecl extends Listed {
  readonly kind: 'noun';
  readonly name: string;
  readonly verbs: readonly Page[];
}

export type CommandDecl = LeafDecl | NounDecl;

/** Identity helpers that keep each declaration's literal option types (for parse()'s value types). */
export function leaf<const D extends Omit<LeafDecl, 'kind'>>(decl: D): D & { kind: 'leaf' } {
  return { ...decl, kind: 'leaf' };
}

export function verb<const D extends Page>(decl: D): D {
  return decl;
}

export function noun<const D extends Omit<NounDecl, 'kind'>>(decl: D): D & { kind: 'noun' } {
  return { ...decl, kind: 'noun' };
}
