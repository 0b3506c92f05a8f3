// Errors thrown by n8n's HTTP helpers carry the request (URL, headers) in their cause chain. Before
// the SDK or core sees one it is replaced by a bare Error: the message, the errno code the retry logic
// needs, and nothing that could hold the API key or a presigned URL.
import { redact } from '@move-ugc/sdk';

const MAX_DEPTH = 6;

function errnoCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < MAX_DEPTH; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function detachedHttpError(error: unknown): Error & { code?: string } {
  const code = errnoCode(error);
  const text = error instanceof Error ? error.message : String(error);
  const detached: Error & { code?: string } = new Error(redact(code ?? text));
  if (code) detached.code = code;
  if (error instanceof Error && error.name === 'AbortError') detached.name = 'AbortError';
  return detached;
}

/** Rejects with the signal's reason as soon as it aborts, whether or not `work` notices. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
