// Every failure becomes a NodeApiError (Move answered) or a NodeOperationError (anything else), tied
// to its item, with a message that says what to do. Only messages travel: never the SDK's error
// objects, whose causes may hold request details.
import { MoveJobFailedError, MoveTransferError, MoveWaitTimeoutError } from '@move-ugc/core';
import {
  MoveAbortError,
  MoveApiError,
  MoveAuthenticationError,
  MoveConnectionError,
  MoveGraphQLError,
  MoveNotFoundError,
  MoveOutcomeUnknownError,
  MoveRateLimitError,
  MoveTimeoutError,
  MoveValidationError,
  redact,
} from '@move-ugc/sdk';
import { type INode, type JsonObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

const CREDENTIAL_HINT =
  'Open the Move UGC API credential and paste the key again exactly as the Move developer portal shows it (no "Bearer " prefix), then use its Test button.';

export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
  if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
  const message = redact(error instanceof Error ? error.message : String(error));

  if (error instanceof MoveAuthenticationError) {
    return apiError(node, error, itemIndex, 'Move rejected the API key', CREDENTIAL_HINT);
  }
  if (error instanceof MoveNotFoundError) {
    // Not the SDK's text: n8n would read its "MoveNotFoundError" as the DNS code ENOTFOUND.
    const noun = /^get([A-Z]\w*)$/.exec(String(error.path?.[0] ?? ''))?.[1]?.toLowerCase() ?? 'record';
    return apiError(
      node,
      error,
      itemIndex,
      `Move has no ${noun} with this ID`,
      'Check the ID: it must come from the same Move account as the credential.',
      '404',
    );
  }
  if (error instanceof MoveRateLimitError) {
    return apiError(
      node,
      error,
      itemIndex,
      message,
      'Wait a minute, or process fewer items at once (n8n: Loop Over Items with a Wait).',
      '429',
    );
  }
  if (error instanceof MoveApiError || error instanceof MoveGraphQLError) {
    return apiError(node, error, itemIndex, message);
  }
  if (error instanceof MoveValidationError && (error.field === 'apiKey' || error.field === 'endpoint')) {
    return new NodeOperationError(node, `Move UGC API credential: ${message}`, {
      itemIndex,
      description: CREDENTIAL_HINT,
    });
  }
  return new NodeOperationError(node, message, { itemIndex, description: hintFor(error) });
}

function apiError(
  node: INode,
  error: MoveApiError | MoveGraphQLError,
  itemIndex: number | undefined,
  message: string,
  description?: string,
  httpCode?: string,
): NodeApiError {
  const status = error instanceof MoveApiError ? String(error.status) : undefined;
  const response: JsonObject = {
    message: redact(error.message),
    ...(error instanceof MoveGraphQLError && error.errorType ? { errorType: error.errorType } : {}),
    ...(error.requestId ? { requestId: error.requestId } : {}),
  };
  return new NodeApiError(node, response, {
    message: redact(message),
    description: description ?? (error.requestId ? `Move request id: ${error.requestId}` : undefined),
    httpCode: httpCode ?? status,
    itemIndex,
  });
}

function hintFor(error: unknown): string | undefined {
  if (error instanceof MoveWaitTimeoutError) {
    return `The job keeps running on Move. Collect it later with the Job resource's Wait or Download Outputs operation and job ID ${error.jobId}, or raise Max Wait.`;
  }
  if (error instanceof MoveJobFailedError)
    return 'Nothing more will come of this job; fix the video and process it again.';
  if (error instanceof MoveConnectionError)
    return 'Check the Endpoint of the Move UGC API credential and that n8n can reach it.';
  if (error instanceof MoveTimeoutError)
    return 'Move did not answer in time; run the node again (finished steps are not charged twice).';
  if (error instanceof MoveAbortError) return 'The execution was cancelled.';
  if (error instanceof MoveOutcomeUnknownError) {
    return 'Before running again, look for the job with Job → Get Many, or set an Idempotency Key so a re-run reuses it.';
  }
  if (error instanceof MoveTransferError) return 'Run the node again; with an Idempotency Key no second job is made.';
  return undefined;
}
