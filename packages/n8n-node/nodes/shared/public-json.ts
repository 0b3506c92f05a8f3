// Move's records as item JSON, minus what works as a credential: presigned URLs (upload, download,
// thumbnail), the client's portal login link and webhook signing secrets. Those reach an item only
// where the user asks for them, under names that say what they are (`downloadUrl`, `signingSecret`).
import type { IDataObject } from 'n8n-workflow';

const WITHHELD = new Set(['presignedUrl', 'thumbnailUrl', 'portal', 'secret']);

type Json = IDataObject[keyof IDataObject];

export function publicJson(value: unknown): IDataObject {
  const clean = strip(value);
  return clean !== null && typeof clean === 'object' && !Array.isArray(clean)
    ? (clean as IDataObject)
    : { value: clean };
}

function strip(value: unknown): Json {
  if (Array.isArray(value)) return value.map(strip) as Json;
  if (value === null || typeof value !== 'object') return value as Json;
  const out: IDataObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (!WITHHELD.has(key) && item !== undefined) out[key] = strip(item);
  }
  return out;
}
