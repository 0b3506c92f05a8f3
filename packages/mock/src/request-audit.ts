import type { RequestRecord } from './request-log';

// Checks what a client actually sent, request by request, against what Move and its S3 expect.
// The simulator already refuses the worst (an unsigned Content-Type, chunked bodies); this names
// everything else a strict server could hold against a client, so that a test can assert none.

export interface AuditOptions {
  /**
   * Whether the run resumed a download on purpose. Unless it did, no GET may carry Range or
   * If-Match; when it did, every Range must come with an If-Match (a resumed file must not mix
   * two versions of an output).
   */
  resumed?: boolean;
  /** Audit only requests after this sequence number (`sim.requests.at(-1)?.seq` taken earlier). */
  since?: number;
}

/** One line per finding, naming the request by its sequence number, method and path. */
export function auditRequests(
  records: readonly RequestRecord[],
  storedBytes: (fileId: string) => number | undefined,
  { resumed = false, since = 0 }: AuditOptions = {},
): string[] {
  const problems: string[] = [];
  for (const record of records) {
    if (record.seq <= since) continue;
    const found = (problem: string) => problems.push(`#${record.seq} ${record.method} ${record.path}: ${problem}`);
    const { headers } = record;
    if (record.kind === 'upload') {
      for (const name of ['content-type', 'content-md5', 'transfer-encoding']) {
        if (headers[name] !== undefined) found(`sent ${name}: ${headers[name]}`);
      }
      const length = headers['content-length'];
      if (length === undefined) found('sent no Content-Length');
      const fileId = record.path.split('/')[2] ?? '';
      const stored = storedBytes(fileId);
      if (record.status === 200 && length !== undefined && stored !== undefined && Number(length) !== stored) {
        found(`sent Content-Length ${length} for ${stored} bytes`);
      }
    } else if (record.kind === 'download') {
      const { range, 'if-match': ifMatch } = headers;
      if (!resumed && range !== undefined) found(`sent Range ${range} on a fresh download`);
      if (!resumed && ifMatch !== undefined) found(`sent If-Match on a fresh download`);
      if (resumed && range !== undefined && ifMatch === undefined) found('resumed with Range but no If-Match');
      if (headers['content-type'] !== undefined) found(`sent content-type: ${headers['content-type']}`);
    } else if (record.kind === 'graphql') {
      if (headers.authorization !== '[redacted]') {
        found(`Authorization is ${headers.authorization ?? 'missing'}; Move takes the raw key`);
      }
      if (!/^application\/json\b/i.test(headers['content-type'] ?? '')) {
        found(`sent content-type: ${headers['content-type'] ?? '(none)'}`);
      }
    }
  }
  return problems;
}
