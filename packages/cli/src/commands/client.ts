// `move-ugc client get|update`: the account the API key belongs to. Its `portal` field is a login
// link carrying a token, so it is redacted like a presigned URL unless --show-urls is given.
import { parse, parseJsonObject } from '../args';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { showHelp } from '../help';
import type { Io } from '../output/io';
import { printRecord } from '../output/render';
import { CLIENT_GET, CLIENT_UPDATE } from '../spec/commands';
import { openSession } from '../workflow';

async function get(argv: string[], io: Io): Promise<number> {
  const { values } = parse('client', argv, CLIENT_GET.options);
  if (values.help) return showHelp('client', io);
  const session = await openSession(values, io);
  printRecord(io, await session.ugc.client.retrieve({ signal: session.signal }), { showUrls: values['show-urls'] });
  return EXIT.ok;
}

async function update(argv: string[], io: Io): Promise<number> {
  const { values } = parse('client', argv, CLIENT_UPDATE.options);
  if (values.help) return showHelp('client', io);
  if (values.metadata === undefined)
    throw new UsageError('Give the new metadata: --metadata \'{"team":"anim"}\'.', 'client');
  const metadata = parseJsonObject(values.metadata, '--metadata');
  const session = await openSession(values, io);
  const client = await session.ugc.client.update({ metadata }, { signal: session.signal });
  printRecord(io, client, { showUrls: values['show-urls'] });
  return EXIT.ok;
}

export const client = { get, update };
