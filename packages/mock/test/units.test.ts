import { describe, expect, it } from 'vitest';
import { expectedOutputBytes, outputChecksum, outputChunks, sampleVideo, signWebhookPayload } from '../src/index';
import { newRun, runStatus } from '../src/lifecycle';
import { createRandom } from '../src/random';
import { ifMatchHolds, parseRange } from '../src/ranges';
import { looksLikeVideo } from '../src/sniff';
import { throttle } from '../src/throttle';

describe('output bytes', () => {
  it('are deterministic per job and format, and seekable', () => {
    const all = expectedOutputBytes('job-a', 'fbx', 5000);
    expect(all).toHaveLength(5000);
    expect(expectedOutputBytes('job-a', 'fbx', 5000).equals(all)).toBe(true);
    expect(expectedOutputBytes('job-a', 'usdz', 5000).equals(all)).toBe(false);
    expect(expectedOutputBytes('job-b', 'fbx', 5000).equals(all)).toBe(false);
    for (const [start, end] of [
      [0, 0],
      [15, 16],
      [17, 4999],
      [4096, 4100],
    ] as const) {
      expect(Buffer.concat([...outputChunks('job-a', 'fbx', start, end)]).equals(all.subarray(start, end + 1))).toBe(
        true,
      );
    }
    // A prefix of a longer output is the shorter output.
    expect(expectedOutputBytes('job-a', 'fbx', 6000).subarray(0, 5000).equals(all)).toBe(true);
    expect(outputChecksum('job-a', 'fbx', 5000)).toMatch(/^[0-9a-f]{64}$/);
    expect(outputChecksum('job-a', 'fbx', 5000, 'md5')).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('sample videos and sniffing', () => {
  it('makes containers that pass the signature check, of the asked size', () => {
    for (const format of ['MP4', 'MOV', 'AVI'] as const) {
      for (const size of [1, 20, 64, 1000]) {
        const bytes = sampleVideo(format, size);
        expect(bytes.length).toBe(Math.max(size, format === 'AVI' ? 12 : 24));
        expect(looksLikeVideo(bytes, format)).toBe(true);
      }
    }
    expect(looksLikeVideo(Buffer.from('%PDF-1.7 aaaaaaaaaaaa'), 'MP4')).toBe(false);
    expect(looksLikeVideo(sampleVideo('MP4'), 'AVI')).toBe(false);
    expect(looksLikeVideo(new Uint8Array(4), 'MP4')).toBe(false);
  });
});

describe('run life', () => {
  it('queues, runs with rising progress, then ends', () => {
    const run = newRun(1000, 1000, null);
    expect(runStatus(run, 1000)).toEqual({ state: 'NOT_STARTED', percentageComplete: 0 });
    expect(runStatus(run, 1099).state).toBe('NOT_STARTED');
    expect(runStatus(run, 1100)).toEqual({ state: 'RUNNING', percentageComplete: 0 });
    expect(runStatus(run, 1550)).toEqual({ state: 'RUNNING', percentageComplete: 50 });
    expect(runStatus(run, 1999).percentageComplete).toBe(99);
    expect(runStatus(run, 2000)).toEqual({ state: 'FINISHED', percentageComplete: 100 });
    const doomed = newRun(0, 1000, 'bad input');
    expect(runStatus(doomed, 499).state).toBe('RUNNING');
    expect(runStatus(doomed, 500)).toEqual({ state: 'FAILED', percentageComplete: 44 });
  });
});

describe('ranges', () => {
  it('parses one range the way S3 does', () => {
    expect(parseRange(null, 10)).toBeNull();
    expect(parseRange('bytes=0-4', 10)).toEqual({ start: 0, end: 4 });
    expect(parseRange('bytes=5-', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=-30', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=8-100', 10)).toEqual({ start: 8, end: 9 });
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-0', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-2', 10)).toBeNull();
    expect(parseRange('bytes=0-1,3-4', 10)).toBeNull();
    expect(parseRange('items=0-1', 10)).toBeNull();
    expect(ifMatchHolds('"a", "b"', '"b"')).toBe(true);
    expect(ifMatchHolds('W/"b"', '"b"')).toBe(true);
    expect(ifMatchHolds('"a"', '"b"')).toBe(false);
  });
});

describe('helpers', () => {
  it('seeded randomness replays and forks independently', () => {
    const a = createRandom(5);
    const b = createRandom(5);
    const draws = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(draws);
    expect(createRandom(6).next()).not.toBe(draws[0]);
    expect(createRandom(5).fork('ids').next()).not.toBe(draws[0]);
    expect(draws.every((d) => d >= 0 && d < 1)).toBe(true);
  });

  it('signs webhook payloads as Svix does', () => {
    // Svix's documented example secret, id, timestamp and body.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';
    expect(signWebhookPayload(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('throttles a stream to the asked rate', async () => {
    const started = performance.now();
    let bytes = 0;
    for await (const chunk of throttle([new Uint8Array(100_000), new Uint8Array(100_000)], 1_000_000)) {
      bytes += chunk.byteLength;
    }
    expect(bytes).toBe(200_000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(180);
  });
});
