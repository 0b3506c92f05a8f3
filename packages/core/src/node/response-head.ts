// The head of an HTTP/1.x response, parsed strictly for the socket GET: whatever this does not
// understand (a folded header line, a malformed name, an unusual status line) comes back as
// undefined, and the caller leaves the response to undici's parser.
import type { HeaderReader } from '../ports/transfer';

export interface ResponseHead {
  status: number;
  headers: HeaderReader;
}

const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: [^\r\n]*)?$/;
/** A token name, a colon, and a value without control characters other than tab (RFC 9110 §5). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([^\x00-\x08\x0a-\x1f\x7f]*?)[ \t]*$/;
const END = Buffer.from('\r\n\r\n');

/** Where the body starts in `bytes` (just past the blank line), or -1 while the head is incomplete. */
export function headEnd(bytes: Buffer): number {
  const at = bytes.indexOf(END);
  return at < 0 ? -1 : at + END.byteLength;
}

/** The status and headers of a complete head (`bytes` up to and including the blank line). */
export function parseResponseHead(bytes: Buffer): ResponseHead | undefined {
  const [statusLine = '', ...lines] = bytes.toString('latin1').slice(0, -END.byteLength).split('\r\n');
  const status = STATUS_LINE.exec(statusLine)?.[1];
  if (status === undefined) return undefined;
  const values = new Map<string, string>();
  for (const line of lines) {
    const header = HEADER_LINE.exec(line);
    if (!header) return undefined;
    const name = header[1]!.toLowerCase();
    const value = header[2]!;
    const before = values.get(name);
    values.set(name, before === undefined ? value : `${before}, ${value}`);
  }
  return { status: Number(status), headers: { get: (name) => values.get(name.toLowerCase()) ?? null } };
}

/**
 * The body length of a response the socket GET can take as it is: a 200 or 206 with one
 * Content-Length and no Transfer-Encoding. Undefined for every other response.
 */
export function plainBodyLength({ status, headers }: ResponseHead): number | undefined {
  if ((status !== 200 && status !== 206) || headers.get('transfer-encoding') !== null) return undefined;
  const length = headers.get('content-length');
  // Two Content-Length headers read as "5, 5": not a plain response.
  return length !== null && /^\d{1,15}$/.test(length) ? Number(length) : undefined;
}
