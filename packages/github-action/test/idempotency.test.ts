// The Action's default key is core's contentIdempotencyKey. Keys made by earlier releases must stay
// byte-identical: a changed key would pay for a job again on a re-run.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchItemKey, CONTENT_KEY_PREFIX, contentIdempotencyKey } from '@move-ugc/core';
import { fileDigest } from '@move-ugc/core/node';
import { describe, expect, it } from 'vitest';

describe('fileDigest', () => {
  it('is the sha256 of the whole file, read in chunks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'digest-'));
    try {
      const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
      await writeFile(join(dir, 'video.mp4'), bytes);
      expect(await fileDigest(join(dir, 'video.mp4'))).toBe(createHash('sha256').update(bytes).digest('hex'));
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe('the default idempotency key', () => {
  const recipe = {
    video: 'a'.repeat(64),
    deviceLabel: 'iphone',
    outputs: ['MAIN_FBX', 'MAIN_GLB'] as const,
    options: { trackFingers: true, mocapModel: 'S2' as const },
    clipWindow: { startTime: 1, endTime: 5 },
  };

  it('is the same, byte for byte, as the keys earlier releases of the Action derived', async () => {
    expect(CONTENT_KEY_PREFIX).toBe('move-gha-v1-');
    expect(await contentIdempotencyKey(recipe)).toBe(
      'move-gha-v1-14428428a5060d0de7cc34701d57e6a25919f745c1f8556c7555fd76cc00cdc5',
    );
    expect(
      await contentIdempotencyKey({
        video: 'b'.repeat(64),
        move: 'c'.repeat(64),
        deviceLabel: 'cam-1',
        outputs: ['MAIN_GLB', 'MAIN_FBX', 'MAIN_GLB'],
      }),
    ).toBe('move-gha-v1-5c16ae61bce1afd2d5f690e967155b02339e65577d0a6650374ddb513ea5e880');
    expect(await contentIdempotencyKey({ video: 'd'.repeat(64), deviceLabel: 'iphone' })).toBe(
      'move-gha-v1-08d4332096f03f1f21223ff0546da6aa7b3e585be89da7cf8575e88a774ad924',
    );
  });

  it('is stable: the order of outputs and of option keys does not matter', async () => {
    const key = await contentIdempotencyKey(recipe);
    expect(key).toMatch(new RegExp(`^${CONTENT_KEY_PREFIX}[0-9a-f]{64}$`));
    expect(
      await contentIdempotencyKey({
        ...recipe,
        outputs: ['MAIN_GLB', 'MAIN_FBX'],
        options: { mocapModel: 'S2', trackFingers: true },
      }),
    ).toBe(key);
  });

  it('changes with anything that changes the job', async () => {
    const key = await contentIdempotencyKey(recipe);
    const variants = [
      { video: 'b'.repeat(64) },
      { move: 'c'.repeat(64) },
      { deviceLabel: 'cam-1' },
      { outputs: ['MAIN_FBX' as const] },
      { outputs: undefined },
      { options: { trackFingers: false } },
      { clipWindow: { startTime: 1, endTime: 6 } },
    ];
    const keys = await Promise.all(variants.map((change) => contentIdempotencyKey({ ...recipe, ...change })));
    expect(new Set([key, ...keys]).size).toBe(variants.length + 1);
  });

  it('gives each video of a batch its own key from a user key', () => {
    expect(batchItemKey('release-42', 'videos/walk.mp4')).toBe('release-42:videos/walk.mp4');
  });
});
