import { describe, expect, it } from 'vitest';
import { headEnd, parseResponseHead, plainBodyLength } from '../../src/node/response-head';

const bytes = (text: string) => Buffer.from(text, 'latin1');
const parse = (text: string) => parseResponseHead(bytes(text));

describe('response heads', () => {
  it('finds the end of the head, past the blank line', () => {
    expect(headEnd(bytes('HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello'))).toBe(38);
    expect(headEnd(bytes('HTTP/1.1 200 OK\r\ncontent-length: 5\r\n'))).toBe(-1);
  });

  it('reads the status and headers, names in any case, repeated ones joined', () => {
    const head = parse('HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 5-9/10\r\nX-A: 1\r\nx-a:2 \r\n\r\n')!;
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe('bytes 5-9/10');
    expect(head.headers.get('X-A')).toBe('1, 2');
    expect(head.headers.get('etag')).toBeNull();
    expect(parse('HTTP/1.0 200\r\n\r\n')?.status).toBe(200);
  });

  it.each([
    ['a folded header line', 'HTTP/1.1 200 OK\r\nx-a: 1\r\n  more\r\n\r\n'],
    ['a space before the colon', 'HTTP/1.1 200 OK\r\ncontent-length : 5\r\n\r\n'],
    ['a control character in a value', 'HTTP/1.1 200 OK\r\nx-a: a\x01b\r\n\r\n'],
    ['HTTP/2 in the status line', 'HTTP/2 200\r\n\r\n'],
    ['no status code', 'HTTP/1.1 OK\r\n\r\n'],
  ])('leaves %s to undici', (_, text) => {
    expect(parse(text)).toBeUndefined();
  });

  it.each([
    ['HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n', 5],
    ['HTTP/1.1 206 OK\r\ncontent-length: 0\r\n\r\n', 0],
    ['HTTP/1.1 200 OK\r\n\r\n', undefined],
    ['HTTP/1.1 200 OK\r\ncontent-length: 5\r\ncontent-length: 6\r\n\r\n', undefined],
    ['HTTP/1.1 200 OK\r\ncontent-length: -5\r\n\r\n', undefined],
    ['HTTP/1.1 200 OK\r\ncontent-length: 5\r\ntransfer-encoding: chunked\r\n\r\n', undefined],
    ['HTTP/1.1 404 Not Found\r\ncontent-length: 5\r\n\r\n', undefined],
    ['HTTP/1.1 304 Not Modified\r\ncontent-length: 5\r\n\r\n', undefined],
  ])('takes only a 200 or 206 with one Content-Length as plain: %j', (text, length) => {
    expect(plainBodyLength(parse(text)!)).toBe(length);
  });
});
