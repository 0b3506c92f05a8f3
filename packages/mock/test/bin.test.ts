import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError, PortInUseError, parseCliArgs, start } from '../src/cli';
import { createSimulator, DEFAULT_API_KEY, MIN_API_KEY_LENGTH } from '../src/index';
import { gql } from './helpers';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

describe('move-ugc-mock arguments', () => {
  it('reads durations, sizes, keys, faults and the seed', () => {
    const config = parseCliArgs([
      '--port=0',
      '--job-duration',
      '5s',
      '--output-delay',
      '250ms',
      '--url-ttl',
      '2m',
      '--output-bytes',
      '1MiB',
      '--bandwidth',
      '100MB/s',
      '--api-key',
      'key_number_one_0001',
      '--api-key',
      'key_number_two_0002',
      '--faults',
      '{"rates":{"http-503":0.1}}',
      '--seed',
      '9',
      '--outputs-listed',
      'created',
    ]);
    expect(config.server).toEqual({ port: 0, host: '127.0.0.1', bandwidthBytesPerSec: 100_000_000 });
    expect(config.simulator).toEqual({
      jobDurationMs: 5000,
      outputDelayMs: 250,
      urlTtlMs: 120_000,
      outputBytes: 1024 * 1024,
      apiKeys: ['key_number_one_0001', 'key_number_two_0002'],
      faults: { rates: { 'http-503': 0.1 } },
      seed: 9,
      outputsListed: 'created',
    });
    expect(parseCliArgs([]).server.port).toBe(4010);
  });

  it('says what is wrong with bad arguments', () => {
    expect(() => parseCliArgs(['--port', 'x'])).toThrow(CliError);
    expect(() => parseCliArgs(['--job-duration', '5 parsecs'])).toThrow(/--job-duration/);
    expect(() => parseCliArgs(['--faults', '{'])).toThrow(/--faults/);
    expect(() => parseCliArgs(['--nope'])).toThrow(CliError);
    expect(() => parseCliArgs(['--outputs-listed', 'soon'])).toThrow(/--outputs-listed: 'soon' is neither/);
  });

  it('BI-161 refuses an API key shorter than the SDK accepts, without echoing it', async () => {
    expect(MIN_API_KEY_LENGTH).toBe(12);
    const short = 'other_key01'; // 11 characters: the SDK and the CLI would refuse it
    const error = (() => {
      try {
        parseCliArgs(['--api-key', 'mock_move_ugc_key_0009', '--api-key', short]);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(CliError);
    expect(error?.message).toBe(
      '--api-key: an API key of 11 characters is shorter than any Move key, and the SDK and the CLI refuse it ' +
        'before sending anything: give one of at least 12 characters.',
    );
    expect(error?.message).not.toContain(short);
    // The library says the same, so no simulator accepts a key no client could send.
    expect(() => createSimulator({ apiKeys: [short] })).toThrow(/^An API key of 11 characters is shorter/);
    const twelve = createSimulator({ apiKeys: ['other_key012'] });
    expect(twelve.apiKeys).toEqual(['other_key012']);
    await twelve.close();
  });

  it('starts a server in-process and prints how to reach it', async () => {
    const lines: string[] = [];
    const running = await start(parseCliArgs(['--port', '0', '--seed', '5']), (line) => lines.push(line));
    try {
      expect(lines[0]).toMatch(/^move-ugc-mock listening on http:\/\/127\.0\.0\.1:\d+ \(seed 5\)$/);
      expect(lines).toContain(`MOVE_API_ENDPOINT=${running.server.endpoint}`);
      expect(lines).toContain(`MOVE_API_KEY=${DEFAULT_API_KEY}`);
      expect((await gql(running.server.endpoint, '{ client { id } }')).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});

/** Holds a port, as another program would; resolves with it and a way to let it go. */
async function occupiedPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as { port: number };
  return { port, release: () => new Promise((resolve) => holder.close(() => resolve())) };
}

/** The built bin's run to its end: exit code and what it printed. */
function runBin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    proc.once('error', reject);
    proc.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the built bin', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
  });

  it('starts, answers and stops on SIGTERM', async () => {
    const proc = spawn(process.execPath, [BIN, '--port', '0', '--job-duration', '1s'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    const endpoint = await new Promise<string>((resolve, reject) => {
      let out = '';
      proc.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /MOVE_API_ENDPOINT=(\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      proc.once('exit', (code) => reject(new Error(`bin exited early (${code}): ${out}`)));
    });
    const result = await gql(endpoint, '{ client { name } }');
    expect(result.body.data).toEqual({ client: { name: 'Mock client 1' } });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('BI-162 on a busy port, says it is in use and how to pick another', async () => {
    const busy = await occupiedPort();
    try {
      const result = await runBin(['--port', String(busy.port)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `move-ugc-mock: port ${busy.port} on 127.0.0.1 is already in use (another simulator, or another program, ` +
          'listens there). Pick another with --port <n>, or --port 0 for a free one (the address printed then says which).\n',
      );
      // The same from start(), for code that embeds the CLI.
      await expect(start(parseCliArgs(['--port', String(busy.port)]), () => {})).rejects.toBeInstanceOf(PortInUseError);
    } finally {
      await busy.release();
    }
  });

  it('BI-161 exits 2 on a short --api-key, with the usage', async () => {
    const result = await runBin(['--port', '0', '--api-key', 'short_key']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^move-ugc-mock: --api-key: an API key of 9 characters is shorter than any Move key/);
    expect(result.stderr).toContain('Usage: move-ugc-mock');
    expect(result.stdout).toBe('');
  });

  it('accepts every --api-key given, one account each, and prints them', async () => {
    const keys = ['sk_mock_bin_first_0001', 'sk_mock_bin_second_0002'];
    const proc = spawn(process.execPath, [BIN, '--port', '0', '--api-key', keys[0]!, '--api-key', keys[1]!], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    const banner = await new Promise<string>((resolve, reject) => {
      let out = '';
      proc.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('also accepted')) resolve(out);
      });
      proc.once('exit', (code) => reject(new Error(`bin exited early (${code}): ${out}`)));
    });
    expect(banner).toContain(`MOVE_API_KEY=${keys[0]}\n(also accepted: ${keys[1]})`);
    const endpoint = /MOVE_API_ENDPOINT=(\S+)/.exec(banner)![1]!;
    const names = await Promise.all(
      [...keys, DEFAULT_API_KEY].map((key) =>
        fetch(endpoint, {
          method: 'POST',
          headers: { authorization: key, 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ client { id } }' }),
        }).then(async (r) => [r.status, ((await r.json()) as { data?: { client: { id: string } } }).data?.client.id]),
      ),
    );
    expect(names[0]![0]).toBe(200);
    expect(names[1]![0]).toBe(200);
    expect(names[0]![1]).not.toBe(names[1]![1]);
    // The default key is replaced, not added to: only the keys given open the simulator.
    expect(names[2]![0]).toBe(401);
  });
});
