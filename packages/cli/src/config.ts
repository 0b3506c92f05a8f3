// Where the API key and endpoint come from: --api-key / --endpoint, then MOVE_API_KEY /
// MOVE_API_ENDPOINT, then the file `move-ugc login` wrote (mode 600, XDG config dir).
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { MissingKeyError, UsageError } from './errors';

export interface StoredConfig {
  apiKey?: string;
  endpoint?: string;
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'move-ugc', 'config.json');
}

export async function readConfig(env: NodeJS.ProcessEnv = process.env): Promise<StoredConfig> {
  const path = configPath(env);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  try {
    return JSON.parse(text) as StoredConfig;
  } catch {
    throw new UsageError(`${path} is not valid JSON; run \`move-ugc logout\` and \`move-ugc login\` again.`);
  }
}

export async function writeConfig(config: StoredConfig, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const path = configPath(env);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return path;
}

export async function removeConfig(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const path = configPath(env);
  await rm(path, { force: true });
  return path;
}

export interface Credentials {
  apiKey: string;
  endpoint: string | undefined;
}

export async function resolveCredentials(
  flags: { 'api-key'?: string; endpoint?: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<Credentials> {
  const stored = flags['api-key'] && (flags.endpoint || env.MOVE_API_ENDPOINT) ? {} : await readConfig(env);
  const apiKey = flags['api-key'] || env.MOVE_API_KEY || stored.apiKey;
  if (!apiKey) {
    throw new MissingKeyError(
      'No Move API key. Give one in any of three ways: --api-key <key>, the MOVE_API_KEY environment variable, ' +
        'or `move-ugc login` (stores it for this user). To try the toolkit without a key, start `move-ugc mock`.',
    );
  }
  return { apiKey, endpoint: flags.endpoint || env.MOVE_API_ENDPOINT || stored.endpoint };
}
