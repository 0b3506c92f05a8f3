// Routes a command line to its command (the table is spec/commands.ts), and any error to a message
// and an exit code.
import { readConfig } from './config';
import { reportError, UsageError } from './errors';
import { showHelp } from './help';
import { createIo } from './output/io';
import { COMMANDS, findCommand } from './spec/commands';
import { verbOf } from './subcommands';

export async function main(argv: string[]): Promise<number> {
  const [name = '', ...rest] = argv;
  const io = createIo({ json: rest.includes('--json') ? true : undefined });
  try {
    const command = findCommand(name);
    if (!command) {
      const guess = await closest(
        name,
        COMMANDS.map((c) => c.name),
      );
      throw new UsageError(
        `Unknown command "${name}"${guess ? ` (did you mean ${guess}?)` : ''}. See \`move-ugc --help\`.`,
      );
    }
    if (command.kind === 'leaf') return await (await command.load())(rest, io);
    const verb = await verbOf(command, rest);
    return verb ? await verb.handler(verb.rest, io) : await showHelp(command.name, io);
  } catch (err) {
    // Every key this run could have used is scrubbed from the message, the stored one included.
    const stored = await readConfig(io.env).catch(() => ({ apiKey: undefined }));
    return reportError(
      err,
      io,
      [io.env.MOVE_API_KEY, apiKeyFlag(rest), stored.apiKey],
      findCommand(name) ? name : undefined,
    );
  }
}

function apiKeyFlag(argv: string[]): string | undefined {
  const index = argv.findIndex((a) => a === '--api-key' || a.startsWith('--api-key='));
  if (index === -1) return undefined;
  const arg = argv[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
}

/** The command a typo most likely meant: a prefix, or at most two edits away. */
async function closest(name: string, commands: string[]): Promise<string | undefined> {
  if (name.length < 2) return undefined;
  const prefixed = commands.find((c) => c.startsWith(name));
  if (prefixed) return prefixed;
  // Loaded here, on this error path only: every command passes through main().
  const { editDistance } = await import('@move-ugc/core/internal');
  let best: string | undefined;
  let bestDistance = 3;
  for (const command of commands) {
    const d = editDistance(name, command);
    if (d < bestDistance) [best, bestDistance] = [command, d];
  }
  return best;
}
