// The mannequin's skeleton: 21 joints with VRM's humanoid bone names, each with the box that draws
// it. Y is up, the figure faces +Z (its left is +X), its soles stand on y = 0 and its head tops out
// at 1.79 m. The bind pose has no rotations: arms hang at the sides, legs straight.

export type Vec3 = [number, number, number];

export type Part = 'skin' | 'shirt' | 'trousers' | 'shoes';

export interface JointSpec {
  name: string;
  parent: string | null;
  /** Bind-pose translation from the parent; the bind pose has no rotations. */
  offset: Vec3;
  /** The joint's box, around the joint's own position. */
  center: Vec3;
  half: Vec3;
  part: Part;
}

function joint(name: string, parent: string | null, offset: Vec3, center: Vec3, half: Vec3, part: Part): JointSpec {
  return { name, parent, offset, center, half, part };
}

/** The arm and leg of one side; the figure's left is +X. */
function limbs(side: 'left' | 'right'): JointSpec[] {
  const x = side === 'left' ? 1 : -1;
  const n = (bone: string) => `${side}${bone}`;
  return [
    joint(n('Shoulder'), 'chest', [0.05 * x, 0.18, 0], [0.095 * x, 0, 0], [0.095, 0.05, 0.05], 'shirt'),
    joint(n('UpperArm'), n('Shoulder'), [0.19 * x, 0, 0], [0, -0.14, 0], [0.05, 0.14, 0.05], 'shirt'),
    joint(n('LowerArm'), n('UpperArm'), [0, -0.28, 0], [0, -0.125, 0], [0.045, 0.125, 0.045], 'skin'),
    joint(n('Hand'), n('LowerArm'), [0, -0.25, 0], [0, -0.08, 0], [0.025, 0.08, 0.045], 'skin'),
    joint(n('UpperLeg'), 'hips', [0.1 * x, -0.05, 0], [0, -0.21, 0], [0.075, 0.21, 0.075], 'trousers'),
    joint(n('LowerLeg'), n('UpperLeg'), [0, -0.42, 0], [0, -0.2, 0], [0.06, 0.2, 0.06], 'trousers'),
    joint(n('Foot'), n('LowerLeg'), [0, -0.4, 0], [0, -0.04, 0.04], [0.05, 0.04, 0.08], 'shoes'),
    joint(n('Toes'), n('Foot'), [0, -0.04, 0.12], [0, -0.02, 0.04], [0.05, 0.02, 0.04], 'shoes'),
  ];
}

export const JOINTS: readonly JointSpec[] = [
  joint('hips', null, [0, 0.95, 0], [0, 0, 0], [0.16, 0.12, 0.1], 'trousers'),
  joint('spine', 'hips', [0, 0.12, 0], [0, 0.09, 0], [0.14, 0.09, 0.09], 'shirt'),
  joint('chest', 'spine', [0, 0.18, 0], [0, 0.11, 0], [0.18, 0.12, 0.11], 'shirt'),
  joint('neck', 'chest', [0, 0.22, 0], [0, 0.05, 0], [0.05, 0.05, 0.05], 'skin'),
  joint('head', 'neck', [0, 0.1, 0], [0, 0.11, 0.01], [0.09, 0.11, 0.1], 'skin'),
  ...limbs('left'),
  ...limbs('right'),
];

const jointIndex = new Map(JOINTS.map((spec, i) => [spec.name, i]));

/** The index of a joint (and of its node) by name. */
export function jointOf(name: string): number {
  const index = jointIndex.get(name);
  if (index === undefined) throw new Error(`No joint named ${name}.`);
  return index;
}

/** Bind-pose world positions, parents first (the table lists every parent before its children). */
export function bindPositions(): Vec3[] {
  const positions: Vec3[] = [];
  for (const spec of JOINTS) {
    const base = spec.parent === null ? [0, 0, 0] : positions[jointOf(spec.parent)]!;
    positions.push([base[0]! + spec.offset[0], base[1]! + spec.offset[1], base[2]! + spec.offset[2]]);
  }
  return positions;
}
