import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError, parseCliArgs, start } from '../src/cli';
import { DEFAULT_API_KEY } from '../src/index';
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
    });
    expect(parseCliArgs([]).server.port).toBe(4010);
  });

  it('says what is wrong with bad arguments', () => {
    expect(() => parseCliArgs(['--port', 'x'])).toThrow(CliError);
    expect(() => parseCliArgs(['--job-duration', '5 parsecs'])).toThrow(/--job-duration/);
    expect(() => parseCliArgs(['--faults', '{'])).toThrow(/--faults/);
    expect(() => parseCliArgs(['--nope'])).toThrow(CliError);
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
});
