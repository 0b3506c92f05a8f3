// GETs read straight off the socket. The request goes out on a plain net or tls socket whose reads
// land in one reused buffer (`onread`), and the body is lent to the sink in 256 KiB blocks: no
// buffer allocated per read, no stream layers between the socket and the file, which is what
// brings downloads to curl's speed (see BENCHMARKS.md). Only the plain case is taken: a 200 or 206
// with a Content-Length, over HTTP/1.1. For anything else (an error status, a redirect, chunked
// encoding, a connection or TLS failure before the response) socketGet() resolves to undefined,
// and the caller sends the request again through its general client, which decides as it always has.
import { isIP, connect as netConnect, type OnReadOpts, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { type ConnectionOptions, connect as tlsConnect } from 'node:tls';
import type { GetOptions, GetResult, HeaderReader, LendingBody } from '../ports/transfer';
import { headEnd, parseResponseHead, plainBodyLength } from './response-head';
import { withinTurn } from './tick-budget';

export interface SocketGetTimeouts {
  /** To connect, TLS handshake included (undici's default: 10 s). */
  connect: number;
  /** Without a byte from the server once the request is sent, head or body (undici's default: 300 s). */
  idle: number;
}

export interface SocketGetOptions extends GetOptions {
  timeouts?: SocketGetTimeouts;
  /** TLS options beyond Node's defaults (tests trust their own CA this way). */
  tls?: Pick<ConnectionOptions, 'ca'>;
}

/** Bytes lent per write: big enough that writes cost little, small enough to stay steady (~256 KiB measured best). */
export const BLOCK = 256 * 1024;
/** A longer head is not a plain presigned GET's: undici takes it (its own limit is 16 KiB). */
const MAX_HEAD = 64 * 1024;
const DEFAULT_TIMEOUTS: SocketGetTimeouts = { connect: 10_000, idle: 300_000 };

/** The response, when it is plain: else undefined, with the connection closed. */
export async function socketGet(url: URL, options: SocketGetOptions = {}): Promise<GetResult | undefined> {
  options.signal?.throwIfAborted();
  // A header value that could end the line is no plain request (undici refuses it with its own error).
  if (/[\r\n]/.test(options.ifMatch ?? '')) return undefined;
  return new SocketBody(url, options).response;
}

class SocketBody implements LendingBody {
  readonly response: Promise<GetResult | undefined>;
  readonly #socket: Socket;
  readonly #signal: AbortSignal | undefined;
  /** Where the socket reads into, again and again. */
  readonly #read = Buffer.allocUnsafe(BLOCK);
  /** Small reads (TLS hands over one 16 KiB record at a time) gather here into one block. */
  readonly #block = Buffer.allocUnsafe(BLOCK);
  #filled = 0;
  /** Body bytes that came before the consumer started (with the head, and TLS records already decrypted). */
  #early: Buffer[] = [];
  #head: Buffer[] = [];
  #headBytes = 0;
  /** Body bytes still to come; undefined until the head is in. */
  #left: number | undefined;
  #length = 0;
  #write: ((chunk: Uint8Array) => boolean) | undefined;
  /** False once the consumer asked for a pause (an iterator behind on its chunks). */
  #reading = true;
  /** Set when the connection failed in a way undici would repeat only more slowly (abort, timeouts). */
  #final: unknown;
  #failure: unknown;
  #isClosed = false;
  #answer!: (result: GetResult | undefined) => void;
  #reject!: (error: unknown) => void;
  #ended: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  readonly #onAbort = () => this.#destroy(this.#signal?.reason, true);

  constructor(url: URL, { signal, offset, ifMatch, timeouts = DEFAULT_TIMEOUTS, tls }: SocketGetOptions) {
    this.response = new Promise((resolve, reject) => {
      this.#answer = resolve;
      this.#reject = reject;
    });
    this.#signal = signal;
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const secure = url.protocol === 'https:';
    const port = Number(url.port) || (secure ? 443 : 80);
    const onread: OnReadOpts = { buffer: this.#read, callback: (bytes) => this.#onRead(bytes) };
    // Certificates are checked as Node checks them by default (its CAs, NODE_EXTRA_CA_CERTS, the
    // host name). tls.connect honours `onread` as net.connect does; @types/node does not list it.
    const secureOptions: ConnectionOptions & { onread: OnReadOpts } = {
      host,
      port,
      servername: isIP(host) ? undefined : host,
      ALPNProtocols: ['http/1.1'],
      onread,
      ...tls,
    };
    const socket = secure ? tlsConnect(secureOptions) : netConnect({ host, port, onread });
    this.#socket = socket;
    const connectTimer = setTimeout(
      () => this.#destroy(new Error(`Connecting to ${host} timed out after ${timeouts.connect / 1000} s.`), true),
      timeouts.connect,
    );
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(connectTimer);
      // Another protocol agreed on in the handshake (an HTTP/2-only host): not ours to speak.
      const alpn = (socket as { alpnProtocol?: string | false }).alpnProtocol;
      if (alpn && alpn !== 'http/1.1') return this.#destroy();
      socket.setTimeout(timeouts.idle, () =>
        this.#destroy(new Error(`No data from ${host} for ${timeouts.idle / 1000} s.`), true),
      );
      const lines = [`GET ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, 'Connection: close'];
      if (offset) lines.push(`Range: bytes=${offset}-`);
      if (ifMatch) lines.push(`If-Match: ${ifMatch}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    socket.on('error', (error) => {
      this.#failure ??= error;
    });
    socket.once('close', () => {
      this.#isClosed = true;
      clearTimeout(connectTimer);
      signal?.removeEventListener('abort', this.#onAbort);
      this.#closed();
    });
    signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  lend(write: (chunk: Uint8Array) => void): Promise<void> {
    return this.#consume((chunk) => {
      write(chunk);
      return true;
    });
  }

  /** For consumers that keep their chunks: copies of each block, the socket paused while they lag. */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    const chunks = new Readable({
      read: () => this.#resume(),
      destroy: (error, done) => {
        this.#destroy();
        done(error);
      },
    });
    this.#consume((chunk) => chunks.push(Buffer.from(chunk))).then(
      () => chunks.push(null),
      (error: unknown) => chunks.destroy(error as Error),
    );
    return chunks[Symbol.asyncIterator]();
  }

  async cancel(): Promise<void> {
    this.#destroy();
  }

  #consume(write: (chunk: Uint8Array) => boolean): Promise<void> {
    if (this.#write) return Promise.reject(new Error('The response body was already read.'));
    this.#write = write;
    return new Promise((resolve, reject) => {
      this.#ended = { resolve, reject };
      try {
        for (const chunk of this.#early.splice(0)) this.#reading = write(chunk);
      } catch (error) {
        return this.#destroy(error);
      }
      if (this.#left === 0) return this.#finish();
      if (this.#isClosed) return this.#closed();
      this.#resume();
    });
  }

  /** Each read, in `#read`: the head first, then body bytes. False pauses the socket. */
  #onRead(bytes: number): boolean {
    if (this.#left === undefined) return this.#onHead(bytes);
    const take = Math.min(bytes, this.#left); // a server sending past the length is not listened to
    if (!this.#write) {
      this.#early.push(Buffer.from(this.#read.subarray(0, take)));
      this.#left -= take;
      return false;
    }
    try {
      if (this.#filled + take > BLOCK) this.#flush();
      if (this.#filled === 0 && take * 2 >= BLOCK) {
        // A large read (plain TCP fills most of the buffer) is lent as it is, without a copy.
        this.#reading = this.#write!(this.#read.subarray(0, take));
      } else {
        this.#read.copy(this.#block, this.#filled, 0, take);
        this.#filled += take;
      }
      this.#left -= take;
      if (this.#left === 0) {
        this.#finish();
        return false;
      }
    } catch (error) {
      this.#destroy(error);
      return false;
    }
    return this.#reading && withinTurn(take, () => this.#resume());
  }

  #onHead(bytes: number): boolean {
    this.#head.push(Buffer.from(this.#read.subarray(0, bytes)));
    this.#headBytes += bytes;
    const received = Buffer.concat(this.#head, this.#headBytes);
    const end = headEnd(received);
    if (end < 0) {
      if (this.#headBytes <= MAX_HEAD) return true;
      this.#destroy();
      return false;
    }
    this.#head = [];
    const head = parseResponseHead(received.subarray(0, end));
    const length = head && plainBodyLength(head);
    if (!head || length === undefined) {
      this.#destroy();
      return false;
    }
    // The first body bytes came with the head: kept until the consumer starts.
    const early = received.subarray(end, end + length);
    if (early.byteLength > 0) this.#early.push(early);
    this.#length = length;
    this.#left = length - early.byteLength;
    this.#answer(this.#result(head.status, head.headers));
    return false; // until the consumer starts
  }

  #result(status: number, headers: HeaderReader): GetResult {
    return { status, headers, body: this, cancel: () => this.cancel() };
  }

  #flush(): void {
    if (this.#filled === 0) return;
    const filled = this.#filled;
    this.#filled = 0;
    this.#reading = this.#write!(this.#block.subarray(0, filled));
  }

  #finish(): void {
    try {
      this.#flush();
    } catch (error) {
      this.#destroy(error);
      return;
    }
    const ended = this.#ended;
    this.#ended = undefined;
    this.#socket.destroy();
    ended?.resolve();
  }

  #resume(): void {
    this.#reading = true;
    if (!this.#socket.destroyed) this.#socket.resume();
  }

  /** `final`: an error undici would repeat, only later (abort, timeouts); others before the head let undici try. */
  #destroy(error?: unknown, final = false): void {
    if (final) this.#final ??= error;
    if (error !== undefined) this.#failure ??= error;
    if (this.#isClosed) this.#closed();
    else this.#socket.destroy();
  }

  #closed(): void {
    if (this.#left === undefined) {
      if (this.#final !== undefined) this.#reject(this.#final);
      else this.#answer(undefined);
      return;
    }
    if (this.#left === 0 && this.#failure === undefined) return;
    const ended = this.#ended;
    if (!ended) return; // told to the consumer when it starts
    this.#ended = undefined;
    ended.reject(
      this.#final ??
        this.#failure ??
        new Error(`The connection closed after ${this.#length - this.#left} of ${this.#length} body bytes.`),
    );
  }
}
