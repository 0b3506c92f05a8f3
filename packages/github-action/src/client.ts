// The API client and transfer agent the run uses: the SDK over a fetch that masks the presigned
// URLs in every response, undici for the bytes, and the SDK's debug log behind ACTIONS_STEP_DEBUG.
import * as core from '@actions/core';
import { nodeSleep } from '@move-ugc/core/node';
import { type Logger, MoveUgc, MoveValidationError } from '@move-ugc/sdk';
import { InputError } from './inputs';
import type { SecretMask } from './secrets';

export function createClient(apiKey: string, endpoint: string, mask: SecretMask): MoveUgc {
  const logger: Logger | undefined = core.isDebug()
    ? { debug: (message, fields) => core.debug(mask.scrub(`${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`)) }
    : undefined;
  try {
    return new MoveUgc({
      apiKey,
      endpoint,
      fetch: mask.wrap((input, init) => fetch(input, init)),
      sleep: nodeSleep,
      logger,
    });
  } catch (error) {
    // The SDK checks the key's shape and the endpoint; report them under the inputs' names.
    if (error instanceof MoveValidationError) {
      const input = error.field === 'apiKey' ? 'api-key' : (error.field ?? 'input');
      throw new InputError([`${input}: ${error.message}`]);
    }
    throw error;
  }
}
