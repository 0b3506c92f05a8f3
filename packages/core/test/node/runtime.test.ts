import { describe, expect, it } from 'vitest';
import { errorCode, nodeSleep } from '../../src/node/index';

describe('nodeSleep', () => {
  it('waits about the given time', async () => {
    const started = performance.now();
    await nodeSleep(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it("rejects with the signal's own reason, at once when already aborted and during the wait", async () => {
    const reason = new Error('stopped by user');
    await expect(nodeSleep(10_000, AbortSignal.abort(reason))).rejects.toBe(reason);
    const controller = new AbortController();
    const started = performance.now();
    const sleeping = nodeSleep(10_000, controller.signal);
    setTimeout(() => controller.abort(reason), 10);
    await expect(sleeping).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('treats a negative delay as none', async () => {
    await nodeSleep(-5);
  });
});

describe('errorCode', () => {
  it('reads a system error code, if any', () => {
    expect(errorCode(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe('ENOENT');
    expect(errorCode(new Error('x'))).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
  });
});
