// Many single-camera runs at once, a bounded number at a time. Each item is a run of its own (own
// journal key, sink and result), so one failure does not stop the others; events come tagged with the
// item's index.
import { MoveAbortError, MoveValidationError } from '@move-ugc/sdk';
import type { RunEvent } from '../events';
import type { OutputSink } from '../ports/sinks';
import {
  checkSingleCamInput,
  runSingleCam,
  type SingleCamInput,
  type SingleCamResult,
  singleCamIntent,
} from './single-cam';
import type { RunOptions } from './skeleton';

export interface BatchItem {
  input: SingleCamInput;
  /** Where this item's outputs go; else `options.sinkFor`, else URLs only. */
  sink?: OutputSink;
  /** Base of this item's output file names (default: its name, or its video's name). */
  outputBaseName?: string;
}

export type BatchItemResult = { ok: true; result: SingleCamResult } | { ok: false; error: unknown };

export type BatchEvent =
  | { type: 'batch.item.started'; index: number }
  | { type: 'batch.item'; index: number; event: RunEvent }
  | { type: 'batch.item.done'; index: number; result: SingleCamResult }
  | { type: 'batch.item.failed'; index: number; error: unknown }
  | { type: 'batch.done'; ok: number; failed: number; aborted: boolean };

export interface BatchOptions extends Omit<RunOptions, 'sink' | 'onEvent' | 'outputBaseName'> {
  /** Runs in flight at once (default 4). */
  concurrency?: number;
  /** The sink of an item that has none of its own. */
  sinkFor?: (item: BatchItem, index: number) => OutputSink | undefined;
  onEvent?: (event: BatchEvent) => void;
}

export interface BatchResult {
  /** One per item, in the items' order. */
  items: BatchItemResult[];
  ok: number;
  failed: number;
  /** The signal stopped the batch: items not yet finished failed with MoveAbortError. */
  aborted: boolean;
}

export interface InvalidBatchItem {
  index: number;
  error: MoveValidationError;
}

/** Some items of a batch are invalid: all of them are listed, and nothing was sent. */
export class MoveBatchValidationError extends MoveValidationError {
  override name = 'MoveBatchValidationError';
  readonly items: InvalidBatchItem[];
  constructor(items: InvalidBatchItem[], total: number) {
    super(
      `${items.length} of ${total} batch items are invalid, so none was started (nothing was uploaded or paid for). ` +
        `Fix these and run the batch again:\n${items.map(({ index, error }) => `  item ${index}: ${error.message}`).join('\n')}`,
      'items',
    );
    this.items = items;
  }
}

export const DEFAULT_BATCH_CONCURRENCY = 4;

/**
 * Runs every item, `concurrency` at a time; resolves with each item's outcome once all have ended.
 * Rejects only before anything was sent: on invalid items (MoveBatchValidationError) or options.
 */
export async function runBatch(items: readonly BatchItem[], options: BatchOptions): Promise<BatchResult> {
  const concurrency = options.concurrency ?? DEFAULT_BATCH_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new MoveValidationError(
      `concurrency must be a whole number of 1 or more (got ${String(concurrency)}).`,
      'concurrency',
    );
  }
  // Every item is checked before any is started, and every bad one is reported at once: a batch that
  // stopped at item 17's typo after paying for items 1-16 would leave a half-done batch to untangle,
  // and one error at a time makes fixing a long list a slow loop.
  await checkItems(items);

  const { concurrency: _concurrency, sinkFor, onEvent, ...shared } = options;
  const emit = (event: BatchEvent) => {
    try {
      onEvent?.(event);
    } catch {}
  };
  const results: BatchItemResult[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index]!;
      if (options.signal?.aborted) {
        results[index] = {
          ok: false,
          error: new MoveAbortError(`Batch item ${index} was not started: the batch was aborted.`),
        };
        emit({ type: 'batch.item.failed', index, error: results[index].error });
        continue;
      }
      emit({ type: 'batch.item.started', index });
      try {
        const result = await runSingleCam(item.input, {
          ...shared,
          sink: item.sink ?? sinkFor?.(item, index),
          outputBaseName: item.outputBaseName,
          onEvent: (event) => emit({ type: 'batch.item', index, event }),
        });
        results[index] = { ok: true, result };
        emit({ type: 'batch.item.done', index, result });
      } catch (error) {
        results[index] = { ok: false, error };
        emit({ type: 'batch.item.failed', index, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(items.length, 1)) }, worker));

  const ok = results.filter((r) => r.ok).length;
  const summary = { ok, failed: items.length - ok, aborted: options.signal?.aborted ?? false };
  emit({ type: 'batch.done', ...summary });
  return { items: results, ...summary };
}

/** Validates every item; two items of the same intent would share one journal and race, so they are refused too. */
async function checkItems(items: readonly BatchItem[]): Promise<void> {
  const invalid: InvalidBatchItem[] = [];
  const intents = new Map<string, number>();
  for (const [index, item] of items.entries()) {
    try {
      if (!item?.input) throw new MoveValidationError('has no input: give { input: { video, … } }.', 'input');
      const checked = await checkSingleCamInput(item.input);
      const intent = await singleCamIntent(checked);
      const earlier = intents.get(intent);
      if (earlier !== undefined) {
        throw new MoveValidationError(
          `the same run as item ${earlier} (same video and settings); remove one, or tell them apart (e.g. by name).`,
          'input',
        );
      }
      intents.set(intent, index);
    } catch (error) {
      if (!(error instanceof MoveValidationError)) throw error;
      invalid.push({ index, error });
    }
  }
  if (invalid.length > 0) throw new MoveBatchValidationError(invalid, items.length);
}
