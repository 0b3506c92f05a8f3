import { parseArgs } from 'node:util';
import type { FaultPlan } from './faults';
import { apiKeyProblem, DEFAULT_API_KEY, MIN_API_KEY_LENGTH, type SimulatorOptions } from './options';
import { type RunningServer, type ServerOptions, startServer } from './server';
import { createSimulator, type Simulator } from './simulator';

// `move-ugc-mock`: argument parsing and start-up, kept apart from bin.ts so tests can call it.

export const USAGE = `Usage: move-ugc-mock [options]

Serves a simulated Move UGC API (GraphQL, uploads, outputs) until SIGINT/SIGTERM.

  --port N               port to listen on (default 4010; 0 picks a free one)
  --host HOST            interface to bind (default 127.0.0.1)
  --base-url URL         origin put in presigned URLs (default: the server's own)
  --api-key KEY          accepted API key, ${MIN_API_KEY_LENGTH} characters or more; repeat for more
                         clients, one account each (default ${DEFAULT_API_KEY})
  --job-duration D       time a job takes, e.g. 200ms, 5s, 2m (default 200ms)
  --volume-duration D    time a volume takes (default: the job duration)
  --output-delay D       time after FINISHED until output URLs appear (default 50ms)
  --outputs-listed WHEN  'finished': a job lists its outputs once FINISHED (default, as Move);
                         'created': from creation, with null URLs until ready
  --url-ttl D            presigned URL lifetime (default 1h)
  --output-bytes SIZE    size of each output but the GLB, e.g. 4KiB, 1MiB, 2GiB (default 4KiB)
  --bandwidth SIZE       per-request transfer cap per second, e.g. 100MB (default none)
  --faults JSON          fault plan, e.g. '{"rates":{"http-503":0.1}}'
  --seed N               seed for ids and fault draws (printed when not given)
  --storage-dir DIR      where uploaded bytes go (default a temp dir)
  -h, --help             show this help
`;

export class CliError extends Error {
  override name = 'CliError';
}

/** The port asked for is taken: says so, and how to get another. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor({ port, host }: ServerOptions) {
    super(
      `port ${port} on ${host ?? '127.0.0.1'} is already in use (another simulator, or another program, listens there). ` +
        'Pick another with --port <n>, or --port 0 for a free one (the address printed then says which).',
    );
  }
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

function parseQuantity(flag: string, text: string, units: Record<string, number>, bare: number): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match?.[2]?.toLowerCase() ?? '';
  const factor = unit === '' ? bare : units[unit];
  if (!match || factor === undefined) {
    throw new CliError(`--${flag}: cannot read '${text}' (units: ${Object.keys(units).join(', ')}).`);
  }
  return Math.round(Number(match[1]) * factor);
}

export const parseDuration = (flag: string, text: string) => parseQuantity(flag, text, DURATION_UNITS, 1);
export const parseSize = (flag: string, text: string) => parseQuantity(flag, text, SIZE_UNITS, 1);

export interface CliConfig {
  help: boolean;
  simulator: SimulatorOptions;
  server: ServerOptions;
}

export function parseCliArgs(argv: string[]): CliConfig {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const simulator: SimulatorOptions = {};
  const server: ServerOptions = { port: 4010, host: values.host ?? '127.0.0.1' };
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new CliError(`--port: '${values.port}' is not a port.`);
    server.port = port;
  }
  if (values.bandwidth) server.bandwidthBytesPerSec = parseSize('bandwidth', values.bandwidth.replace(/\/s$/i, ''));
  if (values['api-key']?.length) {
    for (const key of values['api-key']) {
      const problem = apiKeyProblem(key);
      if (problem) throw new CliError(`--api-key: ${problem}`);
    }
    simulator.apiKeys = values['api-key'];
  }
  if (values['base-url']) simulator.baseUrl = values['base-url'];
  if (values['job-duration']) simulator.jobDurationMs = parseDuration('job-duration', values['job-duration']);
  if (values['volume-duration'])
    simulator.volumeDurationMs = parseDuration('volume-duration', values['volume-duration']);
  if (values['output-delay']) simulator.outputDelayMs = parseDuration('output-delay', values['output-delay']);
  const listed = values['outputs-listed'];
  if (listed !== undefined) {
    if (listed !== 'finished' && listed !== 'created')
      throw new CliError(`--outputs-listed: '${listed}' is neither 'finished' nor 'created'.`);
    simulator.outputsListed = listed;
  }
  if (values['url-ttl']) simulator.urlTtlMs = parseDuration('url-ttl', values['url-ttl']);
  if (values['output-bytes']) simulator.outputBytes = parseSize('output-bytes', values['output-bytes']);
  if (values['storage-dir']) simulator.storageDir = values['storage-dir'];
  if (values.seed !== undefined) {
    const seed = Number(values.seed);
    if (!Number.isInteger(seed)) throw new CliError(`--seed: '${values.seed}' is not an integer.`);
    simulator.seed = seed;
  }
  if (values.faults) {
    try {
      simulator.faults = JSON.parse(values.faults) as FaultPlan;
    } catch {
      throw new CliError('--faults: not valid JSON.');
    }
  }
  return { help: values.help ?? false, simulator, server };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'base-url': { type: 'string' },
      'api-key': { type: 'string', multiple: true },
      'job-duration': { type: 'string' },
      'volume-duration': { type: 'string' },
      'output-delay': { type: 'string' },
      'outputs-listed': { type: 'string' },
      'url-ttl': { type: 'string' },
      'output-bytes': { type: 'string' },
      bandwidth: { type: 'string' },
      faults: { type: 'string' },
      seed: { type: 'string' },
      'storage-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

export interface Started {
  sim: Simulator;
  server: RunningServer;
  close(): Promise<void>;
}

/** Starts a simulator and its server from parsed options and prints how to reach it. */
export async function start(config: CliConfig, out: (line: string) => void): Promise<Started> {
  const sim = createSimulator(config.simulator);
  let server: RunningServer;
  try {
    server = await startServer(sim, config.server);
  } catch (error) {
    await sim.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(config.server);
    throw error;
  }
  const [key, ...others] = sim.apiKeys;
  out(`move-ugc-mock listening on ${server.url} (seed ${sim.seed})`);
  out(`MOVE_API_ENDPOINT=${server.endpoint}`);
  out(`MOVE_API_KEY=${key}`);
  if (others.length > 0) out(`(also accepted: ${others.join(' ')})`);
  return {
    sim,
    server,
    close: async () => {
      await server.close();
      await sim.close();
    },
  };
}
