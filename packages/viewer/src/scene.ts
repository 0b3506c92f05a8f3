// The 3D half of the page: three.js, loaded only when job.json names a GLB or FBX. It owns the
// renderer, the camera and the mixer; main.ts owns the clock and asks for a pose with setTime().

import {
  type AnimationAction,
  type AnimationClip,
  AnimationMixer,
  Box3,
  Color,
  DirectionalLight,
  GridHelper,
  HemisphereLight,
  type Object3D,
  PerspectiveCamera,
  Scene,
  SkeletonHelper,
  type SkinnedMesh,
  TextureLoader,
  Vector3,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { AnimationEntry } from './job.ts';

export const BACKGROUND = '#1a1d23';
const DEFAULT_FPS = 30;
/** Poses sampled across the clip to frame everything the figure does, not just its first pose. */
const FRAMING_SAMPLES = 8;

export interface Viewer3D {
  /** Length of the first clip in seconds; 0 when the model has none. */
  readonly duration: number;
  /** Frames per second inferred from the clip's keyframe spacing (30 when it cannot tell). */
  readonly fps: number;
  readonly clipName: string | null;
  /** Poses the model at `time` seconds (clamped to the clip). */
  setTime(time: number): void;
  setSkeleton(visible: boolean): void;
  /** Draws a frame if anything changed since the last one; true when it drew. */
  render(force?: boolean): boolean;
}

async function loadModel(entry: AnimationEntry): Promise<{ root: Object3D; clips: AnimationClip[] }> {
  if (entry.kind === 'fbx') {
    const { FBXLoader } = await import('three/examples/jsm/loaders/FBXLoader.js');
    const root = await new FBXLoader().loadAsync(entry.url);
    return { root, clips: root.animations };
  }
  const { GLTFLoader } = await import('three/examples/jsm/loaders/GLTFLoader.js');
  const loader = new GLTFLoader();
  // GLTFLoader decodes embedded images with fetch(blob:) when it can, which a CSP without
  // `connect-src blob:` refuses; <img> loading (img-src blob:) is what the page is allowed.
  loader.register((parser) => {
    if ('isImageBitmapLoader' in parser.textureLoader) {
      const textures = new TextureLoader(parser.options.manager);
      textures.setCrossOrigin(parser.options.crossOrigin);
      parser.textureLoader = textures;
    }
    return { name: 'move_ugc_img_textures' };
  });
  const gltf = await loader.loadAsync(entry.url);
  return { root: gltf.scene, clips: gltf.animations };
}

/** The spacing of the densest track's keys, as frames per second. */
export function inferFps(clip: AnimationClip | undefined): number {
  let times: ArrayLike<number> | null = null;
  for (const track of clip?.tracks ?? []) if (times === null || track.times.length > times.length) times = track.times;
  if (times === null || times.length < 3) return DEFAULT_FPS;
  const steps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const step = times[i]! - times[i - 1]!;
    if (step > 1e-6) steps.push(step);
  }
  if (steps.length === 0) return DEFAULT_FPS;
  steps.sort((a, b) => a - b);
  const fps = 1 / steps[Math.floor(steps.length / 2)]!;
  if (!(fps >= 1 && fps <= 480)) return DEFAULT_FPS;
  const whole = Math.round(fps);
  return Math.abs(fps - whole) < 0.05 ? whole : Math.round(fps * 1000) / 1000;
}

/** 1, 2 or 5 times a power of ten, at least `value`. */
function niceCeil(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export async function createViewer3D(container: HTMLElement, entry: AnimationEntry): Promise<Viewer3D> {
  const renderer = new WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
  const canvas = renderer.domElement;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `3D view of ${entry.fileName}: drag to orbit, scroll to zoom`);

  const { root, clips } = await loadModel(entry);
  const scene = new Scene();
  scene.background = new Color(BACKGROUND);
  scene.add(root);

  root.traverse((object) => {
    // A skinned mesh's bind-pose bounds say nothing about where the animation takes it.
    if ((object as SkinnedMesh).isSkinnedMesh) object.frustumCulled = false;
  });

  const clip = clips[0];
  const mixer = new AnimationMixer(root);
  let action: AnimationAction | null = null;
  if (clip) {
    action = mixer.clipAction(clip);
    action.play();
  }
  const duration = clip?.duration ?? 0;

  const pose = (time: number) => {
    if (!action) return;
    // With a zero step the mixer evaluates exactly at action.time, without wrapping at the end.
    action.time = Math.min(Math.max(time, 0), duration);
    mixer.update(0);
    root.updateMatrixWorld(true);
  };

  // Bounds of the figure over the whole clip (skinned: with the bones applied).
  const bounds = new Box3();
  const sampleBox = new Box3();
  const samples = clip ? FRAMING_SAMPLES : 1;
  for (let i = 0; i < samples; i++) {
    pose((duration * i) / Math.max(1, samples - 1));
    root.traverse((object) => {
      if ((object as SkinnedMesh).isSkinnedMesh) (object as SkinnedMesh).computeBoundingBox();
    });
    sampleBox.setFromObject(root);
    if (!sampleBox.isEmpty()) bounds.union(sampleBox);
  }
  if (bounds.isEmpty()) bounds.set(new Vector3(-0.5, 0, -0.5), new Vector3(0.5, 1.8, 0.5));
  pose(0);

  const size = bounds.getSize(new Vector3());
  const centre = bounds.getCenter(new Vector3());
  const extent = Math.max(size.x, size.y, size.z, 1e-3);

  const camera = new PerspectiveCamera(35, 1, extent / 100, extent * 100);
  const fov = (camera.fov * Math.PI) / 180;
  const distance = (Math.max(size.y, Math.hypot(size.x, size.z)) / 2 / Math.tan(fov / 2)) * 1.35;
  camera.position.copy(centre).add(new Vector3(0.45, 0.25, 1).normalize().multiplyScalar(distance));
  camera.lookAt(centre);

  const gridSize = niceCeil(Math.max(size.y * 4, Math.hypot(size.x, size.z) * 1.5));
  const grid = new GridHelper(gridSize, 20, 0x5a6270, 0x343a44);
  grid.position.set(centre.x, bounds.min.y, centre.z);
  scene.add(grid);

  scene.add(new HemisphereLight(0xdde4f0, 0x2a2620, 1.6));
  const key = new DirectionalLight(0xffffff, 2.2);
  key.position.set(centre.x + extent, centre.y + extent * 2, centre.z + extent * 1.5);
  key.target.position.copy(centre);
  scene.add(key, key.target);
  const rim = new DirectionalLight(0x9fb4ff, 0.8);
  rim.position.set(centre.x - extent, centre.y + extent, centre.z - extent * 1.5);
  scene.add(rim);

  const skeleton = new SkeletonHelper(root);
  skeleton.visible = false;
  scene.add(skeleton);

  container.append(canvas);
  const controls = new OrbitControls(camera, canvas);
  controls.target.copy(centre);
  controls.minDistance = extent / 20;
  controls.maxDistance = distance * 10;
  controls.update();

  let dirty = true;
  controls.addEventListener('change', () => {
    dirty = true;
  });

  const resize = () => {
    const width = Math.max(1, container.clientWidth);
    const height = Math.max(1, container.clientHeight);
    renderer.setSize(width, height, false);
    camera.aspect = width / height;
    camera.updateProjectionMatrix();
    dirty = true;
  };
  new ResizeObserver(resize).observe(container);
  resize();

  let posed = 0;
  return {
    duration,
    fps: inferFps(clip),
    clipName: clip?.name || null,
    setTime(time) {
      if (time === posed) return;
      posed = time;
      pose(time);
      dirty = true;
    },
    setSkeleton(visible) {
      skeleton.visible = visible;
      dirty = true;
    },
    render(force = false) {
      if (!dirty && !force) return false;
      dirty = false;
      renderer.render(scene, camera);
      return true;
    },
  };
}
