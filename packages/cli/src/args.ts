// Turning argument strings into values, each with a message that says what was expected.
import { parseArgs } from 'node:util';
import { checkClipWindow, checkMetadata, checkText } from '@move-ugc/core';
import { type Metadata, MOCAP_MODELS, type OptionsInput } from '@move-ugc/sdk';
import { UsageError } from './errors';
import { GLOBAL_OPTIONS } from './spec/options';
import { type OptionDecls, type ParseConfig, parseConfig } from './spec/types';

/**
 * Reads `argv` with a command's declared flags (spec/) and the global ones; at most `positionals`
 * arguments that are not flags.
 */
export function parse<O extends OptionDecls>(command: string, argv: string[], options: O, positionals = 0) {
  try {
    const parsed = parseArgs({
      args: argv,
      options: parseConfig({ ...GLOBAL_OPTIONS, ...options }) as ParseConfig<typeof GLOBAL_OPTIONS> & ParseConfig<O>,
      allowPositionals: true,
      strict: true,
    });
    if (!(parsed.values as { help?: boolean }).help && parsed.positionals.length > positionals) {
      throw new UsageError(`Unexpected argument "${parsed.positionals[positionals]}".`, command);
    }
    return parsed;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    // node:util's messages are good; drop its error code prefix noise.
    throw new UsageError((err as Error).message.replace(/\. To specify a positional.*$/, '.'), command);
  }
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** "90s", "15m", "2h", "500ms"; a bare number is seconds. */
export function parseDuration(value: string, flag: string): number {
  const match = DURATION.exec(value.trim());
  if (!match) throw new UsageError(`${flag} takes a duration such as 90s, 15m or 2h (got "${value}").`);
  const ms = Number(match[1]) * UNIT_MS[(match[2] ?? 's') as keyof typeof UNIT_MS];
  if (ms <= 0) throw new UsageError(`${flag} must be more than zero.`);
  return ms;
}

/** "2.5-9" -> { startTime: 2.5, endTime: 9 } (seconds). */
export function parseWindow(value: string, flag: string): { startTime: number; endTime: number } {
  const match = /^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
  if (!match) throw new UsageError(`${flag} takes start-end in seconds, such as 2.5-9 (got "${value}").`);
  return checkClipWindow({ startTime: Number(match[1]), endTime: Number(match[2]) }, flag)!;
}

/** "a,b, c" -> ["a", "b", "c"]; repeated flags are joined. */
export function parseList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim());
  return items.filter(Boolean);
}

export function parseJsonObject(value: string, flag: string): Metadata {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (err) {
    throw new UsageError(`${flag} must be a JSON object such as '{"shot":12}' (${(err as Error).message}).`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`${flag} must be a JSON object such as '{"shot":12}'.`);
  }
  return parsed as Metadata;
}

export function parsePositiveInt(value: string, flag: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`${flag} takes a whole number from 1 to ${max} (got "${value}").`);
  return n;
}

export function parseNumber(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`${flag} takes a number (got "${value}").`);
  return n;
}

const OPTION_FLAGS = ['floorPlane', 'trackBall', 'trackFingers', 'trackJerseyNumbers'];

/** "trackFingers,floor-plane" -> { trackFingers: true, floorPlane: true }. */
export function parseOptionFlags(
  value: string | string[] | undefined,
  model: string | undefined,
): OptionsInput | undefined {
  const options: Record<string, boolean | string> = {};
  for (const raw of parseList(value) ?? []) {
    const camel = raw.replace(/[-_](\w)/g, (_, c: string) => c.toUpperCase());
    const name = OPTION_FLAGS.find((o) => o.toLowerCase() === camel.toLowerCase());
    if (!name) throw new UsageError(`--options: unknown option "${raw}"; use any of ${OPTION_FLAGS.join(', ')}.`);
    options[name] = true;
  }
  if (model !== undefined) {
    const upper = model.trim().toUpperCase();
    if (!(MOCAP_MODELS as readonly string[]).includes(upper)) {
      throw new UsageError(`--model takes S1 or S2 (single camera), or M1 or M2 (multi-camera) (got "${model}").`);
    }
    options.mocapModel = upper;
  }
  return Object.keys(options).length > 0 ? (options as OptionsInput) : undefined;
}

const ID_NOUNS = ['file', 'take', 'job', 'volume', 'client'] as const;

/** An id of `noun` (`job-…`); an id of another noun is caught here, before Move says "not found". */
export function parseId(value: string | undefined, noun: (typeof ID_NOUNS)[number], command: string): string {
  const example = `${noun}-2be2463e-ffa3-419b-beb4-ea0f99c79512`;
  if (value === undefined || value.trim() === '') {
    throw new UsageError(`Give the ${noun} id, e.g. move-ugc ${command} ${example}.`, command);
  }
  const id = value.trim();
  if (/\s/.test(id))
    throw new UsageError(`"${id}" is not a ${noun} id: ids have no spaces (e.g. ${example}).`, command);
  const other = ID_NOUNS.find((n) => n !== noun && id.startsWith(`${n}-`));
  if (other) throw new UsageError(`${id} is a ${other} id; ${command} needs a ${noun} id (${noun}-…).`, command);
  return id;
}

const LENS = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

/**
 * "cam1.mp4:goprohero10-fhd" -> { target: "cam1.mp4", lens: "goprohero10-fhd" }. Split at the last
 * colon, so a Windows path (C:\clips\a.mp4:lens) keeps its drive letter.
 */
export function parseCameraSource(value: string, flag: string, what = 'file'): { target: string; lens: string } {
  const colon = value.lastIndexOf(':');
  const target = colon > 0 ? value.slice(0, colon) : '';
  const lens = colon > 0 ? value.slice(colon + 1).trim() : '';
  if (!target || !lens) {
    throw new UsageError(
      `${flag} takes <${what}>:<lens>, e.g. cam1.mp4:goprohero10-fhd (got "${value}"); see \`move-ugc lenses list\`.`,
    );
  }
  if (!LENS.test(lens)) {
    throw new UsageError(
      `${flag}: "${lens}" is not a lens name; lens names look like goprohero10-fhd (see \`move-ugc lenses list\`).`,
    );
  }
  return { target, lens };
}

/** "svix-id: msg_1" -> ["svix-id", "msg_1"]. */
export function parseHeader(value: string, flag: string): [string, string] {
  const colon = value.indexOf(':');
  const name = colon > 0 ? value.slice(0, colon).trim() : '';
  if (!name || /\s/.test(name))
    throw new UsageError(`${flag} takes "name: value", e.g. --header "svix-id: msg_2Lk..." (got "${value}").`);
  return [name.toLowerCase(), value.slice(colon + 1).trim()];
}

/** "outputs,take" -> ["outputs", "take"], each one of `allowed`. */
export function parseExpand<K extends string>(value: string | undefined, allowed: readonly K[], command: string): K[] {
  const items = parseList(value) ?? [];
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) {
      throw new UsageError(`--expand: "${item}" cannot be expanded here; choose from ${allowed.join(', ')}.`, command);
    }
  }
  return items as K[];
}

export function parseLabels(values: { name?: string; metadata?: string }) {
  return {
    name: checkText(values.name, '--name', 256),
    metadata:
      values.metadata === undefined
        ? undefined
        : checkMetadata(parseJsonObject(values.metadata, '--metadata'), '--metadata'),
  };
}
