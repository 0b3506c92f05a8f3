// What every operation works with: the SDK client over n8n's HTTP helpers, the transfer agent,
// n8n's sleep and the execution's cancel signal. Nothing here outlives one execution (queue mode).
import { memoryJournal, type WorkflowOptions } from '@move-ugc/core';
import { MoveUgc, MoveValidationError, type Sleep } from '@move-ugc/sdk';
import { CREDENTIAL_TYPE, readCredential } from './credential';
import { credentialFetch } from './credential-fetch';
import { cancelSignal, type MoveContext } from './n8n-context';
import { n8nSleep } from './sleep';
import { type N8nTransferAgent, n8nTransferAgent } from './transfer-agent';

/** Time limit of one GraphQL attempt; the SDK retries within its own budget. */
const ATTEMPT_TIMEOUT_MS = 60_000;

export interface MoveSession {
  ugc: MoveUgc;
  transfer: N8nTransferAgent;
  sleep: Sleep;
  signal: AbortSignal | undefined;
}

export async function openSession(context: MoveContext): Promise<MoveSession> {
  const credential = readCredential(await context.getCredentials(CREDENTIAL_TYPE));
  if (credential.apiKey === '') {
    throw new MoveValidationError(
      'The Move UGC API credential has no API key: paste the key from the Move developer portal.',
      'apiKey',
    );
  }
  // The key is handed over for validation only: requests get their Authorization header from the
  // credential, through httpRequestWithAuthentication.
  const ugc = new MoveUgc({
    apiKey: credential.apiKey,
    endpoint: credential.endpoint,
    fetch: credentialFetch(context, { timeoutMs: ATTEMPT_TIMEOUT_MS }),
    sleep: n8nSleep,
    timeoutMs: ATTEMPT_TIMEOUT_MS,
  });
  return { ugc, transfer: n8nTransferAgent(context), sleep: n8nSleep, signal: cancelSignal(context) };
}

/**
 * Core's options for one item. The journal lives in memory for this item only: exactly-once job
 * creation across retries and workers comes from core's client token and the idempotency key, both
 * looked up on Move itself, never from local state.
 */
export function workflowOptions(session: MoveSession): WorkflowOptions {
  return {
    ugc: session.ugc,
    transfer: session.transfer,
    sleep: session.sleep,
    signal: session.signal,
    journal: memoryJournal(),
  };
}
