// `@move-ugc/mock/vitest`: the simulator as a vitest fixture. It starts a simulator in-process
// (msw) or over a real HTTP server, registers its cleanup with vitest's hooks, and at close asserts
// that sim.auditRequests() found nothing a strict Move or S3 could hold against the client.
// vitest is an optional peer dependency (used by this entry and ./vitest-setup only); msw is loaded
// only for `via: 'msw'`, so an HTTP-only suite does not need it.
import { afterAll, afterEach, beforeAll, expect, onTestFinished } from 'vitest';
import { handlers } from './msw';
import type { SimulatorOptions } from './options';
import type { AuditOptions } from './request-audit';
import { type RunningServer, type ServerOptions, startServer } from './server';
import { createSimulator, type Simulator } from './simulator';

export type { AuditOptions } from './request-audit';

/** How the client under test reaches the simulator. */
export type SimulatorTransport = 'msw' | 'http';

export interface SimulatorHookOptions {
  /**
   * `'msw'` (the default): msw's `setupServer` intercepts fetch in this process, at `sim.baseUrl`
   * (needs msw 2 installed). `'http'`: a real server (`startServer`) on 127.0.0.1, for a client in
   * a child process or one that does not use the global fetch.
   */
  via?: SimulatorTransport;
  /** `startServer` options (`via: 'http'` only): port, host, bandwidthBytesPerSec. */
  server?: ServerOptions;
  /** msw's `onUnhandledRequest` (`via: 'msw'` only). Default `'error'`. */
  onUnhandledRequest?: 'error' | 'warn' | 'bypass';
  /**
   * Passed to `sim.auditRequests()` when checking what the client sent (`resumed` when the test
   * resumes downloads on purpose; `since` to audit only requests after that `seq`), or `false` not
   * to audit. Default: audit over HTTP, not through msw (fetch's own Content-Length is not visible
   * there, so every upload would be reported).
   */
  audit?: AuditOptions | false;
  /** Names the client in the audit's failure message, e.g. `'the CLI'`. Default `'the client'`. */
  client?: string;
}

export interface TestSimulator<Server extends RunningServer | undefined = RunningServer | undefined> {
  readonly sim: Simulator;
  /** The GraphQL endpoint to point the client at. */
  readonly endpoint: string;
  /** The first API key the simulator accepts (DEFAULT_API_KEY unless `apiKeys` was given). */
  readonly apiKey: string;
  /** The HTTP server (`via: 'http'`), else undefined. */
  readonly server: Server;
  /**
   * Asserts the audit is empty (unless `audit: false`), then stops the transport and the simulator
   * (both are stopped even when the assertion fails). Idempotent: a second call returns the first
   * call's promise.
   */
  close(): Promise<void>;
}

export type HttpTestSimulator = TestSimulator<RunningServer>;

export interface UseSimulatorOptions extends SimulatorHookOptions {
  /**
   * After each test: audit that test's requests, then `sim.clearFaults()` and `sim.reset()`.
   * Default true. With false, state carries over between tests and the audit runs once, in afterAll.
   */
  resetAfterEach?: boolean;
}

export interface SimulatorHandle<Server extends RunningServer | undefined = RunningServer | undefined> {
  /** Created at once, so tests (and the file's own hooks) can use it. */
  readonly sim: Simulator;
  /** The GraphQL endpoint. Over HTTP it is known once beforeAll has started the server. */
  readonly endpoint: string;
  readonly apiKey: string;
  /** The HTTP server (`via: 'http'`; read inside a hook or a test, once beforeAll started it), else undefined. */
  readonly server: Server;
}

interface Transport {
  server: RunningServer | undefined;
  stop(): Promise<void>;
}

async function startTransport(sim: Simulator, hook: SimulatorHookOptions): Promise<Transport> {
  if (hook.via === 'http') {
    const server = await startServer(sim, hook.server);
    return { server, stop: () => server.close() };
  }
  let setupServer: typeof import('msw/node').setupServer;
  try {
    ({ setupServer } = await import('msw/node'));
  } catch (cause) {
    const message = "via 'msw' needs msw 2 installed (npm install -D msw@2); via 'http' works without it.";
    throw new Error(`@move-ugc/mock/vitest: ${message}`, { cause });
  }
  const msw = setupServer(...handlers(sim));
  msw.listen({ onUnhandledRequest: hook.onUnhandledRequest ?? 'error' });
  return { server: undefined, stop: async () => msw.close() };
}

function auditOptions(hook: SimulatorHookOptions): AuditOptions | false {
  return hook.audit ?? (hook.via === 'http' ? {} : false);
}

/** What `sim.auditRequests()` finds after `since` (and after the options' own `since`). */
function findings(sim: Simulator, audit: AuditOptions | false, since = 0): string[] {
  if (audit === false) return [];
  return sim.auditRequests({ ...audit, since: Math.max(audit.since ?? 0, since) });
}

function expectClean(found: string[], hook: SimulatorHookOptions): void {
  const against = `requests Move or S3 would hold against ${hook.client ?? 'the client'}`;
  expect(found, found.length > 0 ? `${against}:\n  ${found.join('\n  ')}\n` : against).toEqual([]);
}

const lastSeq = (sim: Simulator): number => sim.requests.at(-1)?.seq ?? 0;

function endpointOf(sim: Simulator, server: RunningServer | undefined): string {
  return server?.endpoint ?? sim.endpoint;
}

/**
 * Starts a simulator now and returns it with its endpoint and `close()`. Called inside a test (or
 * its beforeEach), it also closes itself when that test finishes; elsewhere (beforeAll, module
 * scope), call `close()` yourself, or use `useSimulator()`.
 */
export function startSimulator(
  options: SimulatorOptions | undefined,
  hook: SimulatorHookOptions & { via: 'http' },
): Promise<HttpTestSimulator>;
export function startSimulator(options?: SimulatorOptions, hook?: SimulatorHookOptions): Promise<TestSimulator>;
export async function startSimulator(
  options: SimulatorOptions = {},
  hook: SimulatorHookOptions = {},
): Promise<TestSimulator> {
  const sim = createSimulator(options);
  let transport: Transport;
  try {
    transport = await startTransport(sim, hook);
  } catch (error) {
    await sim.close();
    throw error;
  }
  const audit = auditOptions(hook);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const found = findings(sim, audit);
      try {
        await transport.stop();
      } finally {
        await sim.close();
      }
      expectClean(found, hook);
    })();
    return closing;
  };
  try {
    // A test that already closed it is not told twice.
    onTestFinished(() => (closing ? undefined : close()));
  } catch {
    // Not inside a test: the caller closes it.
  }
  return { sim, endpoint: endpointOf(sim, transport.server), apiKey: sim.apiKeys[0]!, server: transport.server, close };
}

/**
 * Registers a simulator for the current test file (or describe block): call it at module or describe
 * scope, not inside a test. beforeAll starts the transport; afterEach audits the test's requests and
 * resets the simulator (`resetAfterEach`); afterAll audits what is left and closes everything.
 */
export function useSimulator(
  options: SimulatorOptions | undefined,
  hook: UseSimulatorOptions & { via: 'http' },
): SimulatorHandle<RunningServer>;
export function useSimulator(options?: SimulatorOptions, hook?: UseSimulatorOptions): SimulatorHandle;
export function useSimulator(options: SimulatorOptions = {}, hook: UseSimulatorOptions = {}): SimulatorHandle {
  const sim = createSimulator(options);
  const audit = auditOptions(hook);
  const resetAfterEach = hook.resetAfterEach ?? true;
  let transport: Transport | undefined;
  let audited = 0;
  const check = () => {
    const found = findings(sim, audit, audited);
    audited = Math.max(audited, lastSeq(sim));
    expectClean(found, hook);
  };

  const started = (what: string): RunningServer | undefined => {
    if (hook.via === 'http' && !transport) {
      throw new Error(`useSimulator: the HTTP server starts in beforeAll; read ${what} inside a hook or a test.`);
    }
    return transport?.server;
  };

  beforeAll(async () => {
    transport = await startTransport(sim, hook);
  });
  afterEach(async () => {
    if (!resetAfterEach) return;
    try {
      check();
    } finally {
      sim.clearFaults();
      await sim.reset();
    }
  });
  afterAll(async () => {
    const found = findings(sim, audit, audited);
    try {
      await transport?.stop();
    } finally {
      transport = undefined;
      await sim.close();
    }
    expectClean(found, hook);
  });

  return {
    sim,
    get endpoint() {
      return endpointOf(sim, started('endpoint'));
    },
    get apiKey() {
      return sim.apiKeys[0]!;
    },
    get server() {
      return started('server');
    },
  };
}
