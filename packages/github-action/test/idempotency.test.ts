import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchItemKey, canonicalJson, deriveIdempotencyKey, fileDigest, KEY_PREFIX } from '../src/idempotency';

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

describe('deriveIdempotencyKey', () => {
  const recipe = {
    video: 'a'.repeat(64),
    deviceLabel: 'iphone',
    outputs: ['MAIN_FBX', 'MAIN_GLB'] as const,
    options: { trackFingers: true, mocapModel: 'S2' as const },
    clipWindow: { startTime: 1, endTime: 5 },
  };

  it('is stable: the order of outputs and of option keys does not matter', () => {
    const key = deriveIdempotencyKey({ ...recipe, outputs: [...recipe.outputs] });
    expect(key).toMatch(new RegExp(`^${KEY_PREFIX}[0-9a-f]{64}$`));
    expect(
      deriveIdempotencyKey({
        ...recipe,
        outputs: ['MAIN_GLB', 'MAIN_FBX'],
        options: { mocapModel: 'S2', trackFingers: true },
      }),
    ).toBe(key);
  });

  it('changes with anything that changes the job', () => {
    const key = deriveIdempotencyKey({ ...recipe, outputs: [...recipe.outputs] });
    const variants = [
      { video: 'b'.repeat(64) },
      { move: 'c'.repeat(64) },
      { deviceLabel: 'cam-1' },
      { outputs: ['MAIN_FBX' as const] },
      { outputs: undefined },
      { options: { trackFingers: false } },
      { clipWindow: { startTime: 1, endTime: 6 } },
    ];
    const keys = variants.map((change) => deriveIdempotencyKey({ ...recipe, outputs: [...recipe.outputs], ...change }));
    expect(new Set([key, ...keys]).size).toBe(variants.length + 1);
  });

  it('gives each video of a batch its own key from a user key', () => {
    expect(batchItemKey('release-42', 'videos/walk.mp4')).toBe('release-42:videos/walk.mp4');
  });

  it('serialises canonically', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: undefined }], a: 'x' })).toBe('{"a":"x","b":[2,{"d":1}]}');
  });
});
