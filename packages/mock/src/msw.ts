import { createRequire } from 'node:module';
import type { HttpHandler, HttpResponseResolver } from 'msw';
import type { SimRequest, SimResponse } from './http';
import type { Simulator } from './simulator';
import { streamChunks, toReadableStream } from './streams';

// The in-process face: msw 2 handlers that hand every request to the simulator's core. msw is an
// optional peer dependency, loaded only when handlers() is called, so the HTTP server works without it.

type Msw = typeof import('msw');

function loadMsw(): Msw {
  try {
    return createRequire(import.meta.url)('msw') as Msw;
  } catch (cause) {
    throw new Error('handlers() needs msw 2 installed (npm install -D msw@2); startServer() works without it.', {
      cause,
    });
  }
}

function toSimRequest(request: Request): SimRequest {
  return {
    method: request.method,
    url: new URL(request.url),
    headers: request.headers,
    body: request.body ? streamChunks(request.body) : null,
    signal: request.signal,
    // A fetch Request does not carry the Content-Length the platform will compute for it.
    lengthInferred: true,
  };
}

function toResponse(response: SimResponse, msw: Msw): Response {
  if (response.abort === 'before') return msw.HttpResponse.error();
  const hasBody = response.body !== undefined && response.status !== 204 && response.status !== 304;
  const body =
    hasBody && response.body !== undefined ? toReadableStream(response.body, response.abort === 'after-body') : null;
  return new Response(body, { status: response.status, headers: response.headers });
}

/** msw handlers serving `sim` at `sim.baseUrl`: use as `setupServer(...handlers(sim))`. */
export function handlers(sim: Simulator): HttpHandler[] {
  const msw = loadMsw();
  const resolve: HttpResponseResolver = async ({ request }) => toResponse(await sim.handle(toSimRequest(request)), msw);
  const base = sim.baseUrl;
  return [
    msw.http.post(`${base}/graphql`, resolve),
    msw.http.all(`${base}/uploads/*`, resolve),
    msw.http.all(`${base}/outputs/*`, resolve),
  ];
}
