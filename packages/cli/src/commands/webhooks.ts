// `move-ugc webhooks set|verify`: register an endpoint; check a delivery's signature as a receiver
// would, from the raw body bytes and the headers (handy when a receiver rejects deliveries).
import { readFile } from 'node:fs/promises';
import { MoveWebhookError, redact, verifyWebhook } from '@move-ugc/sdk';
import { parse, parseDuration, parseHeader, parseJsonObject, parseList } from '../args';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { showHelp } from '../help';
import type { Io } from '../output/io';
import { printRecord } from '../output/render';
import { WEBHOOKS_SET, WEBHOOKS_VERIFY } from '../spec/commands';
import { openSession } from '../workflow';

const EVENT = /^[a-z0-9_]+(?:\.[a-z0-9_]+)+$/;

async function set(argv: string[], io: Io): Promise<number> {
  const { values } = parse('webhooks', argv, WEBHOOKS_SET.options);
  if (values.help) return showHelp('webhooks', io);
  const uid = values.uid?.trim();
  if (!uid)
    throw new UsageError(
      'Give the endpoint an id of your own: --uid <id> (the same uid updates it later).',
      'webhooks',
    );
  const url = checkUrl(values.url);
  const events = parseList(values.events);
  for (const event of events ?? []) {
    if (!EVENT.test(event))
      throw new UsageError(`--events: "${event}" is not an event name such as ugc.job.state.completed.`, 'webhooks');
  }
  if (values.secret !== undefined && !/^(whsec_)?[A-Za-z0-9+/]{16,}={0,2}$/.test(values.secret)) {
    throw new UsageError(
      '--secret must be a signing secret such as whsec_ followed by base64 (or leave it out: Move makes one).',
      'webhooks',
    );
  }
  const metadata = values.metadata === undefined ? undefined : parseJsonObject(values.metadata, '--metadata');

  const session = await openSession(values, io);
  const endpoint = await session.ugc.webhooks.upsert(
    { uid, url, events, secret: values.secret, description: values.description, metadata },
    { signal: session.signal },
  );
  printRecord(io, endpoint, { showUrls: values['show-urls'] });
  if (endpoint.secret && values.secret === undefined && !io.json) {
    io.stderr.write('Store the secret now: Move returns it only when the endpoint is first created.\n');
  }
  return EXIT.ok;
}

function checkUrl(value: string | undefined): string {
  if (value === undefined)
    throw new UsageError('Give the URL Move should POST events to: --url https://example.com/hooks/move.', 'webhooks');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--url "${value}" is not a URL; give one such as https://example.com/hooks/move.`, 'webhooks');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`--url must be an http(s) URL Move can reach (got ${url.protocol}).`, 'webhooks');
  }
  return value;
}

async function verify(argv: string[], io: Io): Promise<number> {
  const { values } = parse('webhooks', argv, WEBHOOKS_VERIFY.options);
  if (values.help) return showHelp('webhooks', io);
  const secret = values.secret ?? io.env.MOVE_WEBHOOK_SECRET;
  if (!secret)
    throw new UsageError(
      "Give the endpoint's signing secret: --secret whsec_... or the MOVE_WEBHOOK_SECRET environment variable.",
      'webhooks',
    );
  if (values.body === undefined)
    throw new UsageError('Give the raw request body: --body <file> (or --body - for stdin).', 'webhooks');
  const headers: Record<string, string> =
    values['headers-file'] === undefined ? {} : await readHeadersFile(values['headers-file']);
  for (const header of values.header ?? []) {
    const [name, value] = parseHeader(header, '--header');
    headers[name] = value;
  }
  const toleranceSeconds =
    values.tolerance === undefined ? undefined : parseDuration(values.tolerance, '--tolerance') / 1000;
  const body = await readBody(values.body);

  let event: Awaited<ReturnType<typeof verifyWebhook>>;
  try {
    event = await verifyWebhook(body, headers, secret, { toleranceSeconds });
  } catch (err) {
    // The SDK never puts the secret in a message; scrub anyway, since it came from the command line.
    if (err instanceof MoveWebhookError) {
      // Here the likeliest old delivery is one saved earlier to be checked now.
      const hint = err.reason === 'stale' ? ' Checking a delivery saved earlier? Raise --tolerance (e.g. 2h).' : '';
      throw new MoveWebhookError(redact(err.message, [secret]) + hint, err.reason);
    }
    throw err;
  }
  const { raw: _raw, ...summary } = event;
  printRecord(io, { valid: true, ...summary });
  return EXIT.ok;
}

/** The exact bytes: a re-encoded body would not verify, which is the point of checking. */
async function readBody(path: string): Promise<Uint8Array> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  return readFile(path).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read --body ${path} (${err.code ?? err.message}); check the path.`, 'webhooks');
  });
}

/** A JSON object of headers (as `req.headers` prints), or raw `name: value` lines (as `curl -D` saves). */
async function readHeadersFile(path: string): Promise<Record<string, string>> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(
      `Cannot read --headers-file ${path} (${err.code ?? err.message}); check the path.`,
      'webhooks',
    );
  });
  const headers: Record<string, string> = {};
  if (text.trimStart().startsWith('{')) {
    for (const [name, value] of Object.entries(parseJsonObject(text, '--headers-file'))) {
      const first = Array.isArray(value) ? value[0] : value;
      if (typeof first === 'string') headers[name.toLowerCase()] = first;
    }
    return headers;
  }
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || /^HTTP\//i.test(line)) continue;
    const [name, value] = parseHeader(line, '--headers-file');
    headers[name] = value;
  }
  return headers;
}

export const webhooks = { set, verify };
