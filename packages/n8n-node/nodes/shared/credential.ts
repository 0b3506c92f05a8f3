// The credential every Move UGC node uses. Its key reaches the SDK for validation only: the
// Authorization header itself is added by n8n from the credential (httpRequestWithAuthentication).
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'moveUgcApi';

export const DEFAULT_ENDPOINT = 'https://api.move.ai/ugc/graphql';

export interface MoveCredential {
  apiKey: string;
  endpoint: string;
}

export function readCredential(data: ICredentialDataDecryptedObject): MoveCredential {
  const endpoint =
    typeof data.endpoint === 'string' && data.endpoint.trim() !== '' ? data.endpoint.trim() : DEFAULT_ENDPOINT;
  return { apiKey: typeof data.apiKey === 'string' ? data.apiKey.trim() : '', endpoint };
}
