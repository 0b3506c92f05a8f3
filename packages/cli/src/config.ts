// Where the API key and endpoint come from. The key: --api-key, then MOVE_API_KEY, then the file
// `move-ugc login` wrote (mode 600, XDG config dir). The endpoint: --endpoint or MOVE_API_ENDPOINT
// when given; otherwise the one that came with the key, so a key is never sent to an endpoint
// stored for another (a key from the flag or the environment goes to Move's production API).
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
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
  await checkPrivate(path);
  try {
    return JSON.parse(text) as StoredConfig;
  } catch {
    throw new UsageError(`${path} is not valid JSON; run \`move-ugc logout\` and \`move-ugc login\` again.`);
  }
}

/** Like ssh with a private key: a key file that others may read is refused, not used. */
async function checkPrivate(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const { mode } = await stat(path);
  if ((mode & 0o077) !== 0) {
    throw new UsageError(
      `${path} holds your API key but other users may read it (mode ${(mode & 0o777).toString(8)}). ` +
        `Make it private with \`chmod 600 ${path}\`, or remove it with \`move-ugc logout\`.`,
    );
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
  const given = flags['api-key'] || env.MOVE_API_KEY;
  const stored = given ? {} : await readConfig(env);
  const apiKey = given || stored.apiKey;
  if (!apiKey) {
    throw new MissingKeyError(
      'No Move API key. Give one in any of three ways: --api-key <key>, the MOVE_API_KEY environment variable, ' +
        'or `move-ugc login` (stores it for this user). To try the toolkit without a key, start `move-ugc mock`.',
    );
  }
  return { apiKey, endpoint: flags.endpoint || env.MOVE_API_ENDPOINT || stored.endpoint };
}
