// MIME types of Move's outputs by file extension; n8n shows and forwards them with the binary.
const BY_EXTENSION: Record<string, string> = {
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  avi: 'video/x-msvideo',
  fbx: 'application/octet-stream',
  glb: 'model/gltf-binary',
  gltf: 'model/gltf+json',
  usdz: 'model/vnd.usdz+zip',
  usdc: 'model/vnd.usd',
  usd: 'model/vnd.usd',
  blend: 'application/x-blender',
  bvh: 'application/octet-stream',
  c3d: 'application/octet-stream',
  pkl: 'application/octet-stream',
  zip: 'application/zip',
  json: 'application/json',
};

export function mimeTypeOf(fileName: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[extension] ?? 'application/octet-stream';
}
