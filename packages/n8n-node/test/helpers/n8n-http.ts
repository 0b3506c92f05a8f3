// Stand-ins for n8n's httpRequest and httpRequestWithAuthentication helpers, on fetch (which msw
// intercepts): the option handling the nodes rely on (returnFullResponse, ignoreHttpStatusErrors,
// encoding text/stream, abortSignal, stream and Buffer bodies), the credential's authenticate
// block (Authorization: the raw key), and what the real helper does to headers on the way out
// (see sentHeaders). Every call is recorded for assertions. The real helper, inside a real n8n,
// is what e2e/ runs against; this only keeps the unit tests as strict as it is.
import { Readable } from 'node:stream';
import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

export interface RecordedRequest {
  url: string;
  method: string;
  headers: IDataObject;
  /** The headers as n8n's helper sends them (Authorization aside). */
  sent: Record<string, string>;
  authenticated: boolean;
  bodyKind: 'none' | 'string' | 'buffer' | 'stream';
}

export interface HttpStandIns {
  requests: RecordedRequest[];
  httpRequest(options: IHttpRequestOptions): Promise<IN8nHttpFullResponse | unknown>;
  httpRequestWithAuthentication(type: string, options: IHttpRequestOptions): Promise<IN8nHttpFullResponse | unknown>;
}

export function httpStandIns(credential: () => { apiKey: string }, cancelSignal?: AbortSignal): HttpStandIns {
  const requests: RecordedRequest[] = [];
  const send = async (options: IHttpRequestOptions, authenticated: boolean) => {
    const headers = sentHeaders(options);
    const sent = Object.fromEntries(headers);
    if (authenticated) headers.set('authorization', credential().apiKey);
    const body = options.body as unknown;
    const bodyKind =
      body === undefined ? 'none' : typeof body === 'string' ? 'string' : Buffer.isBuffer(body) ? 'buffer' : 'stream';
    requests.push({
      url: options.url,
      method: options.method ?? 'GET',
      headers: { ...(options.headers ?? {}) },
      sent,
      authenticated,
      bodyKind,
    });
    const init: RequestInit & { duplex?: 'half' } = {
      method: options.method ?? 'GET',
      headers,
      signal: (options.abortSignal as AbortSignal | undefined) ?? null,
      // axios with maxRedirects: 0, as n8n sets it: the 3xx itself comes back.
      redirect: options.disableFollowRedirect ? 'manual' : 'follow',
    };
    if (bodyKind === 'string' || bodyKind === 'buffer') init.body = body as BodyInit;
    if (bodyKind === 'stream') {
      init.body = Readable.toWeb(body as Readable) as BodyInit;
      init.duplex = 'half';
    }
    let response: Response;
    try {
      response = await fetch(options.url, init);
    } catch (cause) {
      // Like axios: the request, URL included, rides along on the error.
      throw Object.assign(new Error(`request to ${options.url} failed`), {
        cause,
        config: { url: options.url, headers },
      });
    }
    if (!options.ignoreHttpStatusErrors && response.status >= 400) {
      throw Object.assign(new Error(`Request failed with status code ${response.status}`), {
        config: { url: options.url },
      });
    }
    const responseBody =
      options.encoding === 'stream'
        ? response.body
          ? Readable.fromWeb(response.body as never)
          : Readable.from([])
        : options.encoding === 'arraybuffer'
          ? Buffer.from(await response.arrayBuffer())
          : await response.text();
    if (!options.returnFullResponse) return responseBody;
    const responseHeaders: IDataObject = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    return {
      body: responseBody,
      headers: responseHeaders,
      statusCode: response.status,
      statusMessage: response.statusText,
    };
  };
  return {
    requests,
    httpRequest: (options) => send(options, false),
    // n8n replaces the abort signal with the execution's own on authenticated requests.
    httpRequestWithAuthentication: (_type, options) => send({ ...options, abortSignal: cancelSignal }, true),
  };
}

/**
 * The headers n8n's httpRequest sends for `options`. n8n hands the request to axios 1.x, whose
 * dispatchRequest gives a PUT, POST or PATCH without a Content-Type
 * `application/x-www-form-urlencoded`; a header set to false or null is neither filled in nor sent.
 */
function sentHeaders(options: IHttpRequestOptions): Headers {
  const headers = new Headers();
  const given = Object.entries(options.headers ?? {});
  for (const [name, value] of given) {
    if (value !== false && value !== null && value !== undefined) headers.set(name, String(value));
  }
  const method = (options.method ?? 'GET').toUpperCase();
  const typed = given.some(([name, value]) => name.toLowerCase() === 'content-type' && value !== undefined);
  if (['PUT', 'POST', 'PATCH'].includes(method) && !typed) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
  }
  return headers;
}
