import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  MoveAbortError,
  MoveApiError,
  MoveAuthenticationError,
  MoveConnectionError,
  MoveGraphQLError,
  MoveNotFoundError,
  MoveOutcomeUnknownError,
  MoveRateLimitError,
  MoveServerError,
  MoveTimeoutError,
  MoveUgc,
  type MoveUgcOptions,
  retryAfterMs,
  signalSleep,
} from '../src/index';
import { API_KEY, AppSyncError, ENDPOINT, useGraphQLApi } from './helpers/graphql-api';

const api = useGraphQLApi();

const JOB = {
  id: 'job-1',
  created: '2026-01-01T00:00:00Z',
  name: null,
  metadata: null,
  state: 'RUNNING',
  progress: { state: 'RUNNING', percentageComplete: 40 },
  client: { id: 'client-1', created: '2026-01-01T00:00:00Z', name: 'c' },
};

function client(options: Partial<MoveUgcOptions> = {}) {
  const delays: number[] = [];
  const ugc = new MoveUgc({
    apiKey: API_KEY,
    endpoint: ENDPOINT,
    sleep: async (ms) => {
      delays.push(ms);
    },
    ...options,
  });
  return { ugc, delays };
}

const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json({ errors: [{ message: 'upstream trouble' }] }, { status: code, headers });
const networkError = () => () => HttpResponse.error();

describe('request basics', () => {
  it('sends the raw key (no Bearer), JSON body with the operation name', async () => {
    api.root = { getJob: () => JOB };
    const { ugc } = client();
    const job = await ugc.jobs.retrieve('job-1');
    expect(job.id).toBe('job-1');
    expect(api.calls[0]?.headers.get('authorization')).toBe(API_KEY);
    expect(api.calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(api.calls[0]?.operationName).toBe('GetJob');
    expect(api.calls[0]?.variables).toEqual({ jobId: 'job-1' });
  });
});

describe('retries', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries a query after HTTP %i, then succeeds', async (code) => {
    api.root = { getJob: () => JOB };
    api.queue(status(code), status(code));
    const { ugc, delays } = client();
    await expect(ugc.jobs.retrieve('job-1')).resolves.toMatchObject({ id: 'job-1' });
    expect(api.calls).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  it('gives up after maxRetries with the class of the last failure', async () => {
    api.queue(status(503), status(503), status(503));
    const { ugc } = client();
    const err = await ugc.jobs.retrieve('job-1').catch((e) => e);
    expect(err).toBeInstanceOf(MoveServerError);
    expect(err.status).toBe(503);
    expect(api.calls).toHaveLength(3);
  });

  it('honours maxRetries per call and per client', async () => {
    api.queue(status(500), status(500));
    const { ugc } = client({ maxRetries: 0 });
    await expect(ugc.jobs.retrieve('job-1')).rejects.toBeInstanceOf(MoveServerError);
    expect(api.calls).toHaveLength(1);
    await expect(ugc.jobs.retrieve('job-1', {}, { maxRetries: 0 })).rejects.toBeInstanceOf(MoveServerError);
  });

  it('does not retry other 4xx', async () => {
    api.queue(status(400));
    const { ugc } = client();
    const err = await ugc.jobs.retrieve('job-1').catch((e) => e);
    expect(err).toBeInstanceOf(MoveApiError);
    expect(err).not.toBeInstanceOf(MoveServerError);
    expect(err.status).toBe(400);
    expect(api.calls).toHaveLength(1);
  });

  it('waits as Retry-After says (seconds), and backs off exponentially otherwise', async () => {
    api.root = { getJob: () => JOB };
    api.queue(status(429, { 'retry-after': '3' }), status(503), status(503));
    const { ugc, delays } = client({ maxRetries: 3 });
    await ugc.jobs.retrieve('job-1');
    expect(delays[0]).toBe(3000);
    // min(0.5 s * 2^n, 8 s) less up to 25 % jitter
    expect(delays[1]).toBeGreaterThanOrEqual(750);
    expect(delays[1]).toBeLessThanOrEqual(1000);
    expect(delays[2]).toBeGreaterThanOrEqual(1500);
    expect(delays[2]).toBeLessThanOrEqual(2000);
  });

  it('reads retry-after-ms and HTTP-date forms, ignores absurd values', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }), now)).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ 'retry-after': '3600' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });

  it('surfaces MoveRateLimitError with the server delay after the last 429', async () => {
    api.queue(
      status(429, { 'retry-after': '2' }),
      status(429, { 'retry-after': '2' }),
      status(429, { 'retry-after': '2' }),
    );
    const { ugc } = client();
    const err = await ugc.rigs.list().catch((e) => e);
    expect(err).toBeInstanceOf(MoveRateLimitError);
    expect(err.retryAfterMs).toBe(2000);
  });

  it('retries a query after a connection reset', async () => {
    api.root = { getJob: () => JOB };
    api.queue(networkError());
    const { ugc } = client();
    await expect(ugc.jobs.retrieve('job-1')).resolves.toMatchObject({ id: 'job-1' });
    expect(api.calls).toHaveLength(2);
  });

  it('BI-17 raises MoveConnectionError when the network keeps failing', async () => {
    api.queue(networkError(), networkError(), networkError());
    const { ugc } = client();
    const err = await ugc.jobs.retrieve('job-1').catch((e) => e);
    expect(err).toBeInstanceOf(MoveConnectionError);
    expect(err.requestSent).toBe(true);
    expect(err.message).toMatch(
      /^Could not reach Move at https:\/\/\S+ for GetJob .*Check the network connection and the endpoint/,
    );
  });
});

describe('paid mutations are never resent blindly', () => {
  it('a job creation whose response was lost becomes MoveOutcomeUnknownError, sent once', async () => {
    api.queue(networkError());
    const { ugc } = client();
    const err = await ugc.jobs.createSingleCam({ takeId: 'take-1' }).catch((e) => e);
    expect(err).toBeInstanceOf(MoveOutcomeUnknownError);
    expect(err.operation).toBe('CreateSingleCamJob');
    expect(api.calls).toHaveLength(1);
  });

  it('a job creation answered with 502 is not resent', async () => {
    api.queue(status(502));
    const { ugc } = client();
    await expect(ugc.jobs.createSingleCam({ takeId: 'take-1' })).rejects.toBeInstanceOf(MoveOutcomeUnknownError);
    expect(api.calls).toHaveLength(1);
  });

  it('a throttled job creation (429: not carried out) is resent', async () => {
    api.root = { createSingleCamJob: () => JOB };
    api.queue(status(429));
    const { ugc } = client();
    await expect(ugc.jobs.createSingleCam({ takeId: 'take-1' })).resolves.toMatchObject({ id: 'job-1' });
    expect(api.calls).toHaveLength(2);
  });

  it('a job creation that never left (connection refused) is resent', async () => {
    let attempts = 0;
    const refusing: typeof fetch = async (input, init) => {
      attempts++;
      if (attempts === 1)
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) });
      return fetch(input, init);
    };
    api.root = { createSingleCamJob: () => JOB };
    const { ugc } = client({ fetch: refusing });
    await expect(ugc.jobs.createSingleCam({ takeId: 'take-1' })).resolves.toMatchObject({ id: 'job-1' });
    expect(attempts).toBe(2);
  });

  it('cheap, repeatable mutations (createFile, updates) are retried after a reset', async () => {
    api.root = {
      createFile: () => ({ id: 'file-1', type: 'mp4', presignedUrl: 'https://s3.test/up?X-Amz-Signature=abc' }),
    };
    api.queue(networkError());
    const { ugc } = client();
    await expect(ugc.files.create({ type: 'mp4' })).resolves.toMatchObject({ id: 'file-1' });
    expect(api.calls).toHaveLength(2);
  });
});

describe('timeouts and abort', () => {
  const stall = () => () => new Promise<Response>(() => {});

  it('times out a stalled attempt, retries, then reports MoveTimeoutError', async () => {
    api.queue(stall(), stall(), stall());
    const { ugc } = client({ timeoutMs: 30 });
    const err = await ugc.jobs.retrieve('job-1').catch((e) => e);
    expect(err).toBeInstanceOf(MoveTimeoutError);
    expect(err.message).toMatch(/within 30 ms/);
    expect(api.calls).toHaveLength(3);
  });

  it('a stalled paid mutation is an unknown outcome, not a retry', async () => {
    api.queue(stall());
    const { ugc } = client({ timeoutMs: 30 });
    await expect(ugc.jobs.createSingleCam({ takeId: 'take-1' })).rejects.toBeInstanceOf(MoveOutcomeUnknownError);
    expect(api.calls).toHaveLength(1);
  });

  it('stops at the overall deadline across retries', async () => {
    api.queue(stall(), stall(), stall());
    const { ugc } = client({ sleep: signalSleep });
    const started = Date.now();
    const err = await ugc.jobs.retrieve('job-1', {}, { deadlineMs: 80, timeoutMs: 10_000 }).catch((e) => e);
    expect(err).toBeInstanceOf(MoveTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('aborts during an attempt', async () => {
    api.queue(stall());
    const { ugc } = client();
    const controller = new AbortController();
    const pending = ugc.jobs.retrieve('job-1', {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(MoveAbortError);
    expect(api.calls).toHaveLength(1);
  });

  it('aborts during a backoff sleep without another attempt', async () => {
    api.queue(status(503, { 'retry-after': '30' }));
    const { ugc } = client({ sleep: signalSleep });
    const controller = new AbortController();
    const started = Date.now();
    const pending = ugc.jobs.retrieve('job-1', {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(MoveAbortError);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(api.calls).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const { ugc } = client();
    await expect(ugc.jobs.retrieve('job-1', {}, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      MoveAbortError,
    );
    expect(api.calls).toHaveLength(0);
  });
});

describe('error mapping', () => {
  it('BI-13 HTTP 401 with UnauthorizedException is MoveAuthenticationError, not retried', async () => {
    const ugc = new MoveUgc({ apiKey: 'wrong_key_0000000000', endpoint: ENDPOINT });
    const err = await ugc.client.retrieve().catch((e) => e);
    expect(err).toBeInstanceOf(MoveAuthenticationError);
    expect(err.status).toBe(401);
    expect(err.errors[0].errorType).toBe('UnauthorizedException');
    expect(err.message).toMatch(/API key/);
    expect(err.message).not.toContain('wrong_key_0000000000');
    expect(api.calls).toHaveLength(1);
  });

  it('HTTP 403 is an authentication error too', async () => {
    api.queue(status(403));
    const { ugc } = client();
    await expect(ugc.client.retrieve()).rejects.toBeInstanceOf(MoveAuthenticationError);
  });

  it('BI-14 MoveNotFoundError carries errorType, path and partial data', async () => {
    api.queue(() =>
      HttpResponse.json({
        data: { getJob: null },
        errors: [
          {
            path: ['getJob'],
            errorType: 'MoveNotFoundError',
            errorInfo: null,
            locations: [{ line: 2, column: 3 }],
            message: 'Resource not found in move-ugc-api.',
          },
        ],
      }),
    );
    const { ugc } = client();
    const err = await ugc.jobs.retrieve('job-missing').catch((e) => e);
    expect(err).toBeInstanceOf(MoveNotFoundError);
    expect(err).toBeInstanceOf(MoveGraphQLError);
    expect(err.errorType).toBe('MoveNotFoundError');
    expect(err.path).toEqual(['getJob']);
    expect(err.data).toEqual({ getJob: null });
    expect(err.message).toMatch(/^GetJob: not found\. Check the id; ids belong to the API key's client/);
    expect(api.calls).toHaveLength(1);
  });

  it('other GraphQL errors are MoveGraphQLError with the server message', async () => {
    api.root = {
      createSingleCamTake: () => {
        throw new AppSyncError('BadRequestException', 'Source file-9 is not uploaded.');
      },
    };
    const { ugc } = client();
    const err = await ugc.takes.createSingleCam({ sources: [] }).catch((e) => e);
    expect(err).toBeInstanceOf(MoveGraphQLError);
    expect(err).not.toBeInstanceOf(MoveNotFoundError);
    expect(err.errorType).toBe('BadRequestException');
    expect(err.message).toMatch(/not uploaded/);
  });

  it('BI-15 an HTML page instead of GraphQL JSON is a clear MoveServerError, not a crash', async () => {
    api.queue(
      () => new HttpResponse('<html>Gateway</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    );
    const { ugc } = client();
    const err = await ugc.jobs.retrieve('job-1').catch((e) => e);
    expect(err).toBeInstanceOf(MoveServerError);
    expect(err.message).toMatch(/not GraphQL JSON \(text\/html\)/);
  });

  it('BI-16 invalid JSON is a clear MoveServerError', async () => {
    api.queue(() => new HttpResponse('{"data": {', { status: 200, headers: { 'content-type': 'application/json' } }));
    const { ugc } = client();
    const err = await ugc.jobs.retrieve('job-1').catch((e) => e);
    expect(err).toBeInstanceOf(MoveServerError);
    expect(err.message).toMatch(/not GraphQL JSON.*Check that the endpoint .* is Move's GraphQL URL/);
  });

  it('carries the request id Move sends', async () => {
    api.queue(() =>
      HttpResponse.json({ errors: [{ message: 'x' }] }, { status: 400, headers: { 'x-amzn-requestid': 'req-42' } }),
    );
    const { ugc } = client();
    const err = await ugc.jobs.retrieve('job-1').catch((e) => e);
    expect(err.requestId).toBe('req-42');
  });
});

describe('answers Move should never give', () => {
  const answer = (body: Record<string, unknown>) => () => HttpResponse.json(body);

  it('BI-100 {"data": null} without errors in a poll is a bad answer: retried, then the result', async () => {
    api.root = { getJob: () => JOB };
    api.queue(answer({ data: null }));
    const { ugc, delays } = client();
    await expect(ugc.jobs.retrieve('job-1')).resolves.toMatchObject({ id: 'job-1', progress: { state: 'RUNNING' } });
    expect(api.calls).toHaveLength(2);
    expect(delays).toHaveLength(1);
  });

  it('BI-100 {"data": null} that persists is a MoveServerError naming the operation, not a TypeError', async () => {
    api.queue(answer({ data: null }), answer({ data: null }), answer({ data: null }));
    const { ugc } = client();
    const err = await ugc.jobs.retrieve('job-1').catch((e) => e);
    expect(err).toBeInstanceOf(MoveServerError);
    expect(err.message).toBe(
      'Move answered GetJob without its result (data: null) and without an error. This is on Move’s side; try again later.',
    );
    expect(api.calls).toHaveLength(3);
  });

  it('BI-100 a job creation answered {"data": null} is an unknown outcome, sent once', async () => {
    api.queue(answer({ data: null }));
    const { ugc } = client();
    await expect(ugc.jobs.createSingleCam({ takeId: 'take-1' })).rejects.toBeInstanceOf(MoveOutcomeUnknownError);
    expect(api.calls).toHaveLength(1);
  });

  it('BI-101 data without the root field, or a null one without an error, is the same bad answer', async () => {
    api.queue(answer({ data: {} }), answer({ data: { getJob: null } }), answer({ data: {} }));
    const { ugc } = client();
    const err = await ugc.jobs.retrieve('job-1').catch((e) => e);
    expect(err).toBeInstanceOf(MoveServerError);
    expect(err.message).toMatch(/^Move answered GetJob without its result \(no getJob\) and without an error\./);
    expect(api.calls).toHaveLength(3);

    api.queue(answer({ data: { client: null } }));
    const once = await client({ maxRetries: 0 })
      .ugc.client.retrieve()
      .catch((e) => e);
    expect(once.message).toMatch(/^Move answered GetClient without its result \(client: null\)/);
  });

  it('BI-101 a list the schema lets be null is still an empty list', async () => {
    api.queue(answer({ data: { listJobs: null } }), answer({ data: { listRigs: null } }));
    const { ugc } = client();
    await expect(ugc.jobs.list()).resolves.toMatchObject({ items: [], after: null });
    await expect(ugc.rigs.list()).resolves.toEqual([]);
    expect(api.calls).toHaveLength(2);
  });

  it('BI-102 a redirect is not followed: nothing reaches the other origin, the error names its origin only', async () => {
    const elsewhere: Request[] = [];
    api.server.use(
      http.all('https://elsewhere.test/*', ({ request }) => {
        elsewhere.push(request);
        return HttpResponse.json({ data: { upsertWebhookEndpoint: null } });
      }),
    );
    try {
      api.queue(
        () =>
          new HttpResponse(null, {
            status: 307,
            headers: { location: 'https://elsewhere.test/ugc/graphql?token=abc123#frag' },
          }),
      );
      const { ugc } = client();
      const err = await ugc.webhooks
        .upsert({ uid: 'prod', url: 'https://example.com/hook', secret: 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0' })
        .catch((e) => e);
      expect(err).toBeInstanceOf(MoveApiError);
      expect(err).not.toBeInstanceOf(MoveServerError);
      expect(err.status).toBe(307);
      expect(err.message).toMatch(
        /^The endpoint answered UpsertWebhookEndpoint with a redirect \(HTTP 307\) to https:\/\/elsewhere\.test\. move-ugc does not follow redirects on the API endpoint/,
      );
      expect(err.message).not.toMatch(/token|abc123|\/ugc\/graphql\?/);
      expect(api.calls).toHaveLength(1);
      expect(elsewhere).toHaveLength(0);
    } finally {
      api.server.resetHandlers();
    }
  });

  it('BI-102 a redirect on a query is not retried either, and a relative Location names the endpoint origin', async () => {
    api.queue(() => new HttpResponse(null, { status: 301, headers: { location: '/moved?sig=1' } }));
    const { ugc } = client();
    const err = await ugc.jobs.retrieve('job-1').catch((e) => e);
    expect(err.status).toBe(301);
    expect(err.message).toContain(`redirect (HTTP 301) to ${new URL(ENDPOINT).origin}.`);
    expect(err.message).not.toContain('sig=1');
    expect(api.calls).toHaveLength(1);
  });

  it('BI-103 escapes in a server error message never reach the error message', async () => {
    api.root = {
      createSingleCamTake: () => {
        throw new AppSyncError(
          'BadRequest\u001b[2J',
          '\u001b]0;pwned\u0007Source \u001b[31mfile-9\u009b6n\r\n::warning::x',
        );
      },
    };
    const { ugc } = client();
    const err = await ugc.takes.createSingleCam({ sources: [] }).catch((e) => e);
    expect(err).toBeInstanceOf(MoveGraphQLError);
    expect(err.message).toBe('CreateSingleCamTake failed: BadRequest: Source file-9 ::warning::x');
    expect(err.errors[0].message).toBe('Source file-9 ::warning::x');
  });
});
