import { readFileSync } from 'node:fs';
import { type Accessor, NodeIO } from '@gltf-transform/core';
import validator from 'gltf-validator';
import { describe, expect, it } from 'vitest';
import { expectedOutputBytes, outputChunks, type Simulator } from '../src/index';
import { renderVideoLayout } from '../src/render-video';
import { createJob, createTake, FakeClock, getJob, useMswSimulator } from './helpers';

// What the outputs hold, read through the simulator's own download path: MAIN_GLB is a walking,
// skinned humanoid the Khronos validator passes, RENDER_VIDEO the sample clip, the rest opaque bytes.

const SAMPLE = readFileSync(new URL('../../../samples/dance.mp4', import.meta.url));
const simulator = useMswSimulator();

/** Runs a job to its outputs in `sim` and downloads each one, by format. */
async function download(sim: Simulator, clock: FakeClock, outputs: string[]) {
  const jobId = await createJob(sim.endpoint, await createTake(sim.endpoint), { outputs });
  clock.advance(60_000);
  const job = await getJob(sim.endpoint, jobId);
  const files = new Map<string, { bytes: Buffer; url: string; contentType: string | null }>();
  for (const output of job.outputs) {
    const url = output.file.presignedUrl ?? '';
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    files.set(output.format, { bytes, url, contentType: response.headers.get('content-type') });
  }
  return { jobId, files };
}

async function glbOf(seed: number, outputBytes?: number): Promise<Buffer> {
  const clock = new FakeClock();
  const sim = simulator({ seed, now: clock.now, ...(outputBytes ? { outputBytes } : {}) });
  const { files } = await download(sim, clock, ['MAIN_GLB']);
  return files.get('glb')!.bytes;
}

const minus = (a: number[], b: number[]) => a.map((v, i) => v - b[i]!);
const cross = ([ax, ay, az]: number[], [bx, by, bz]: number[]) => [
  ay! * bz! - az! * by!,
  az! * bx! - ax! * bz!,
  ax! * by! - ay! * bx!,
];
const dot = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
const floats = (accessor: Accessor | null): number[] => Array.from(accessor?.getArray() ?? [], Number);

describe('MAIN_GLB', () => {
  it('is a glTF 2.0 binary that the Khronos validator passes without a remark', async () => {
    for (const seed of [1, 2, 3]) {
      const glb = await glbOf(seed);
      expect(glb.subarray(0, 4).toString('latin1')).toBe('glTF');
      const report = await validator.validateBytes(new Uint8Array(glb), { maxIssues: 0 });
      expect(report.issues.messages).toEqual([]);
      expect(report.issues).toMatchObject({ numErrors: 0, numWarnings: 0, numInfos: 0, numHints: 0 });
      expect(report.info).toMatchObject({ animationCount: 1, hasSkins: true });
    }
  });

  it('holds a standing, skinned humanoid that walks for a few seconds', async () => {
    const document = await new NodeIO().readBinary(new Uint8Array(await glbOf(4)));
    const root = document.getRoot();

    const [skin] = root.listSkins();
    const joints = skin!.listJoints();
    expect(joints).toHaveLength(21);
    expect(joints.map((joint) => joint.getName())).toEqual(
      expect.arrayContaining(['hips', 'spine', 'head', 'leftUpperArm', 'rightHand', 'leftUpperLeg', 'rightFoot']),
    );

    const node = root.listNodes().find((n) => n.getSkin() === skin)!;
    const [primitive] = node.getMesh()!.listPrimitives();
    expect(primitive!.getAttribute('JOINTS_0')?.getCount()).toBeGreaterThan(0);
    expect(primitive!.getAttribute('WEIGHTS_0')?.getCount()).toBe(primitive!.getAttribute('POSITION')?.getCount());
    expect(primitive!.getMaterial()).not.toBeNull();
    // Feet on the ground at the origin, about 1.8 m tall (the bind pose).
    const position = primitive!.getAttribute('POSITION')!;
    expect(position.getMin([])[1]).toBeCloseTo(0, 5);
    expect(position.getMax([])[1]).toBeGreaterThan(1.7);
    expect(position.getMax([])[1]).toBeLessThan(1.8);
    // Every triangle winds counter-clockwise seen from outside, so single-sided materials show it.
    const normal = primitive!.getAttribute('NORMAL')!;
    const indices = floats(primitive!.getIndices());
    for (let t = 0; t < indices.length; t += 3) {
      const [a, b, c] = indices.slice(t, t + 3).map((i) => position.getElement(i, []));
      const facing = dot(cross(minus(b!, a!), minus(c!, a!)), normal.getElement(indices[t]!, []));
      expect(facing).toBeGreaterThan(0);
    }

    const [walk] = root.listAnimations();
    const channels = walk!.listChannels();
    const times = floats(channels[0]!.getSampler()!.getInput());
    expect(times[0]).toBe(0);
    expect(times.at(-1)).toBeGreaterThanOrEqual(2);
    expect(times.at(-1)).toBeLessThanOrEqual(4);
    const rotated = channels.filter((c) => c.getTargetPath() === 'rotation').map((c) => c.getTargetNode()!);
    expect(rotated.length).toBeGreaterThanOrEqual(10);
    expect(rotated.every((target) => joints.includes(target))).toBe(true);
    // The legs really swing, and the clip loops: its last frame is its first.
    for (const name of ['leftUpperLeg', 'rightUpperLeg', 'leftUpperArm']) {
      const channel = channels.find((c) => c.getTargetNode()?.getName() === name && c.getTargetPath() === 'rotation');
      const keys = floats(channel!.getSampler()!.getOutput());
      const xs = keys.filter((_, i) => i % 4 === 0);
      expect(Math.max(...xs) - Math.min(...xs), name).toBeGreaterThan(0.2);
      expect(keys.slice(-4).map((v, i) => v - keys[i]!)).toEqual([0, 0, 0, 0].map(() => expect.closeTo(0, 5)));
    }
  });

  it('is the same bytes for the same seed, and another walk for another seed', async () => {
    const first = await glbOf(7);
    expect((await glbOf(7)).equals(first)).toBe(true);
    expect((await glbOf(8)).equals(first)).toBe(false);
  });

  it('keeps its own size whatever outputBytes is, and serves ranges of it', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now, outputBytes: 1024 * 1024 });
    const { jobId, files } = await download(sim, clock, ['MAIN_GLB', 'MAIN_FBX']);
    const glb = files.get('glb')!;
    expect(glb.contentType).toBe('model/gltf-binary');
    expect(glb.bytes.length).toBeLessThan(100_000);
    expect(glb.bytes.equals(expectedOutputBytes(jobId, 'glb', 1024 * 1024))).toBe(true);
    expect(files.get('fbx')!.bytes.length).toBe(1024 * 1024);
    const [info] = sim.jobs().find((job) => job.id === jobId)!.outputs;
    expect(info).toMatchObject({ format: 'glb', size: glb.bytes.length });

    const response = await fetch(glb.url, { headers: { range: 'bytes=100-4099' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 100-4099/${glb.bytes.length}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(glb.bytes.subarray(100, 4100))).toBe(true);
  });
});

describe('RENDER_VIDEO', () => {
  it('is the sample clip, byte for byte, at the default outputBytes', async () => {
    const clock = new FakeClock();
    const sim = simulator({ now: clock.now });
    const { jobId, files } = await download(sim, clock, ['RENDER_VIDEO']);
    const video = files.get('mp4')!;
    expect(video.contentType).toBe('video/mp4');
    expect(video.bytes.equals(SAMPLE)).toBe(true);
    expect(video.bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(expectedOutputBytes(jobId, 'mp4', 4096).equals(SAMPLE)).toBe(true);
  });

  it('is padded to a larger outputBytes by a trailing free box', async () => {
    const clock = new FakeClock();
    const size = 64 * 1024;
    const sim = simulator({ now: clock.now, outputBytes: size });
    const { jobId, files } = await download(sim, clock, ['RENDER_VIDEO']);
    const video = files.get('mp4')!;
    expect(video.bytes.length).toBe(size);
    expect(video.bytes.subarray(0, SAMPLE.length).equals(SAMPLE)).toBe(true);
    expect(video.bytes.readUInt32BE(SAMPLE.length)).toBe(size - SAMPLE.length);
    expect(video.bytes.toString('latin1', SAMPLE.length + 4, SAMPLE.length + 8)).toBe('free');
    expect(video.bytes.equals(expectedOutputBytes(jobId, 'mp4', size))).toBe(true);
    // A range across the end of the clip and into the padding.
    const response = await fetch(video.url, {
      headers: { range: `bytes=${SAMPLE.length - 10}-${SAMPLE.length + 99}` },
    });
    const part = Buffer.from(await response.arrayBuffer());
    expect(part.equals(video.bytes.subarray(SAMPLE.length - 10, SAMPLE.length + 100))).toBe(true);
  });

  it('takes a 64-bit box size past 4 GiB', () => {
    const size = 5 * 1024 ** 3;
    const { size: served, head } = renderVideoLayout(size);
    expect(served).toBe(size);
    expect(head.readUInt32BE(SAMPLE.length)).toBe(1);
    expect(head.toString('latin1', SAMPLE.length + 4, SAMPLE.length + 8)).toBe('free');
    expect(Number(head.readBigUInt64BE(SAMPLE.length + 8))).toBe(size - SAMPLE.length);
    const tail = Buffer.concat([...outputChunks('job-a', 'mp4', size - 100, size - 1, size)]);
    expect(tail.length).toBe(100);
  });

  it('stays the bare clip when outputBytes leaves no room for a box header', () => {
    expect(renderVideoLayout(SAMPLE.length + 7).size).toBe(SAMPLE.length);
    expect(renderVideoLayout(SAMPLE.length + 8).size).toBe(SAMPLE.length + 8);
  });
});
