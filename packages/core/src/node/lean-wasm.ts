import { setFlagsFromString } from 'node:v8';

/**
 * undici parses HTTP with WebAssembly, and V8's optimising compiler for it adds a one-off ~35 MiB
 * to peak memory. Transfers spend their time moving bytes, not parsing headers, so V8's baseline
 * compiler alone costs no measurable speed (see `pnpm bench`). It changes a V8 flag for the whole
 * process, so it is for applications that own their process (the CLI and the Action call it), and
 * must run before the first request.
 */
export function leanWasm(): void {
  setFlagsFromString('--liftoff-only');
}
