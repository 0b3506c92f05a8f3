// From any error to what the user sees and the exit code: a clear line on stderr (and, with
// --json, an error document on stdout). Secrets never pass through here: the SDK's errors are
// already redacted, and anything else is scrubbed once more.

import {
  MoveJobFailedError,
  MoveOutputConflictError,
  MoveVolumeWaitTimeoutError,
  MoveWaitTimeoutError,
} from '@move-ugc/core';
import {
  MoveAbortError,
  MoveAuthenticationError,
  MoveError,
  MoveValidationError,
  redact,
  stripControlChars,
} from '@move-ugc/sdk';
import { EXIT } from './exit-codes';
import { type Io, paint } from './output/io';

/** Bad arguments: exit code 2, with the command whose --help explains them. */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** No API key could be found: exit code 4. */
export class MissingKeyError extends Error {
  override name = 'MissingKeyError';
}

export function exitCodeOf(err: unknown): number {
  // An output clash is settled by the arguments (--out, --name, --overwrite).
  if (err instanceof UsageError || err instanceof MoveValidationError || err instanceof MoveOutputConflictError)
    return EXIT.usage;
  if (err instanceof MissingKeyError || err instanceof MoveAuthenticationError) return EXIT.auth;
  if (err instanceof MoveWaitTimeoutError || err instanceof MoveVolumeWaitTimeoutError) return EXIT.timeout;
  if (err instanceof MoveAbortError) return EXIT.interrupted;
  return EXIT.failed;
}

/**
 * The error's message, and for a wait that ran out the command that waits again (the workflow's own
 * message only says "later"). The command names the job, never the key: it comes from the same
 * place (flag, MOVE_API_KEY or `move-ugc login`) as for this run.
 */
function messageOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (!(err instanceof MoveWaitTimeoutError)) return message;
  const command = `\`move-ugc jobs wait ${err.jobId}\``;
  const later = 'wait for it again later';
  return message.includes(later)
    ? message.replace(later, `wait for it again with ${command}`)
    : `${message} Wait for it again with ${command}.`;
}

/** Prints the error; `command` names the help to point to for bad input the thrower did not attribute. */
export function reportError(err: unknown, io: Io, secrets: (string | undefined)[] = [], command?: string): number {
  const code = exitCodeOf(err);
  // Messages may quote Move (a job state, an error): no escape sequence reaches the terminal.
  const message = stripControlChars(redact(messageOf(err), secrets), {
    keepLineBreaks: true,
  });
  const p = paint(io);
  const lines = [`${p.red('error:')} ${message}`];
  const helpFor =
    err instanceof UsageError ? (err.command ?? command) : err instanceof MoveValidationError ? command : undefined;
  if (helpFor) lines.push(p.dim(`See: move-ugc ${helpFor} --help`));
  if (err instanceof MoveWaitTimeoutError)
    lines.push(`To wait and download its outputs: move-ugc jobs download ${err.jobId}`);
  if (err instanceof MoveVolumeWaitTimeoutError)
    lines.push('Continue by running the same command again: it waits for the same volume.');
  if (!(err instanceof MoveError) && !(err instanceof UsageError) && !(err instanceof MissingKeyError)) {
    // An unexpected failure: keep the detail, without secrets, for a bug report.
    if (io.env.MOVE_UGC_DEBUG && err instanceof Error && err.stack) lines.push(p.dim(redact(err.stack, secrets)));
  }
  io.stderr.write(`${lines.join('\n')}\n`);
  if (io.json) {
    const jobId = err instanceof MoveJobFailedError || err instanceof MoveWaitTimeoutError ? err.jobId : undefined;
    const type = err instanceof Error ? err.name : 'Error';
    io.stdout.write(
      `${JSON.stringify({ error: { type, message, exitCode: code, ...(jobId ? { jobId } : {}) } }, null, 2)}\n`,
    );
  }
  return code;
}
