import type { FaultKind } from './faults';

export type RequestKind = 'graphql' | 'upload' | 'download' | 'webhook' | 'other';

/** One request the simulator saw (or, for webhooks, sent). */
export interface RequestRecord {
  seq: number;
  /** Simulator clock at arrival, epoch ms. */
  at: number;
  kind: RequestKind;
  method: string;
  /** Path only: presigned query strings carry credentials and are never recorded. */
  path: string;
  /**
   * The request's headers, names in lower case (for webhooks: none). Authorization keeps only its
   * scheme word, if any (`Bearer [redacted]`); a raw key shows as `[redacted]`.
   */
  headers: Record<string, string>;
  operationName: string | null;
  /** Root fields of the GraphQL operation. */
  fields: string[];
  /** GraphQL variables as received (test-only data: never print them in logs). */
  variables: Record<string, unknown> | null;
  /** The HTTP status answered; null when the connection was dropped. */
  status: number | null;
  fault: FaultKind | null;
  /** Whether the request's effect took place (a mutation ran, bytes were stored, a body was served). */
  performed: boolean;
}

/** Keeps the latest records (bounded, so long benchmark runs do not grow) and counts operations. */
export class RequestLog {
  private records: RequestRecord[] = [];
  private readonly counts = new Map<string, number>();
  private seq = 0;

  constructor(private readonly limit = 10_000) {}

  get all(): readonly RequestRecord[] {
    return this.records;
  }

  start(
    init: Pick<RequestRecord, 'at' | 'kind' | 'method' | 'path'> & Partial<Pick<RequestRecord, 'headers'>>,
  ): RequestRecord {
    this.seq += 1;
    const record: RequestRecord = {
      seq: this.seq,
      operationName: null,
      fields: [],
      variables: null,
      status: null,
      fault: null,
      performed: false,
      headers: {},
      ...init,
    };
    this.records.push(record);
    if (this.records.length > this.limit) this.records = this.records.slice(-Math.floor(this.limit / 2));
    return record;
  }

  /** Counts a GraphQL request under its operation name and each root field. */
  countOperation(record: RequestRecord): void {
    const keys = new Set(
      [record.operationName, ...record.fields].filter((n): n is string => !!n).map((n) => n.toLowerCase()),
    );
    for (const key of keys) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  count(name: string): number {
    return this.counts.get(name.toLowerCase()) ?? 0;
  }

  clear(): void {
    this.records = [];
    this.counts.clear();
  }
}

const HIDDEN = new Set(['cookie', 'proxy-authorization']);

/** A request's headers as the log keeps them: no credentials, only the shape of Authorization. */
export function loggedHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (HIDDEN.has(name)) return;
    if (name === 'authorization') {
      const scheme = /^(\S+)\s+\S/.exec(value.trim())?.[1];
      out[name] = scheme ? `${scheme} [redacted]` : '[redacted]';
    } else out[name] = value;
  });
  return out;
}
