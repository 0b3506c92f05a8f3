// The outputs a run or a download saved: a table on a terminal, a list in the JSON document.
import { formatBytes } from '@move-ugc/core';
import { stripControlChars } from '@move-ugc/sdk';
import { type Io, table } from './io';
import { printJson } from './render';

export interface SavedOutputLike {
  fileName: string;
  format: string;
  bytes?: number;
  location?: string;
}

export interface OutputEntry {
  fileName: string;
  format: string;
  bytes: number | null;
  path: string | null;
}

export function outputEntries(outputs: readonly SavedOutputLike[]): OutputEntry[] {
  return outputs.map((o) => ({
    fileName: o.fileName,
    format: o.format,
    bytes: o.bytes ?? null,
    path: o.location ?? null,
  }));
}

export function outputsTable(outputs: readonly OutputEntry[], io: Io): string {
  const rows = outputs.map((o) => [o.fileName, o.format, formatBytes(o.bytes ?? 0), o.path ?? '']);
  return table([['OUTPUT', 'FORMAT', 'SIZE', 'PATH'], ...rows], io);
}

/** A run's result: the JSON document, or the outputs table (or how to follow a job not waited for). */
export function printRunResult(
  io: Io,
  document: { jobId: string; state: string; outputs: OutputEntry[]; [key: string]: unknown },
): void {
  if (io.json) {
    printJson(io, document);
  } else if (document.outputs.length === 0) {
    io.stdout.write(
      `Job ${document.jobId} created (${stripControlChars(document.state)}). Follow it with: move-ugc jobs wait ${document.jobId}\n`,
    );
  } else {
    io.stdout.write(`${outputsTable(document.outputs, io)}\n`);
  }
}
