// The fixed catalogue the service exposes (rigs, camera lenses) and the facts about files and outputs.

export const RIGS = [
  'move_mo',
  'move_ue5',
  'move_ue4',
  'move_mixamo',
  'move_unity',
  'move_roblox_r15',
  'move_daz_g8',
  'move_cc4',
] as const;

export const DEFAULT_RIG = 'move_mo';

export const CAMERA_LENSES = [
  'goprohero10-fhd',
  'goprohero10-4k',
  'goprohero11-fhd',
  'iphone13-main',
  'iphone13-wide',
  'iphone14pro-main',
  'iphone15pro-main',
  'ipadpro-main',
  'pixel7-main',
  'sonya7iv-24mm',
] as const;

export type SourceFormat = 'MP4' | 'MOV' | 'AVI' | 'MOVE';
export type VideoFormat = Exclude<SourceFormat, 'MOVE'>;

/** `createFile(type)` values the service accepts, normalised (no dot, lower case). */
export const FILE_TYPES = ['mp4', 'mov', 'avi', 'move'] as const;

export function normaliseFileType(type: string): string {
  return type.trim().replace(/^\./, '').toLowerCase();
}

export function isVideoFormat(format: SourceFormat): format is VideoFormat {
  return format !== 'MOVE';
}

/** The source `format` a file of this (normalised) type can serve as. */
export function sourceFormatOf(fileType: string): SourceFormat | undefined {
  const upper = normaliseFileType(fileType).toUpperCase();
  return upper === 'MP4' || upper === 'MOV' || upper === 'AVI' || upper === 'MOVE' ? upper : undefined;
}

export type OutputType =
  | 'ALL_BLEND'
  | 'ALL_BVH'
  | 'ALL_C3D'
  | 'ALL_FBX'
  | 'ALL_GLB'
  | 'ALL_USDC'
  | 'ALL_USDZ'
  | 'MAIN_BLEND'
  | 'MAIN_FBX'
  | 'MAIN_GLB'
  | 'MAIN_USDC'
  | 'MAIN_USDZ'
  | 'MOTION_DATA'
  | 'RENDER_OVERLAY_VIDEO'
  | 'RENDER_VIDEO'
  | 'SYNC_DATA';

export interface OutputKind {
  /** `AdditionalFile.format`, opaque to clients. */
  format: string;
  /** `File.type`: the real service is inconsistent about the leading dot, and so is this. */
  fileType: string;
  /** File name extension used in the deprecated `key`. */
  extension: string;
  contentType: string;
}

const zip = (format: string): OutputKind => ({
  format,
  fileType: '.zip',
  extension: 'zip',
  contentType: 'application/zip',
});

export const OUTPUT_KINDS: Record<OutputType, OutputKind> = {
  RENDER_VIDEO: { format: 'mp4', fileType: '.mp4', extension: 'mp4', contentType: 'video/mp4' },
  RENDER_OVERLAY_VIDEO: { format: 'render_overlay_mp4', fileType: '.mp4', extension: 'mp4', contentType: 'video/mp4' },
  MAIN_FBX: { format: 'fbx', fileType: '.fbx', extension: 'fbx', contentType: 'application/octet-stream' },
  MAIN_USDC: { format: 'usdc', fileType: 'usdc', extension: 'usdc', contentType: 'application/octet-stream' },
  MAIN_USDZ: { format: 'usdz', fileType: 'usdz', extension: 'usdz', contentType: 'model/vnd.usdz+zip' },
  MAIN_BLEND: { format: 'blend', fileType: 'blend', extension: 'blend', contentType: 'application/octet-stream' },
  MAIN_GLB: { format: 'glb', fileType: '.glb', extension: 'glb', contentType: 'model/gltf-binary' },
  MOTION_DATA: zip('motion_data'),
  SYNC_DATA: { format: 'sync_data', fileType: '.pkl', extension: 'pkl', contentType: 'application/octet-stream' },
  ALL_FBX: zip('all_fbx'),
  ALL_USDC: zip('all_usdc'),
  ALL_USDZ: zip('all_usdz'),
  ALL_BLEND: zip('all_blend'),
  ALL_GLB: zip('all_glb'),
  ALL_BVH: zip('bvh'),
  ALL_C3D: zip('c3d'),
};

/** What the service makes when a job names no `outputs`. */
export function defaultOutputs(singleCam: boolean): OutputType[] {
  const outputs: OutputType[] = ['RENDER_VIDEO', 'MAIN_FBX', 'MAIN_USDC', 'MAIN_USDZ', 'MAIN_BLEND', 'MOTION_DATA'];
  return singleCam ? [...outputs, 'RENDER_OVERLAY_VIDEO'] : outputs;
}

/** What a finished volume (calibration) leaves behind. */
export const VOLUME_OUTPUTS: OutputType[] = ['SYNC_DATA', 'RENDER_VIDEO'];
