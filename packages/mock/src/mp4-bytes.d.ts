// The sample clip served as RENDER_VIDEO is embedded as bytes (tsup's binary loader, a vite load
// hook in tests).
declare module '*.mp4' {
  const bytes: Uint8Array;
  export default bytes;
}
