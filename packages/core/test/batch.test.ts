import { MOCK_FAIL_KEY, outputChecksum, sampleVideo } from '@move-ugc/mock';
import { MoveAbortError, MoveValidationError } from '@move-ugc/sdk';
import { describe, expect, it } from 'vitest';
import {
  type BatchEvent,
  type BatchItem,
  bytesSource,
  MoveBatchValidationError,
  MoveJobFailedError,
  memoryJournal,
  runBatch,
} from '../src/index';
import { fastSleep, type MemorySink, memorySink, useSimulator, WAIT } from './helpers/simulator';

const { sim, ugc } = useSimulator();

/** Item `i` has its own video (its own size), so its own intent and journal key. */
function item(i: number, extra: Partial<BatchItem['input']> = {}): BatchItem {
  return {
    input: {
      video: bytesSource(sampleVideo('MP4', 1024 + i), `clip-${i}.mp4`),
      outputs: ['MAIN_FBX', 'RENDER_VIDEO'],
      ...extra,
    },
  };
}

function batchLog() {
  const events: BatchEvent[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const onEvent = (event: BatchEvent) => {
    events.push(event);
    if (event.type === 'batch.item.started') mostAtOnce = Math.max(mostAtOnce, ++running);
    if (event.type === 'batch.item.done' || event.type === 'batch.item.failed') running--;
  };
  return { events, onEvent, mostAtOnce: () => mostAtOnce };
}

describe('runBatch', () => {
  it('runs 6 items 3 at a time; one failed job does not stop the others', async () => {
    const sinks = new Map<number, MemorySink>();
    const log = batchLog();
    const items = Array.from({ length: 6 }, (_, i) => item(i, i === 2 ? { metadata: { [MOCK_FAIL_KEY]: true } } : {}));
    const batch = await runBatch(items, {
      ugc: ugc(),
      sleep: fastSleep,
      journal: memoryJournal(),
      concurrency: 3,
      sinkFor: (_, index) => {
        const sink = memorySink();
        sinks.set(index, sink);
        return sink;
      },
      onEvent: log.onEvent,
      ...WAIT,
    });

    expect([batch.ok, batch.failed, batch.aborted]).toEqual([5, 1, false]);
    expect(batch.items.map((r) => r.ok)).toEqual([true, true, false, true, true, true]);
    const failed = batch.items[2]!;
    expect(!failed.ok && failed.error).toBeInstanceOf(MoveJobFailedError);
    expect(sim.jobs()).toHaveLength(6);
    for (const [index, outcome] of batch.items.entries()) {
      if (!outcome.ok) continue;
      const { jobId, outputs } = outcome.result;
      expect(outputs.map((o) => o.fileName).sort()).toEqual([`clip-${index}.fbx`, `clip-${index}.mp4`]);
      const job = sim.jobs().find((j) => j.id === jobId)!;
      const sink = sinks.get(index)!;
      for (const output of job.outputs) {
        const name = output.format === 'fbx' ? `clip-${index}.fbx` : `clip-${index}.mp4`;
        expect(sink.sha256(name)).toBe(outputChecksum(jobId, output.format, output.size));
      }
    }

    expect(log.mostAtOnce()).toBe(3);
    const tagged = log.events.filter((e) => e.type === 'batch.item');
    expect(new Set(tagged.map((e) => e.index))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    expect(tagged).toContainEqual(
      expect.objectContaining({ index: 4, event: expect.objectContaining({ type: 'download.done' }) }),
    );
    expect(log.events.filter((e) => e.type === 'batch.item.done')).toHaveLength(5);
    expect(log.events.filter((e) => e.type === 'batch.item.failed').map((e) => e.index)).toEqual([2]);
    expect(log.events.at(-1)).toEqual({ type: 'batch.done', ok: 5, failed: 1, aborted: false });
  });

  it('gives an item its own sink and output name before sinkFor', async () => {
    const own = memorySink();
    const batch = await runBatch([{ ...item(0), sink: own, outputBaseName: 'hero' }, item(1)], {
      ugc: ugc(),
      sleep: fastSleep,
      sinkFor: () => undefined,
      ...WAIT,
    });
    expect([...own.files.keys()].sort()).toEqual(['hero.fbx', 'hero.mp4']);
    const second = batch.items[1]!;
    // No sink for the second: its outputs come back as URLs.
    expect(second.ok && second.result.outputs.every((o) => o.url && o.bytes === undefined)).toBe(true);
  });

  it('reports every invalid item at once, before any request', async () => {
    const items = [
      item(0),
      { input: { video: bytesSource(Buffer.from('%PDF-1.7 xxxxxxxxxxxx'), 'notes.mp4') } },
      item(2),
      item(3, { outputs: ['MAIN_FBXX'] }),
      item(4),
      { input: undefined } as unknown as BatchItem,
      item(0),
    ];
    const err = await runBatch(items, { ugc: ugc(), sleep: fastSleep }).catch((e) => e);
    expect(err).toBeInstanceOf(MoveBatchValidationError);
    expect(err).toBeInstanceOf(MoveValidationError);
    expect(err.items.map((i: { index: number }) => i.index)).toEqual([1, 3, 5, 6]);
    expect(err.message).toMatch(/^4 of 7 batch items are invalid, so none was started/);
    expect(err.message).toMatch(/item 1: video "notes.mp4" is not an MP4, MOV or AVI video/);
    expect(err.message).toMatch(/item 3: outputs: "MAIN_FBXX" is not an output type \(did you mean MAIN_FBX\?\)/);
    expect(err.message).toMatch(/item 5: has no input/);
    expect(err.message).toMatch(/item 6: the same run as item 0/);
    expect(sim.requests).toHaveLength(0);
  });

  it('refuses a concurrency below 1', async () => {
    await expect(runBatch([item(0)], { ugc: ugc(), concurrency: 0 })).rejects.toThrow(
      /concurrency must be a whole number of 1 or more/,
    );
    expect(sim.requests).toHaveLength(0);
  });

  it('an abort stops every item: those running end with MoveAbortError, the rest never start', async () => {
    const controller = new AbortController();
    const log = batchLog();
    const batch = await runBatch(
      Array.from({ length: 5 }, (_, i) => item(i)),
      {
        ugc: ugc(),
        sleep: fastSleep,
        concurrency: 2,
        signal: controller.signal,
        onEvent: (event) => {
          log.onEvent(event);
          if (event.type === 'batch.item' && event.event.type === 'job.created') controller.abort();
        },
        ...WAIT,
      },
    );
    expect(batch.aborted).toBe(true);
    expect([batch.ok, batch.failed]).toEqual([0, 5]);
    for (const outcome of batch.items) expect(!outcome.ok && outcome.error).toBeInstanceOf(MoveAbortError);
    expect(log.events.filter((e) => e.type === 'batch.item.started').map((e) => e.index)).toEqual([0, 1]);
    expect(sim.countOperations('createFile')).toBeLessThanOrEqual(2);
    expect(sim.jobs().length).toBeLessThanOrEqual(2);
    expect(log.events.at(-1)).toEqual({ type: 'batch.done', ok: 0, failed: 5, aborted: true });
  });

  it('an empty batch is done at once', async () => {
    const batch = await runBatch([], { ugc: ugc() });
    expect(batch).toEqual({ items: [], ok: 0, failed: 0, aborted: false });
  });
});
