// `move-ugc mcp`: the toolkit as an MCP server on stdio, for AI assistants (src/mcp/).
import { parse } from '../args';
import { reportError } from '../errors';
import { EXIT } from '../exit-codes';
import { showHelp } from '../help';
import type { Io } from '../output/io';
import { MCP } from '../spec/commands';

export async function mcp(argv: string[], io: Io): Promise<number> {
  // Errors are never a JSON document on stdout here: it is the protocol channel.
  const server = { ...io, json: false };
  let values: ReturnType<typeof parse<typeof MCP.options>>['values'];
  try {
    values = parse('mcp', argv, MCP.options).values;
  } catch (err) {
    return reportError(err, server, [], 'mcp');
  }
  if (values.help) return showHelp('mcp', io);
  // stdout is the protocol channel: anything a library would print there goes to stderr instead.
  for (const name of ['log', 'info', 'debug'] as const) console[name] = console.error;
  const { serve } = await import('../mcp/server');
  const code = await serve(values, server);
  // Keep-alive sockets and timers of the session would keep the process up after the client left.
  process.exit(code ?? EXIT.ok);
}
