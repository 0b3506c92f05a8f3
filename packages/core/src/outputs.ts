// Turning a job's outputs into local file names: derived from Move's format and file type, made
// safe (nothing from the server can name a path outside the target directory) and unique.
import type { Output } from '@move-ugc/sdk';

export interface NamedOutput {
  fileId: string;
  format: string;
  fileName: string;
  url: string | null;
}

const MAX_NAME = 120;

/** Keeps letters, digits, `.`, `_` and `-`; no separators, no leading dots, never empty. */
export function safeName(text: string, fallback: string): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .replace(/_+/g, '_')
    .slice(0, MAX_NAME)
    .replace(/[._-]+$/, '');
  return cleaned || fallback;
}

/**
 * `<base>.<ext>` when the format is the extension (`fbx`), else `<base>.<format>.<ext>`
 * (`clip.render_overlay_mp4.mp4`); a repeated name gets `-2`, `-3`, ...
 */
export function outputFileNames(outputs: readonly (Output | null)[], base: string): NamedOutput[] {
  const stem = safeName(base, 'output');
  const taken = new Set<string>();
  const named: NamedOutput[] = [];
  for (const output of outputs) {
    if (!output?.file) continue;
    const ext = safeName((output.file.type ?? '').replace(/^\./, '').toLowerCase(), 'bin');
    const format = safeName((output.format ?? output.key ?? ext).toLowerCase(), ext);
    const wanted = format === ext ? `${stem}.${ext}` : `${stem}.${format}.${ext}`;
    let fileName = wanted;
    for (let n = 2; taken.has(fileName.toLowerCase()); n++) fileName = wanted.replace(/(\.[^.]+)$/, `-${n}$1`);
    taken.add(fileName.toLowerCase());
    named.push({ fileId: output.file.id, format: output.format ?? ext, fileName, url: output.file.presignedUrl });
  }
  return named;
}
