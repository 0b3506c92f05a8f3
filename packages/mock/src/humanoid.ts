import { createHash } from 'node:crypto';
import { ARRAY_BUFFER, ELEMENT_ARRAY_BUFFER, GlbWriter } from './glb';
import { createRandom } from './random';
import { bindPositions, JOINTS, jointOf, type Part, type Vec3 } from './skeleton';
import { walkCycle } from './walk';

// MAIN_GLB's content: a mannequin of boxes, one per joint of the skeleton (skeleton.ts), skinned
// rigidly to it and walking in place (walk.ts). The owner's id picks the stride, the phase and the
// shirt colour, so the same simulator seed (hence the same job ids) gives the same bytes.

const PALETTE: Record<Exclude<Part, 'shirt'>, Vec3> = {
  skin: [0.8, 0.55, 0.4],
  trousers: [0.08, 0.1, 0.25],
  shoes: [0.04, 0.03, 0.03],
};

/** A saturated, fairly dark colour of hue `hue` (0..1), in linear RGB. */
function shirtColour(hue: number): Vec3 {
  const channel = (shift: number) => 0.15 + 0.5 * Math.max(0, Math.cos(2 * Math.PI * (hue - shift)));
  return [channel(0), channel(1 / 3), channel(2 / 3)];
}

interface Geometry {
  positions: Float32Array;
  normals: Float32Array;
  colours: Float32Array;
  joints: Uint8Array;
  weights: Float32Array;
  indices: Uint16Array;
}

const FACES_PER_BOX = 6;
/** A face's corners in its two tangent axes, counter-clockwise when their cross product faces out. */
const CORNERS: readonly [number, number][] = [
  [-1, -1],
  [1, -1],
  [1, 1],
  [-1, 1],
];

/** One box per joint with flat-shaded faces (4 vertices, 2 triangles each), all weight on its joint. */
function boxes(shirt: Vec3): Geometry {
  const vertices = JOINTS.length * FACES_PER_BOX * 4;
  const g: Geometry = {
    positions: new Float32Array(vertices * 3),
    normals: new Float32Array(vertices * 3),
    colours: new Float32Array(vertices * 3),
    joints: new Uint8Array(vertices * 4),
    weights: new Float32Array(vertices * 4),
    indices: new Uint16Array(JOINTS.length * FACES_PER_BOX * 6),
  };
  const bind = bindPositions();
  let v = 0;
  let i = 0;
  JOINTS.forEach((spec, j) => {
    const colour = spec.part === 'shirt' ? shirt : PALETTE[spec.part];
    const centre = bind[j]!.map((p, axis) => p + spec.center[axis]!);
    for (let axis = 0; axis < 3; axis++) {
      for (const sign of [1, -1]) {
        // u x w is +axis, so CORNERS wind counter-clockwise seen from outside on the +axis face;
        // the -axis face takes them in reverse.
        const u = (axis + 1) % 3;
        const w = (axis + 2) % 3;
        const corners = sign > 0 ? CORNERS : [...CORNERS].reverse();
        g.indices.set([v, v + 1, v + 2, v, v + 2, v + 3], i);
        i += 6;
        for (const [cu, cw] of corners) {
          const point = [...centre];
          point[axis]! += sign * spec.half[axis]!;
          point[u]! += cu * spec.half[u]!;
          point[w]! += cw * spec.half[w]!;
          g.positions.set(point, v * 3);
          g.normals[v * 3 + axis] = sign;
          g.colours.set(colour, v * 3);
          g.joints[v * 4] = j;
          g.weights[v * 4] = 1;
          v += 1;
        }
      }
    }
  });
  return g;
}

/** The variations an owner id picks: deterministic, small enough to stay the same figure. */
function variationOf(ownerId: string): { stride: number; phase: number; hue: number } {
  const random = createRandom(createHash('sha256').update(ownerId).digest().readUInt32LE(0));
  return { stride: 0.85 + 0.3 * random.next(), phase: random.next(), hue: random.next() };
}

/** The whole GLB for an output made by `ownerId`. */
export function humanoidGlb(ownerId: string): Buffer {
  const { stride, phase, hue } = variationOf(ownerId);
  const glb = new GlbWriter('@move-ugc/mock');
  const g = boxes(shirtColour(hue));
  const attributes = {
    POSITION: glb.accessor(g.positions, 'VEC3', { target: ARRAY_BUFFER, bounds: true }),
    NORMAL: glb.accessor(g.normals, 'VEC3', { target: ARRAY_BUFFER }),
    COLOR_0: glb.accessor(g.colours, 'VEC3', { target: ARRAY_BUFFER }),
    JOINTS_0: glb.accessor(g.joints, 'VEC4', { target: ARRAY_BUFFER }),
    WEIGHTS_0: glb.accessor(g.weights, 'VEC4', { target: ARRAY_BUFFER }),
  };
  const indices = glb.accessor(g.indices, 'SCALAR', { target: ELEMENT_ARRAY_BUFFER });

  // With no bind rotations, each inverse bind matrix is a translation back to the origin.
  const inverseBind = new Float32Array(JOINTS.length * 16);
  bindPositions().forEach((p, j) => {
    inverseBind.set([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, -p[0], -p[1], -p[2], 1], j * 16);
  });

  const meshNode = JOINTS.length;
  Object.assign(glb.json, {
    scene: 0,
    scenes: [{ name: 'Scene', nodes: [jointOf('hips'), meshNode] }],
    nodes: [
      ...JOINTS.map((spec) => {
        const children = JOINTS.flatMap((child, c) => (child.parent === spec.name ? [c] : []));
        return { name: spec.name, translation: spec.offset, ...(children.length > 0 ? { children } : {}) };
      }),
      { name: 'Mannequin', mesh: 0, skin: 0 },
    ],
    meshes: [{ name: 'Mannequin', primitives: [{ attributes, indices, material: 0 }] }],
    materials: [
      {
        name: 'Matte',
        pbrMetallicRoughness: { baseColorFactor: [1, 1, 1, 1], metallicFactor: 0, roughnessFactor: 0.8 },
      },
    ],
    skins: [
      {
        name: 'Skeleton',
        joints: JOINTS.map((_, j) => j),
        skeleton: jointOf('hips'),
        inverseBindMatrices: glb.accessor(inverseBind, 'MAT4'),
      },
    ],
    animations: [walkCycle(glb, { stride, phase })],
  });
  return glb.toBytes();
}
