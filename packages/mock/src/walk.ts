import type { GlbWriter } from './glb';
import { JOINTS, jointOf } from './skeleton';

// The mannequin's animation: a walk in place, two strides in two seconds, sampled at 30 frames a
// second, looping without a seam. Legs and arms swing about X, the pelvis and spine twist about Y,
// and the hips rise and fall so that the lower foot stays on the ground.

export const WALK_SECONDS = 2;
const CYCLES = 2;
const FPS = 30;

type Quat = [number, number, number, number];

function about(axis: 0 | 1 | 2, angle: number): Quat {
  const q: Quat = [0, 0, 0, Math.cos(angle / 2)];
  q[axis] = Math.sin(angle / 2);
  return q;
}

function multiply([ax, ay, az, aw]: Quat, [bx, by, bz, bw]: Quat): Quat {
  return [
    aw * bx + ax * bw + ay * bz - az * by,
    aw * by - ax * bz + ay * bw + az * bx,
    aw * bz + ax * by - ay * bx + az * bw,
    aw * bw - ax * bx - ay * by - az * bz,
  ];
}

// Leg measures, from the skeleton: how far the lower foot's sole is below the hips.
const spec = (name: string) => JOINTS[jointOf(name)]!;
const HIP_DROP = -spec('leftUpperLeg').offset[1];
const THIGH = -spec('leftLowerLeg').offset[1];
const SHIN = -spec('leftFoot').offset[1];
/** Heel and toe tip as (y, z) in the foot's frame. */
const SOLE: [number, number][] = (() => {
  const foot = spec('leftFoot');
  const toes = spec('leftToes');
  const bottom = foot.center[1] - foot.half[1];
  return [
    [bottom, foot.center[2] - foot.half[2]],
    [bottom, toes.offset[2] + toes.center[2] + toes.half[2]],
  ];
})();

/** Swing angles of one leg (radians about X; positive moves the lower end backwards). */
function leg(thigh: number, knee: number) {
  return { thigh, knee, foot: -0.5 * (thigh + knee) };
}

/** Height of the hips above the sole of a leg in this pose. */
function reach({ thigh, knee, foot }: ReturnType<typeof leg>): number {
  const ankle = THIGH * Math.cos(thigh) + SHIN * Math.cos(thigh + knee);
  const tilt = thigh + knee + foot;
  return HIP_DROP + ankle + Math.max(...SOLE.map(([y, z]) => z * Math.sin(tilt) - y * Math.cos(tilt)));
}

/** The pose at `phase` radians of the cycle (0: legs together, left leg swinging forward). */
function pose(phase: number, stride: number): { rotations: Record<string, Quat>; hips: number } {
  const s = Math.sin(phase);
  const c = Math.cos(phase);
  const swing = 0.45 * stride;
  const bend = 0.9 * stride;
  const arm = 0.35 * stride;
  const twist = 0.1 * stride;
  const left = leg(-swing * s, bend * ((1 + c) / 2) ** 2);
  const right = leg(swing * s, bend * ((1 - c) / 2) ** 2);
  return {
    rotations: {
      hips: about(1, twist * s),
      spine: about(1, -0.5 * twist * s),
      chest: about(1, -0.6 * twist * s),
      head: about(1, 0.1 * twist * s),
      leftUpperLeg: about(0, left.thigh),
      leftLowerLeg: about(0, left.knee),
      leftFoot: about(0, left.foot),
      rightUpperLeg: about(0, right.thigh),
      rightLowerLeg: about(0, right.knee),
      rightFoot: about(0, right.foot),
      // Arms swing against the legs, a little away from the body, elbows bent more going forward.
      leftUpperArm: multiply(about(2, 0.08), about(0, arm * s)),
      leftLowerArm: about(0, -0.25 - 0.25 * Math.max(0, -s)),
      rightUpperArm: multiply(about(2, -0.08), about(0, -arm * s)),
      rightLowerArm: about(0, -0.25 - 0.25 * Math.max(0, s)),
    },
    hips: Math.max(reach(left), reach(right)),
  };
}

export interface WalkOptions {
  /** Scales every swing (1 is an ordinary walk). */
  stride: number;
  /** Where in the cycle the clip starts, as a fraction of a cycle. */
  phase: number;
}

/** Writes the keyframes into `glb` and returns the glTF animation that plays them. */
export function walkCycle(glb: GlbWriter, { stride, phase }: WalkOptions) {
  const frames = WALK_SECONDS * FPS + 1;
  const times = Float32Array.from({ length: frames }, (_, f) => f / FPS);
  const poses = Array.from(times, (_, f) => pose(2 * Math.PI * (phase + (CYCLES * f) / (WALK_SECONDS * FPS)), stride));
  const input = glb.accessor(times, 'SCALAR', { bounds: true });
  const tracks = Object.keys(poses[0]!.rotations).map((name) => ({
    node: jointOf(name),
    path: 'rotation',
    output: glb.accessor(new Float32Array(poses.flatMap((p) => p.rotations[name]!)), 'VEC4'),
  }));
  const hipsBase = spec('hips').offset;
  tracks.push({
    node: jointOf('hips'),
    path: 'translation',
    output: glb.accessor(new Float32Array(poses.flatMap((p) => [hipsBase[0], p.hips, hipsBase[2]])), 'VEC3'),
  });
  return {
    name: 'Walk',
    samplers: tracks.map(({ output }) => ({ input, output, interpolation: 'LINEAR' })),
    channels: tracks.map(({ node, path }, sampler) => ({ sampler, target: { node, path } })),
  };
}
