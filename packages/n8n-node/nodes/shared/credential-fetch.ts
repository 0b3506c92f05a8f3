// The SDK's `fetch`, carried out by n8n: httpRequestWithAuthentication adds the Authorization header
// from the credential, so the key never travels through this node's own request code.
import type { Fetch } from '@move-ugc/sdk';
import type { IDataObject, IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';
import { CREDENTIAL_TYPE } from './credential';
import { detachedHttpError, untilAborted } from './http-errors';
import type { MoveContext } from './n8n-context';

/** Statuses a Response may not carry a body with. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export interface CredentialFetchOptions {
  /** Backstop for one request; the SDK's own per-attempt timeout aborts sooner through the signal. */
  timeoutMs: number;
}

export function credentialFetch(context: MoveContext, { timeoutMs }: CredentialFetchOptions): Fetch {
  return async (url, init) => {
    const headers: IDataObject = {};
    new Headers(init.headers).forEach((value, name) => {
      // n8n sets Authorization itself, from the credential.
      if (name !== 'authorization') headers[name] = value;
    });
    let response: IN8nHttpFullResponse;
    try {
      // httpRequestWithAuthentication listens to the execution's cancel signal only, so the SDK's
      // signal (its per-attempt timeout, the caller's abort) is raced here.
      response = (await untilAborted(
        context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
          url,
          method: (init.method ?? 'GET') as IHttpRequestMethods,
          headers,
          body: typeof init.body === 'string' ? init.body : undefined,
          json: false,
          encoding: 'text',
          returnFullResponse: true,
          ignoreHttpStatusErrors: true,
          // The SDK refuses redirects on the API endpoint: it must see the 3xx, not its target's answer.
          disableFollowRedirect: true,
          timeout: timeoutMs,
        }),
        init.signal,
      )) as IN8nHttpFullResponse;
    } catch (error) {
      if (init.signal?.aborted) throw init.signal.reason;
      throw detachedHttpError(error);
    }
    return toResponse(response);
  };
}

function toResponse(response: IN8nHttpFullResponse): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, String(item));
  }
  const status = response.statusCode;
  return new Response(NULL_BODY.has(status) ? null : bodyText(response.body), {
    status,
    statusText: response.statusMessage ?? '',
    headers,
  });
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body === undefined || body === null) return '';
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  // Should n8n have parsed JSON after all, hand the SDK text again.
  return JSON.stringify(body);
}
