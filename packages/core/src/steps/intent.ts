// The identity of a run: the same sources and settings give the same key, so a re-run finds the
// journal of the earlier attempt. Any change (another file, other outputs) is a new run.
import { sha256Hex } from '@move-ugc/sdk';

/** Deterministic JSON: object keys sorted, so equal settings always hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export async function intentKey(kind: string, parts: Record<string, unknown>): Promise<string> {
  const text = canonicalJson({ kind, ...parts });
  return (await sha256Hex(new TextEncoder().encode(text))).slice(0, 32);
}
