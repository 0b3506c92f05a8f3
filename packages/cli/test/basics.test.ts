// --version, --help everywhere (with examples), and the router's usage errors.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { DEFAULT_API_KEY, MIN_API_KEY_LENGTH } from '@move-ugc/mock';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, expectNoSecrets, run, start, startTty, waitFor } from './helpers';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const COMMANDS = [
  'run',
  'batch',
  'multicam',
  'view',
  'files',
  'takes',
  'jobs',
  'volumes',
  'rigs',
  'lenses',
  'client',
  'webhooks',
  'mock',
  'mcp',
  'login',
];

afterAll(() => expectNoSecrets());

describe.concurrent('move-ugc', () => {
  it('prints the package version', async () => {
    for (const flag of ['--version', '-v']) {
      const result = await run([flag]);
      expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('prints the main help with every command and the exit codes', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(command);
    expect(result.stdout).toMatch(
      /Exit codes: 0 ok, 1 failed, 2 usage error, 3 timed out.*4 authentication, 130 interrupted/,
    );
    expect((await run([])).stdout).toBe(result.stdout);
  });

  it.each(COMMANDS)('has help with an example for %s', async (command) => {
    const result = await run([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: move-ugc ${command}`));
    expect(result.stdout).toMatch(/Examples?:\n {2}(export|move-ugc)/);
    expect((await run(['help', command])).stdout).toBe(result.stdout);
  });

  it('shows a page for each verb too, with its flags', async () => {
    const result = await run(['jobs', 'wait', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('jobs wait <job-id>');
    expect(result.stdout).toMatch(/^Usage: move-ugc jobs wait <job-id>/);
    expect(result.stdout).toMatch(/\n {2}--poll-interval <duration> +fixed interval between status checks/);
    expect(result.stdout).toMatch(/Example:\n {2}move-ugc jobs wait job-/);
    expect((await run(['help', 'jobs', 'wait'])).stdout).toBe(result.stdout);
    // Wherever --help stands among the arguments.
    expect((await run(['jobs', 'wait', 'job-1', '--timeout', '2h', '-h'])).stdout).toBe(result.stdout);
    // The noun's page lists the verbs.
    const noun = await run(['jobs', '--help']);
    expect(noun.stdout).toContain('jobs wait <job-id>');
    expect(noun.stdout).toMatch(/^Usage: move-ugc jobs <create\|get\|list\|update\|wait\|download> \.\.\./);
  });

  it('BI-62 rejects an unknown command with a guess (exit 2)', async () => {
    const result = await run(['jbos', 'list']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "jbos" (did you mean jobs?). See `move-ugc --help`.');
  });

  it('asks for a verb, and names the verbs on a wrong one', async () => {
    const none = await run(['jobs']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('needs one of: create, get, list, update, wait, download');
    expect(none.stderr).toContain('See: move-ugc jobs --help');

    const wrong = await run(['takes', 'delete', 'take-1']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Unknown verb "delete"; use move-ugc takes <create|get|list|update>.');

    const flagFirst = await run(['rigs', '--json']);
    expect(flagFirst.code).toBe(2);
    expect(flagFirst.stderr).toContain('Put the verb before the options: move-ugc rigs <list> --json');
  });

  it('prints an error document on stdout with --json', async () => {
    const result = await run(['jobs', 'get', '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: { type: 'UsageError', message: expect.stringContaining('Give the job id'), exitCode: 2 },
    });
  });
});

/** Bytes of `file` and every module it imports statically: what node parses before it runs. */
function staticBytes(file: string, seen = new Set<string>()): number {
  if (seen.has(file)) return 0;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  const imports = [...text.matchAll(/(?:from|import)\s*"(\.[^"]+)"/g)].map((m) => resolve(dirname(file), m[1]!));
  return text.length + imports.reduce((sum, path) => sum + staticBytes(path, seen), 0);
}

describe('start-up', () => {
  // What node must parse decides start-up: about 1.05x bare `node -e 0` when measured on a quiet
  // machine, against 1.7x for the whole CLI as one 900 KiB file. Wall-clock timing is left out of
  // the suite: on 2 busy cores it measures the neighbours.
  it('loads only a few KiB for --version and --help (commands are separate chunks)', () => {
    const bin = readFileSync(CLI, 'utf8');
    const help = /import\("(\.\/chunks\/help-[^"]+)"\)/.exec(bin)?.[1];
    expect(help, 'the bin imports the help chunk lazily').toBeDefined();
    const seen = new Set<string>();
    expect(staticBytes(CLI, seen) + staticBytes(resolve(dirname(CLI), help!), seen)).toBeLessThan(32 * 1024);
  });
});

describe('move-ugc mock', () => {
  it('serves the simulator until Ctrl-C, usable by the other commands', async () => {
    const mock = start(['mock', '--port', '0', '--job-duration', '1s', '--json'], { env: { PATH: process.env.PATH } });
    const [line] = await waitFor(() => mock.output().stdout, /^\{.*\}\n/);
    const { endpoint, apiKey } = JSON.parse(line) as { endpoint: string; apiKey: string };
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    // --port 0 took a free port, and the endpoint says which.
    expect(Number(new URL(endpoint).port)).toBeGreaterThan(0);
    const rigs = await run(['rigs', 'list', '--endpoint', endpoint, '--api-key', apiKey], {
      env: { PATH: process.env.PATH },
    });
    expect(rigs.code, rigs.stderr).toBe(0);
    expect(JSON.parse(rigs.stdout).items).toContainEqual({ name: 'move_mo' });
    mock.child.kill('SIGINT');
    expect((await mock.done).code).toBe(0);
  });

  // Two accounts: the second key is exactly as long as the shortest key the SDK (and so the CLI) takes.
  const FIRST = 'sk_mock_account_one_0001';
  const SECOND = 'sk_acct_two2';

  /** The id of the account a key opens on `endpoint`, through the CLI; the exit code when it fails. */
  async function accountOf(endpoint: string, apiKey: string): Promise<string | number | null> {
    const result = await run(['client', 'get', '--endpoint', endpoint, '--api-key', apiKey], {
      env: { PATH: process.env.PATH },
    });
    return result.code === 0 ? (JSON.parse(result.stdout) as { id: string }).id : result.code;
  }

  it('honours --api-key, given several times: one account per key, every key in the banner', async () => {
    expect(SECOND).toHaveLength(MIN_API_KEY_LENGTH);
    const args = ['mock', '--port', '0', '--api-key', FIRST, '--api-key', SECOND, '--json'];
    const mock = start(args, { env: { PATH: process.env.PATH } });
    try {
      const [line] = await waitFor(() => mock.output().stdout, /^\{.*\}\n/);
      const banner = JSON.parse(line) as { endpoint: string; apiKey: string; apiKeys: string[] };
      expect(banner).toEqual({ endpoint: expect.any(String), apiKey: FIRST, apiKeys: [FIRST, SECOND] });
      const [first, second, usual] = await Promise.all(
        [FIRST, SECOND, DEFAULT_API_KEY].map((key) => accountOf(banner.endpoint, key)),
      );
      expect(first).toMatch(/^client-/);
      expect(second).toMatch(/^client-/);
      expect(first).not.toBe(second);
      // The keys given replace the default one: it is refused (exit 4, authentication).
      expect(usual).toBe(4);
    } finally {
      mock.child.kill('SIGINT');
      expect((await mock.done).code).toBe(0);
    }
  });

  it('prints every key it accepts on a terminal, the first one ready to export', async () => {
    const mock = startTty(['mock', '--port', '0', '--api-key', FIRST, '--api-key', SECOND], {
      env: { PATH: process.env.PATH },
    });
    await waitFor(mock.output, /Stop with Ctrl-C\./);
    expect(mock.output()).toContain(
      `  export MOVE_API_KEY=${FIRST}\r\nIt also accepts, as other accounts: ${SECOND}\r\n`,
    );
    expect(mock.output()).not.toContain(DEFAULT_API_KEY);
    expect((await mock.stop()).code).toBe(0);
  });

  it('BI-163 refuses a key shorter than any Move key, as every other command does', async () => {
    const short = 'sk_short_01';
    expect(short).toHaveLength(MIN_API_KEY_LENGTH - 1);
    const mock = await run(['mock', '--port', '0', '--api-key', FIRST, '--api-key', short], {
      env: { PATH: process.env.PATH },
    });
    expect(mock.code).toBe(2);
    expect(mock.stderr).toContain(
      'error: --api-key: An API key of 11 characters is shorter than any Move key, and the SDK and the CLI refuse it',
    );
    expect(mock.stderr).toContain('See: move-ugc mock --help');
    expect(JSON.parse(mock.stdout)).toMatchObject({ error: { type: 'UsageError', exitCode: 2 } });
    // The same key, refused the same way by a command that would send it.
    const rigs = await run(['rigs', 'list', '--endpoint', 'http://127.0.0.1:9/graphql', '--api-key', short], {
      env: { PATH: process.env.PATH },
    });
    expect(rigs.code).toBe(2);
    expect(rigs.stderr).toContain('The API key is 11 characters long, shorter than any Move key');
    for (const result of [mock, rigs]) expect(`${result.stdout}${result.stderr}`).not.toContain(short);
  });

  it('BI-164 on a busy port, says the port is in use and how to pick another', async () => {
    const holder = createServer();
    await new Promise<void>((resolvePromise) => holder.listen(0, '127.0.0.1', resolvePromise));
    const { port } = holder.address() as { port: number };
    try {
      const result = await run(['mock', '--port', String(port)], { env: { PATH: process.env.PATH } });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `error: Port ${port} on 127.0.0.1 is already in use (another simulator, or another program, listens there). ` +
          'Pick another with --port <n>, or --port 0 for a free one (the endpoint printed then shows which).',
      );
      expect(result.stderr).not.toContain('EADDRINUSE');
    } finally {
      await new Promise((resolvePromise) => holder.close(resolvePromise));
    }
  });
});
