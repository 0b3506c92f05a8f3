// The MCP server of `move-ugc mcp`: the tools (tools.ts) on stdio. stdout carries the protocol and
// nothing else; logs go to stderr. The session (key, endpoint, undici transfer, file journal) is the
// CLI's own, opened at the first call that needs it, so a missing key is a tool error the assistant
// can explain rather than a server that will not start.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { redact } from '@move-ugc/sdk';
import type { Io } from '../output/io';
import { VERSION } from '../version';
import { openSession, type Session } from '../workflow';
import { registerTools } from './tools';

export interface ServerContext {
  io: Io;
  /** The CLI's session, opened once (a failure is retried by the next call). */
  session(): Promise<Session>;
  /** Every key this server could use, for scrubbing. */
  secrets(): (string | undefined)[];
  /** Aborted when the server stops: every call in flight stops too, its journal kept. */
  shutdown: AbortSignal;
  log(line: string): void;
}

export async function serve(flags: { 'api-key'?: string; endpoint?: string }, io: Io): Promise<number> {
  const stopping = new AbortController();
  let opened: Promise<Session> | undefined;
  let key: string | undefined;
  const secrets = () => [key, flags['api-key'], io.env.MOVE_API_KEY];
  const log = (line: string) => io.stderr.write(`move-ugc mcp: ${redact(line, secrets())}\n`);
  const context: ServerContext = {
    io,
    secrets,
    shutdown: stopping.signal,
    log,
    session() {
      opened ??= openSession(flags, io).then(
        (session) => {
          // This server stops on SIGINT and SIGTERM itself (below).
          session.release();
          key = session.credentials.apiKey;
          return session;
        },
        (error: unknown) => {
          opened = undefined;
          throw error;
        },
      );
      return opened;
    },
  };

  const server = new McpServer(
    { name: 'move-ugc', title: 'Move AI motion capture (move-ugc)', version: VERSION },
    {
      instructions:
        'Markerless motion capture with Move AI: process_video turns a video into animation files (FBX, GLB, ' +
        'USD, BLEND, renders) and spends credits; the other tools read jobs, takes and catalogues, wait for ' +
        'a job, or download its outputs, and cost nothing. A repeated process_video resumes the same job.',
    },
  );
  const inFlight = registerTools(server, context);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    const stop = (why: string) => {
      if (stopping.signal.aborted) return;
      log(`stopping (${why}); unfinished calls keep their journal and resume when called again`);
      stopping.abort(new Error(why));
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.stdin.once('end', () => stop('stdin closed'));
    process.stdin.once('close', () => stop('stdin closed'));
    transport.onclose = () => stop('transport closed');
  });
  await server.connect(transport);
  log(`ready on stdio (version ${VERSION}); logs on stderr`);
  await closed;
  // Calls in flight see the abort and write their journals; a few seconds at most.
  await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 3000).unref())]);
  await server.close().catch(() => {});
  return 0;
}
