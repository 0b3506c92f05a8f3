// `move-ugc <noun> <verb>`: picks the verb's handler, or says which verbs there are.
import { UsageError } from './errors';
import { showHelp } from './help';
import type { Io } from './output/io';

export type Command = (argv: string[], io: Io) => Promise<number>;

export function subcommands(noun: string, verbs: Record<string, Command>): Command {
  const names = Object.keys(verbs);
  return async (argv, io) => {
    const [verb, ...rest] = argv;
    if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
      if (verb === undefined) {
        throw new UsageError(
          `\`move-ugc ${noun}\` needs one of: ${names.join(', ')}; e.g. move-ugc ${noun} ${names[0]}.`,
          noun,
        );
      }
      return showHelp(noun, io);
    }
    const handler = verbs[verb];
    if (!handler) {
      const usage = `move-ugc ${noun} <${names.join('|')}>`;
      throw new UsageError(
        verb.startsWith('-')
          ? `Put the verb before the options: ${usage} ${verb} ...`
          : `Unknown verb "${verb}"; use ${usage}.`,
        noun,
      );
    }
    return handler(rest, io);
  };
}
