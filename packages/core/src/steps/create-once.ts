// Creating something that spends credits (a job, a volume) exactly once. A client token goes into
// its metadata and into the journal before the request is sent; when the outcome is unknown (lost
// response, crash mid-call) the existing ones are searched for the token before anything is sent again.
import { type Metadata, MoveOutcomeUnknownError } from '@move-ugc/sdk';
import type { Journal } from '../ports/journal';
import { RESERVED_METADATA_KEY } from '../validate';
import { type Context, pauseBeforeRetry } from './context';

/** What core keeps under its reserved key in the metadata of what it creates. */
export interface Bookkeeping {
  clientToken?: string;
  idempotencyKey?: string;
}

export function bookkeeping(item: { metadata: Metadata | null }): Bookkeeping {
  const value = item.metadata?.[RESERVED_METADATA_KEY];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Bookkeeping) : {};
}

/** Lookups for a lost creation go a bounded way back: what was just made is among the newest. */
export const SEARCH_PAGES = 20;

export async function findByToken(
  items: AsyncIterable<{ id: string; metadata: Metadata | null }>,
  clientToken: string,
): Promise<string | undefined> {
  for await (const item of items) if (bookkeeping(item).clientToken === clientToken) return item.id;
  return undefined;
}

/** The journal fields holding the token (written before sending) and the id (written after). */
export type JournalSlot = { token: 'clientToken'; id: 'jobId' } | { token: 'volumeToken'; id: 'volumeId' };

export interface CreateOnceRequest {
  slot: JournalSlot;
  /** For retry events and messages. */
  noun: 'job' | 'volume';
  /** The caller's metadata; the bookkeeping is added to it. */
  metadata?: Metadata;
  idempotencyKey?: string;
  /** Sends the creation with this metadata. */
  create(metadata: Metadata): Promise<{ id: string }>;
  /** Looks for one created earlier with this token. */
  find(clientToken: string): Promise<string | undefined>;
}

/** Returns the id for this request, creating it only when it provably does not exist yet. */
export async function createOnce(
  ctx: Context,
  journal: Journal,
  request: CreateOnceRequest,
): Promise<{ id: string; resumed: boolean }> {
  const { slot } = request;
  const known = journal.record[slot.id];
  if (known) return { id: known, resumed: true };
  const adopt = async (id: string) => {
    await journal.update((r) => {
      r[slot.id] = id;
    });
    return id;
  };

  let clientToken = journal.record[slot.token];
  if (clientToken) {
    // An earlier run sent (or may have sent) the creation: find it before paying again.
    const found = await request.find(clientToken);
    if (found) return { id: await adopt(found), resumed: true };
  } else {
    const token = newToken(ctx);
    clientToken = token;
    await journal.update((r) => {
      r[slot.token] = token;
    });
  }

  const metadata: Metadata = {
    ...request.metadata,
    [RESERVED_METADATA_KEY]: {
      clientToken,
      ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
    },
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const created = await request.create(metadata);
      return { id: await adopt(created.id), resumed: false };
    } catch (err) {
      if (!(err instanceof MoveOutcomeUnknownError) || attempt >= 2) throw err;
      await pauseBeforeRetry(ctx, request.noun, attempt, `${request.noun} creation outcome unknown; looking for it`);
      const found = await request.find(clientToken);
      if (found) return { id: await adopt(found), resumed: true };
    }
  }
}

function newToken(ctx: Context): string {
  return `ct_${crypto.randomUUID?.() ?? `${ctx.now().toString(36)}${ctx.random().toString(36).slice(2)}`}`;
}
