// The Node means the workflow runs with from the command line: the SDK client, undici transfers,
// ref'd timers, the on-disk journal, and Ctrl-C wired to an abort signal.
import type { WorkflowOptions } from '@move-ugc/core';
import {
  checkWritableDir,
  defaultJournalDir,
  fileJournal,
  leanWasm,
  nodeSleep,
  undiciTransfer,
} from '@move-ugc/core/node';
import { DEFAULT_ENDPOINT, MoveAbortError, MoveUgc, redact } from '@move-ugc/sdk';
import { type Credentials, resolveCredentials } from './config';
import type { Io } from './output/io';
import { ProgressView } from './output/progress';

export interface Session {
  ugc: MoveUgc;
  credentials: Credentials;
  workflow: Omit<WorkflowOptions, 'onEvent'>;
  signal: AbortSignal;
  /** Whether Ctrl-C was pressed. */
  interrupted(): boolean;
  /** Stops handling Ctrl-C and SIGTERM (a command that goes on to do something else with them). */
  release(): void;
}

export async function openSession(flags: { 'api-key'?: string; endpoint?: string }, io: Io): Promise<Session> {
  const credentials = await resolveCredentials(flags, io.env);
  const logger = io.env.MOVE_UGC_DEBUG
    ? {
        // The fields are scrubbed too: they may name a URL.
        debug: (message: string, fields?: Record<string, unknown>) =>
          io.stderr.write(
            `debug: ${redact(`${message} ${fields ? JSON.stringify(fields) : ''}`, [credentials.apiKey])}\n`,
          ),
      }
    : undefined;
  // Before the first request compiles an HTTP parser (fetch's and undici's); only commands that
  // talk to Move get here, so the others do not load the transfer code at start.
  leanWasm();
  // The endpoint is always passed: the CLI has decided where the key goes (see config.ts), and the
  // SDK's Node entry would otherwise fall back to MOVE_API_ENDPOINT on its own.
  const ugc = new MoveUgc({
    apiKey: credentials.apiKey,
    endpoint: credentials.endpoint ?? DEFAULT_ENDPOINT,
    sleep: nodeSleep,
    logger,
  });
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    // A second Ctrl-C leaves at once; the journal is written after each step, so nothing is lost.
    if (interrupts > 1) process.exit(130);
    io.stderr.write('\nStopping… (Ctrl-C again to quit at once)\n');
    controller.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    ugc,
    credentials,
    signal: controller.signal,
    interrupted: () => interrupts > 0,
    release() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
    workflow: {
      ugc,
      transfer: undiciTransfer(),
      sleep: nodeSleep,
      signal: controller.signal,
      journal: fileJournal(stateDir(io)),
    },
  };
}

/** Where run journals live: MOVE_UGC_STATE_DIR, else the platform's place for per-user state. */
function stateDir(io: Io): string {
  return io.env.MOVE_UGC_STATE_DIR || defaultJournalDir(io.env);
}

/** Before anything is paid for: a run whose journal cannot be written could not resume. */
export function checkStateDir(io: Io): Promise<void> {
  return checkWritableDir(
    stateDir(io),
    'The state folder for run journals',
    'set MOVE_UGC_STATE_DIR to a folder you can write to',
  );
}

/**
 * Runs workflow steps while `view` draws their events. On Ctrl-C the error becomes a MoveAbortError
 * (exit 130), whatever step it hit, and `resume` (the command to run again) is printed.
 */
export async function withView<T, V extends { close(): void }>(
  session: Session,
  io: Io,
  resume: string | undefined,
  view: V,
  work: (view: V) => Promise<T>,
): Promise<T> {
  try {
    return await work(view);
  } catch (err) {
    view.close();
    if (!session.interrupted()) throw err;
    if (resume) printResumeHint(io, resume);
    throw err instanceof MoveAbortError ? err : new MoveAbortError('Interrupted.', { cause: err });
  } finally {
    view.close();
  }
}

/** withView() with the single-run progress view. */
export function withProgress<T>(
  session: Session,
  io: Io,
  resume: string | undefined,
  work: (view: ProgressView) => Promise<T>,
) {
  return withView(session, io, resume, new ProgressView(io), work);
}

export function printResumeHint(io: Io, resume: string): void {
  io.stderr.write(`Interrupted. Finished steps are kept; run the same command again to resume:\n  ${resume}\n`);
}

/** `move-ugc <words> <argv>` to type again, with the API key replaced by a placeholder. */
export function commandLine(words: readonly string[], argv: readonly string[]): string {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--api-key' || arg.startsWith('--api-key=')) {
      if (arg === '--api-key') i++;
      kept.push('--api-key <key>');
    } else {
      kept.push(shellQuote(arg));
    }
  }
  return ['move-ugc', ...words.map(shellQuote), ...kept].join(' ');
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
