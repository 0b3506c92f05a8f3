// What a tool call gives back: a result (structured, with a text for clients that show only text)
// or a tool error in the CLI's own words. Everything passes one scrub first: presigned URLs lose
// their query strings and the API key becomes [redacted], whatever field or message held them.
import { MoveWaitTimeoutError } from '@move-ugc/core';
import { redact } from '@move-ugc/sdk';
import { MissingKeyError, reportError } from '../errors';
import type { Io } from '../output/io';
import { revealUrls } from '../output/render';

export interface ToolResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** A deep copy without secrets: URL fields redacted, then every string scrubbed of URLs and keys. */
export function scrub<T>(value: T, secrets: readonly (string | undefined)[]): T {
  return JSON.parse(redact(JSON.stringify(revealUrls(value)), secrets)) as T;
}

export function ok(
  structured: Record<string, unknown>,
  text: string | undefined,
  secrets: readonly (string | undefined)[],
): ToolResult {
  const clean = scrub(structured, secrets);
  return {
    content: [{ type: 'text', text: redact(text ?? JSON.stringify(clean, null, 2), secrets) }],
    structuredContent: clean,
  };
}

/** The message `move-ugc` would print for `err` (no `error:` prefix, no pointer to a --help page). */
export function errorMessage(err: unknown, secrets: readonly (string | undefined)[]): string {
  let text = '';
  const write = (chunk: string) => {
    text += chunk;
    return true;
  };
  const sink = { write } as unknown as NodeJS.WriteStream;
  const io: Io = { stdout: sink, stderr: sink, json: false, animate: false, color: false, interactive: false, env: {} };
  reportError(err, io, [...secrets]);
  const lines = text
    .replace(/^error: /, '')
    .trimEnd()
    .split('\n')
    .filter((line) => !line.startsWith('See: move-ugc'));
  if (err instanceof MoveWaitTimeoutError) {
    lines.push(`From here: call wait_for_job or download_outputs with jobId "${err.jobId}".`);
  }
  if (err instanceof MissingKeyError) {
    lines.push('For this MCP server: set MOVE_API_KEY in the "env" of its entry in the assistant\'s settings.');
  }
  return redact(lines.join('\n'), secrets);
}

export function toolError(err: unknown, secrets: readonly (string | undefined)[]): ToolResult {
  return { isError: true, content: [{ type: 'text', text: errorMessage(err, secrets) }] };
}
