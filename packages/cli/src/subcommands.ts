// `move-ugc <noun> <verb>`: picks the verb's declaration, or says which verbs there are.
import { UsageError } from './errors';
import type { Command, NounDecl } from './spec/types';

export type { Command };

/** The verb's handler, loaded; `undefined` when the words ask for the noun's help (`jobs help`). */
export async function verbOf(
  noun: NounDecl,
  argv: string[],
): Promise<{ handler: Command; rest: string[] } | undefined> {
  const names = noun.verbs.map((v) => v.name);
  const [verb, ...rest] = argv;
  if (verb === undefined) {
    throw new UsageError(
      `\`move-ugc ${noun.name}\` needs one of: ${names.join(', ')}; e.g. move-ugc ${noun.name} ${names[0]}.`,
      noun.name,
    );
  }
  if (verb === '--help' || verb === '-h' || verb === 'help') return undefined;
  const page = noun.verbs.find((v) => v.name === verb);
  if (!page) {
    const usage = `move-ugc ${noun.name} <${names.join('|')}>`;
    throw new UsageError(
      verb.startsWith('-')
        ? `Put the verb before the options: ${usage} ${verb} ...`
        : `Unknown verb "${verb}"; use ${usage}.`,
      noun.name,
    );
  }
  return { handler: await page.load(), rest };
}
