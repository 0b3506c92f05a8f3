// `move-ugc mock`: the simulator over HTTP, so anyone can try the toolkit without a key.
import { createSimulator, DEFAULT_API_KEY, type Simulator, startServer } from '@move-ugc/mock';
import { parse, parseDuration, parsePositiveInt } from '../args';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { showHelp } from '../help';
import type { Io } from '../output/io';
import { MOCK } from '../spec/commands';

export async function mock(argv: string[], io: Io): Promise<number> {
  const { values } = parse('mock', argv, MOCK.options);
  if (values.help) return showHelp('mock', io);
  const port =
    values.port === undefined ? 4010 : values.port === '0' ? 0 : parsePositiveInt(values.port, '--port', 65_535);
  const host = values.host ?? '127.0.0.1';
  const jobDurationMs = values['job-duration'] ? parseDuration(values['job-duration'], '--job-duration') : 5_000;
  const apiKeys = values['api-key']?.length ? values['api-key'] : [DEFAULT_API_KEY];
  let sim: Simulator;
  try {
    sim = createSimulator({
      apiKeys,
      jobDurationMs,
      outputDelayMs: Math.min(2_000, jobDurationMs / 5),
      outputBytes: 256 * 1024,
    });
  } catch (error) {
    // The simulator refuses keys that no client could send (too short, spaces): the SDK's own rule.
    if (error instanceof RangeError) throw new UsageError(`--api-key: ${error.message}`, 'mock');
    throw error;
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(sim, { port, host });
  } catch (error) {
    await sim.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `Port ${port} on ${host} is already in use (another simulator, or another program, listens there). ` +
          'Pick another with --port <n>, or --port 0 for a free one (the endpoint printed then shows which).',
      );
    }
    throw error;
  }
  const endpoint = `${server.url}/graphql`;
  const [apiKey, ...others] = apiKeys;
  if (io.json) {
    io.stdout.write(`${JSON.stringify({ endpoint, apiKey, apiKeys })}\n`);
  } else {
    io.stdout.write(
      `Move API simulator listening on ${endpoint}\n` +
        `Use it with:\n  export MOVE_API_ENDPOINT=${endpoint}\n  export MOVE_API_KEY=${apiKey}\n` +
        (others.length > 0 ? `It also accepts, as other accounts: ${others.join(', ')}\n` : '') +
        'Stop with Ctrl-C.\n',
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await sim.close();
  return EXIT.ok;
}
