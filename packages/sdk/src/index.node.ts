// The entry Node resolves (`node` export condition): the same client, with a timer that keeps the
// process alive while it waits between retries or polls, and with the API key and endpoint taken
// from the environment when they are not passed (as openai-node does with OPENAI_API_KEY). The
// platform-neutral entry (index.ts) reads no environment: there, both come only as options.
import { setTimeout as delay } from 'node:timers/promises';
import { MoveUgc as PlatformMoveUgc, type MoveUgcOptions as PlatformMoveUgcOptions } from './client';
import { MoveValidationError } from './core/errors';
import { setDefaultSleep } from './core/runtime';

setDefaultSleep((ms, signal) => delay(ms, undefined, { signal }));

export * from './index';

/** The client's options in Node: the key and the endpoint may come from the environment instead. */
export interface MoveUgcOptions extends Omit<PlatformMoveUgcOptions, 'apiKey'> {
  /** Your Move API key, as issued (no `Bearer ` prefix); defaults to the `MOVE_API_KEY` environment variable. */
  apiKey?: string;
  /**
   * GraphQL endpoint; defaults to the `MOVE_API_ENDPOINT` environment variable (the simulator's, as
   * `move-ugc mock` prints it), else Move's production API.
   */
  endpoint?: string;
}

/**
 * The Move UGC API, one resource per noun. In Node, `new MoveUgc()` reads `MOVE_API_KEY` and
 * `MOVE_API_ENDPOINT`; options passed win over them.
 *
 * ```ts
 * const ugc = new MoveUgc();
 * const job = await ugc.jobs.retrieve('job-…', { expand: ['outputs'] });
 * ```
 */
export class MoveUgc extends PlatformMoveUgc {
  constructor(options: MoveUgcOptions = {}) {
    const given: MoveUgcOptions = options && typeof options === 'object' ? options : {};
    const apiKey = given.apiKey ?? readEnv('MOVE_API_KEY');
    if (apiKey === undefined) {
      throw new MoveValidationError(
        'No API key was given. Pass `apiKey`, or set the MOVE_API_KEY environment variable; keys are issued in the Move developer portal.',
        'apiKey',
      );
    }
    super({ ...given, apiKey, endpoint: given.endpoint ?? readEnv('MOVE_API_ENDPOINT') });
  }
}

/** An environment variable, trimmed; undefined when unset or blank. */
function readEnv(name: 'MOVE_API_KEY' | 'MOVE_API_ENDPOINT'): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}
