// `move-ugc login` / `logout`: keep the API key in the user's config file (mode 600), checked
// against Move before it is stored.
import { DEFAULT_ENDPOINT, MoveUgc, stripControlChars } from '@move-ugc/sdk';
import { parse } from '../args';
import { removeConfig, writeConfig } from '../config';
import { MissingKeyError, UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { showHelp } from '../help';
import type { Io } from '../output/io';
import { LOGIN, LOGOUT } from '../spec/commands';

export async function login(argv: string[], io: Io): Promise<number> {
  const { values } = parse('login', argv, LOGIN.options);
  if (values.help) return showHelp('login', io);
  const apiKey = (values['api-key'] ?? (await readKey(io))).trim();
  const endpoint = values.endpoint ?? io.env.MOVE_API_ENDPOINT;
  const client = await new MoveUgc({ apiKey, endpoint: endpoint ?? DEFAULT_ENDPOINT }).client.retrieve();
  const path = await writeConfig({ apiKey, ...(endpoint ? { endpoint } : {}) }, io.env);
  io.stderr.write(`Logged in as ${stripControlChars(client.name)}. Key stored in ${path}.\n`);
  return EXIT.ok;
}

export async function logout(argv: string[], io: Io): Promise<number> {
  const { values } = parse('logout', argv, LOGOUT.options);
  if (values.help) return showHelp('logout', io);
  io.stderr.write(`Removed ${await removeConfig(io.env)}.\n`);
  return EXIT.ok;
}

/** From stdin when piped; asked for, without echo, on a terminal; never asked in CI. */
async function readKey(io: Io): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const key = Buffer.concat(chunks).toString('utf8').trim();
    if (!key) throw new MissingKeyError('No API key on stdin. Pipe it in, or pass --api-key.');
    return key;
  }
  if (!io.interactive) throw new UsageError('Pass the key with --api-key, or pipe it on stdin.', 'login');
  io.stderr.write('Move API key (input hidden): ');
  process.stdin.setRawMode(true);
  let key = '';
  try {
    for await (const chunk of process.stdin) {
      for (const char of (chunk as Buffer).toString('utf8')) {
        if (char === '\r' || char === '\n') return key;
        if (char === '\u0003') throw new UsageError('Cancelled.', 'login');
        if (char === '\u007f') key = key.slice(0, -1);
        else key += char;
      }
    }
  } finally {
    process.stdin.setRawMode(false);
    process.stdin.pause();
    io.stderr.write('\n');
  }
  return key;
}
