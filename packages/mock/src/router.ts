import type { Engine } from './engine';
import { type AppliedFault, type FaultRequest, type FaultTarget, hostileAnswer } from './faults';
import { executeGraphql, parseGraphqlRequest, unauthorized } from './graphql';
import {
  bodyLength,
  jsonResponse,
  readSmallBody,
  resetResponse,
  type SimRequest,
  type SimResponse,
  takeBytes,
} from './http';
import { loggedHeaders, type RequestKind, type RequestRecord } from './request-log';
import { s3, s3Error } from './s3-errors';
import { sleep } from './sleep';
import { type DownloadTarget, handleDownload, handleUpload } from './transfers';

// The one request-handling core both faces (msw and node:http) call: routing, request records and
// fault injection around the GraphQL and transfer handlers.

const MAX_GRAPHQL_BODY = 1024 * 1024;

type Route =
  | { kind: 'graphql' }
  | { kind: 'upload'; fileId: string }
  | { kind: 'download'; target: DownloadTarget }
  | { kind: 'other' };

function matchRoute(engine: Engine, url: URL): Route {
  const base = engine.basePath;
  if (!url.pathname.startsWith(`${base}/`)) return { kind: 'other' };
  let parts: string[];
  try {
    parts = url.pathname
      .slice(base.length + 1)
      .split('/')
      .map(decodeURIComponent);
  } catch {
    return { kind: 'other' }; // malformed %-escapes
  }
  if (parts.length === 1 && parts[0] === 'graphql') return { kind: 'graphql' };
  if (parts.length === 2 && parts[0] === 'uploads' && parts[1]) return { kind: 'upload', fileId: parts[1] };
  if (parts.length === 3 && parts[0] === 'outputs' && parts[1] && parts[2]) {
    return { kind: 'download', target: { kind: 'output', ownerId: parts[1], fileId: parts[2] } };
  }
  return { kind: 'other' };
}

function recordKind(route: Route, method: string): RequestKind {
  if (route.kind === 'upload') return method === 'PUT' ? 'upload' : 'download';
  return route.kind;
}

export async function handleRequest(engine: Engine, req: SimRequest): Promise<SimResponse> {
  engine.noticeTransitions();
  const route = matchRoute(engine, req.url);
  const record = engine.log.start({
    at: engine.now(),
    kind: recordKind(route, req.method),
    method: req.method,
    path: req.url.pathname,
    headers: loggedHeaders(req.headers),
  });
  const response = await dispatch(engine, req, route, record);
  record.status = response.abort === 'before' ? null : response.status;
  return response;
}

async function dispatch(engine: Engine, req: SimRequest, route: Route, record: RequestRecord): Promise<SimResponse> {
  const { method } = req;
  const readable = method === 'GET' || method === 'HEAD';
  switch (route.kind) {
    case 'graphql':
      if (method !== 'POST') return jsonResponse(405, { errors: [{ message: 'Use POST for GraphQL requests.' }] });
      return graphqlRoute(engine, req, record);
    case 'upload': {
      const { fileId } = route;
      if (method === 'PUT') {
        return withFaults(engine, req, record, 'upload', {}, (fault) =>
          handleUpload(engine, req, fileId, fault, record),
        );
      }
      if (!readable) return s3.methodNotAllowed('GET, HEAD, PUT');
      const target: DownloadTarget = { kind: 'source', fileId };
      return withFaults(engine, req, record, 'download', {}, async (fault) =>
        handleDownload(engine, req, target, fault, record),
      );
    }
    case 'download': {
      if (!readable) return s3.methodNotAllowed('GET, HEAD');
      const { target } = route;
      return withFaults(engine, req, record, 'download', {}, async (fault) =>
        handleDownload(engine, req, target, fault, record),
      );
    }
    default:
      return jsonResponse(404, { message: `No route for ${method} ${req.url.pathname}` });
  }
}

async function graphqlRoute(engine: Engine, req: SimRequest, record: RequestRecord): Promise<SimResponse> {
  const body = await readSmallBody(req.body, MAX_GRAPHQL_BODY);
  if (!body) return jsonResponse(413, { errors: [{ errorType: 'PayloadTooLarge', message: 'Request too large.' }] });
  const request = parseGraphqlRequest(body);
  if ('status' in request) return request;
  record.operationName = request.name;
  record.fields = request.fields;
  record.variables = request.variables;
  engine.log.countOperation(record);
  const operations = [request.name, ...request.fields].filter((name): name is string => !!name);
  return withFaults(engine, req, record, 'graphql', { operations }, async () => {
    const client = engine.store.clientByKey(req.headers.get('authorization') ?? '');
    if (!client) return unauthorized();
    record.performed = true;
    return executeGraphql(engine, client, request, engine.now());
  });
}

const GRAPHQL_FAILURES: Record<number, [string, string]> = {
  500: ['InternalFailure', 'An internal failure occurred.'],
  502: ['BadGateway', 'Bad Gateway'],
  503: ['ServiceUnavailableException', 'The service is unavailable. Try again later.'],
  429: ['TooManyRequestsException', 'Rate exceeded'],
};

const S3_FAILURES: Record<number, [string, string]> = {
  500: ['InternalError', 'We encountered an internal error. Please try again.'],
  502: ['BadGateway', 'Bad Gateway'],
  503: ['SlowDown', 'Please reduce your request rate.'],
  429: ['SlowDown', 'Please reduce your request rate.'],
};

function failure(target: FaultTarget, status: number, fault: AppliedFault): SimResponse {
  const headers: Record<string, string> = status === 429 ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
  if (target === 'graphql') {
    const [errorType, message] = GRAPHQL_FAILURES[status] ?? ['InternalFailure', 'Error'];
    return jsonResponse(status, { errors: [{ errorType, message }] }, headers);
  }
  const [code, message] = S3_FAILURES[status] ?? ['InternalError', 'Error'];
  return s3Error(status, code, message, {}, headers);
}

/**
 * Picks a fault for the request and applies it around `perform`: failures, resets and stalls happen
 * before anything is performed; drop-response and truncate after (the effect took place).
 */
async function withFaults(
  engine: Engine,
  req: SimRequest,
  record: RequestRecord,
  target: FaultTarget,
  extra: Partial<FaultRequest>,
  perform: (fault: AppliedFault | null) => Promise<SimResponse>,
): Promise<SimResponse> {
  const fault = engine.faults.pick({ target, method: req.method, ...extra });
  record.fault = fault?.kind ?? null;
  const status = fault && /^http-(\d{3})$/.exec(fault.kind)?.[1];
  if (fault && status) return failure(target, Number(status), fault);
  if (fault?.kind === 'reset') return resetResponse();
  // A GraphQL answer without errors and without the result (nothing performed).
  if (fault?.kind === 'null-data') return jsonResponse(200, { data: null });
  if (fault?.kind === 'empty-data') return jsonResponse(200, { data: {} });
  if (fault?.kind === 'redirect') return { status: 307, headers: { location: fault.redirectTo }, body: '' };
  if (fault?.kind === 'stall') {
    const served = await sleep(fault.stallMs, AbortSignal.any([req.signal, engine.closingSignal]));
    if (!served) return resetResponse();
  }
  const response = await perform(fault);
  if (fault?.kind === 'drop-response') return resetResponse();
  if (fault?.kind === 'hostile-strings' && typeof response.body === 'string') {
    return { ...response, body: hostileAnswer(response.body) };
  }
  if (fault?.kind === 'truncate' && response.body !== undefined) {
    const full = bodyLength(response.body) ?? Number(response.headers['content-length'] ?? 0);
    const keep = Math.min(fault.truncateAfterBytes ?? Math.floor(full / 2), Math.max(0, full - 1));
    return {
      ...response,
      headers: { ...response.headers, 'content-length': String(full) },
      body: takeBytes(response.body, keep),
      abort: 'after-body',
    };
  }
  return response;
}
