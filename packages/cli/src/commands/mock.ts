// `move-ugc mock`: the simulator over HTTP, so anyone can try the toolkit without a key.
import { createSimulator, DEFAULT_API_KEY, startServer } from '@move-ugc/mock';
import { parse, parseDuration, parsePositiveInt } from '../args';
import { EXIT } from '../exit-codes';
import { showHelp } from '../help';
import type { Io } from '../output/io';

export async function mock(argv: string[], io: Io): Promise<number> {
  const { values } = parse('mock', argv, {
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    'job-duration': { type: 'string' },
  });
  if (values.help) return showHelp('mock', io);
  const port =
    values.port === undefined ? 4010 : values.port === '0' ? 0 : parsePositiveInt(values.port, '--port', 65_535);
  const jobDurationMs = values['job-duration'] ? parseDuration(values['job-duration'], '--job-duration') : 5_000;
  const sim = createSimulator({
    jobDurationMs,
    outputDelayMs: Math.min(2_000, jobDurationMs / 5),
    outputBytes: 256 * 1024,
  });
  const server = await startServer(sim, { port, host: values.host ?? '127.0.0.1' });
  const endpoint = `${server.url}/graphql`;
  if (io.json) {
    io.stdout.write(`${JSON.stringify({ endpoint, apiKey: DEFAULT_API_KEY })}\n`);
  } else {
    io.stdout.write(
      `Move API simulator listening on ${endpoint}\n` +
        `Use it with:\n  export MOVE_API_ENDPOINT=${endpoint}\n  export MOVE_API_KEY=${DEFAULT_API_KEY}\n` +
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
