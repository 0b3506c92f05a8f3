import type { Random } from './random';

export type IdPrefix = 'client' | 'file' | 'take' | 'job' | 'volume';

/** A v4-shaped UUID drawn from the simulator's seeded stream, so ids replay with the seed. */
export function uuid(random: Random): string {
  const b = random.bytes(16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Buffer.from(b).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function newId(prefix: IdPrefix, random: Random): string {
  return `${prefix}-${uuid(random)}`;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
