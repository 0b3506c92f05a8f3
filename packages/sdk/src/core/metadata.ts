// `metadata` is a plain object in our API and an AWSJSON string on the wire: encoded exactly once
// on the way out, parsed on the way back.
import { MoveServerError, MoveValidationError } from './errors';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Metadata = { [key: string]: JsonValue };

/** Generated wire types with every `metadata: string | null` turned into a parsed object. */
export type Decoded<T> = T extends readonly (infer U)[]
  ? Decoded<U>[]
  : T extends object
    ? { [K in keyof T]: K extends 'metadata' ? Metadata | null : Decoded<T[K]> }
    : T;

/** Big enough for any sensible labels; far smaller than a request Move would accept. */
export const MAX_METADATA_BYTES = 64 * 1024;

export function encodeMetadata(metadata: unknown, field = 'metadata'): string | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  if (typeof metadata === 'string') {
    throw new MoveValidationError(
      `${field} must be a plain object such as { "shot": 12 }, not a string: the client encodes it to JSON itself.`,
      field,
    );
  }
  if (typeof metadata !== 'object' || Array.isArray(metadata) || Object.getPrototypeOf(metadata) !== Object.prototype) {
    throw new MoveValidationError(`${field} must be a plain object such as { "shot": 12 }.`, field);
  }
  let text: string;
  try {
    text = JSON.stringify(metadata, faithfulJson);
  } catch (err) {
    throw new MoveValidationError(
      `${field} cannot be encoded as JSON (${(err as Error).message}); use only plain objects, arrays, strings, numbers, booleans and null.`,
      field,
    );
  }
  const bytes = new TextEncoder().encode(text).byteLength;
  if (bytes > MAX_METADATA_BYTES) {
    throw new MoveValidationError(
      `${field} is ${bytes} bytes as JSON; keep it under ${MAX_METADATA_BYTES} bytes (store large data elsewhere and put a reference in metadata).`,
      field,
    );
  }
  return text;
}

/**
 * A JSON.stringify replacer that refuses what JSON would silently change: NaN and Infinity (sent as
 * null), functions and symbols (dropped), Maps, Sets and class instances (sent as `{}` or as their
 * own fields). Dates have already become strings through their toJSON().
 */
function faithfulJson(key: string, value: unknown): unknown {
  const what = key === '' ? 'the value' : `"${key}"`;
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`${what} is ${value}`);
  if (typeof value === 'function' || typeof value === 'symbol') throw new TypeError(`${what} is a ${typeof value}`);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new TypeError(`${what} is a ${prototype?.constructor?.name ?? 'non-plain object'}, not a plain object`);
    }
  }
  return value;
}

/** Walks a response and parses every `metadata` string in place of its wire form. */
export function decodeMetadata<T>(value: T): Decoded<T> {
  return walk(value, '') as Decoded<T>;
}

function walk(value: unknown, path: string): unknown {
  if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = key === 'metadata' ? parseMetadata(item, path ? `${path}.${key}` : key) : walk(item, `${path}.${key}`);
  }
  return out;
}

function parseMetadata(value: unknown, path: string): Metadata | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'object') return value as Metadata;
  try {
    return JSON.parse(String(value)) as Metadata;
  } catch {
    throw new MoveServerError(`Move returned ${path} that is not valid JSON; the object is readable without it.`, {
      status: 200,
    });
  }
}
