// Routes a command line to its command, and any error to a message and an exit code.
import { readConfig } from './config';
import { reportError, UsageError } from './errors';
import { createIo } from './output/io';
import type { Command } from './subcommands';

const ROUTES: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./commands/run')).run,
  batch: async () => (await import('./commands/batch')).batch,
  multicam: async () => (await import('./commands/multicam')).multicam,
  files: async () => (await import('./commands/files')).files,
  takes: async () => (await import('./commands/takes')).takes,
  jobs: async () => (await import('./commands/jobs')).jobs,
  volumes: async () => (await import('./commands/volumes')).volumes,
  rigs: async () => (await import('./commands/catalog')).rigs,
  lenses: async () => (await import('./commands/catalog')).lenses,
  client: async () => (await import('./commands/client')).client,
  webhooks: async () => (await import('./commands/webhooks')).webhooks,
  mock: async () => (await import('./commands/mock')).mock,
  login: async () => (await import('./commands/login')).login,
  logout: async () => (await import('./commands/login')).logout,
};

export async function main(argv: string[]): Promise<number> {
  const [name = '', ...rest] = argv;
  const io = createIo({ json: rest.includes('--json') ? true : undefined });
  try {
    const route = ROUTES[name];
    if (!route) {
      const guess = await closest(name, Object.keys(ROUTES));
      throw new UsageError(
        `Unknown command "${name}"${guess ? ` (did you mean ${guess}?)` : ''}. See \`move-ugc --help\`.`,
      );
    }
    return await (await route())(rest, io);
  } catch (err) {
    // Every key this run could have used is scrubbed from the message, the stored one included.
    const stored = await readConfig(io.env).catch(() => ({ apiKey: undefined }));
    return reportError(
      err,
      io,
      [io.env.MOVE_API_KEY, apiKeyFlag(rest), stored.apiKey],
      ROUTES[name] ? name : undefined,
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
  const { editDistance } = await import('@move-ugc/core');
  let best: string | undefined;
  let bestDistance = 3;
  for (const command of commands) {
    const d = editDistance(name, command);
    if (d < bestDistance) [best, bestDistance] = [command, d];
  }
  return best;
}
