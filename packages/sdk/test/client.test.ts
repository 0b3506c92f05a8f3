import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENDPOINT, MoveError, MoveUgc, MoveValidationError, redact } from '../src/index';
import { API_KEY, ENDPOINT, useGraphQLApi } from './helpers/graphql-api';

const api = useGraphQLApi();

describe('construction', () => {
  it('defaults to the production endpoint', () => {
    expect(new MoveUgc({ apiKey: API_KEY }).endpoint).toBe(DEFAULT_ENDPOINT);
  });

  it.each([
    ['BI-01', 'missing', undefined, /No API key was given\. Pass `apiKey`/],
    ['BI-01', 'empty', '', /No API key was given/],
    ['BI-02', 'with Bearer', `Bearer ${API_KEY}`, /without the "Bearer " prefix/],
    ['BI-03', 'with a line break', `${API_KEY}\n`, /spaces or line breaks.*Copy it again/],
    ['BI-03', 'cut off', 'abc123', /shorter than any Move key; it was probably cut off/],
  ])('%s rejects a %s key with a clear error that does not echo it', (_id, _, apiKey, message) => {
    const err = (() => {
      try {
        new MoveUgc({ apiKey: apiKey as string });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(MoveValidationError);
    expect(err?.message).toMatch(message);
    if (apiKey) expect(err?.message).not.toContain(apiKey.trim());
  });

  it.each([
    ['BI-04', 'not a URL', 'api.move.ai', /"api\.move\.ai" is not a URL; use https:\/\/api\.move\.ai\/ugc\/graphql/],
    [
      'BI-05',
      'plain http to a remote host',
      'http://example.com/graphql',
      /must use https \(got http:\/\/example\.com\); plain http is allowed only for a local simulator/,
    ],
    ['BI-06', 'credentials in the URL', 'https://user:pw@api.move.ai/ugc/graphql', /must not carry credentials/],
  ])('%s rejects an endpoint that is %s', (_id, _, endpoint, message) => {
    expect(() => new MoveUgc({ apiKey: API_KEY, endpoint })).toThrow(message);
    expect(api.calls).toHaveLength(0);
  });

  it('BI-05 allows plain http to a local simulator only', () => {
    expect(new MoveUgc({ apiKey: API_KEY, endpoint: 'http://127.0.0.1:4010/graphql' }).endpoint).toBe(
      'http://127.0.0.1:4010/graphql',
    );
    for (const local of ['http://localhost:4010/graphql', 'http://[::1]:4010/graphql', 'http://sim.localhost/graphql'])
      expect(new MoveUgc({ apiKey: API_KEY, endpoint: local }).endpoint).toBe(local);
    // Only names that cannot leave the machine: a look-alike host is remote.
    expect(() => new MoveUgc({ apiKey: API_KEY, endpoint: 'http://localhost.example.com/graphql' })).toThrow(
      /must use https/,
    );
  });

  it('BI-07 rejects negative retry and timeout settings', () => {
    expect(() => new MoveUgc({ apiKey: API_KEY, maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => new MoveUgc({ apiKey: API_KEY, timeoutMs: Number.NaN })).toThrow(/timeoutMs/);
    expect(api.calls).toHaveLength(0);
  });

  it('never shows the key when serialised or inspected', async () => {
    const ugc = new MoveUgc({ apiKey: API_KEY });
    expect(JSON.stringify(ugc)).not.toContain(API_KEY);
    const { inspect } = await import('node:util');
    expect(inspect(ugc, { depth: 10 })).not.toContain(API_KEY);
  });
});

describe('secrets stay out of errors and logs', () => {
  const SIGNED = 'https://bucket.s3.amazonaws.com/up/file-1?X-Amz-Signature=deadbeef&X-Amz-Credential=AKIA';

  it('scans every error message and debug line for the key and presigned query strings', async () => {
    const lines: string[] = [];
    const ugc = new MoveUgc({
      apiKey: API_KEY,
      endpoint: ENDPOINT,
      sleep: async () => {},
      logger: { debug: (message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`) },
    });
    api.root = { getFile: () => ({ id: 'file-1', type: 'mp4', presignedUrl: SIGNED }) };
    await ugc.files.retrieve('file-1');
    // A server error message that quotes the key and a presigned URL must come back scrubbed.
    api.queue(
      () => HttpResponse.json({ errors: [{ message: `bad key ${API_KEY} for ${SIGNED}` }] }, { status: 400 }),
      () => HttpResponse.json({ data: null, errors: [{ errorType: 'X', message: `see ${SIGNED}` }] }),
      () => HttpResponse.error(),
      () => HttpResponse.error(),
      () => HttpResponse.error(),
    );
    const errors: unknown[] = [];
    for (let i = 0; i < 3; i++) errors.push(await ugc.files.retrieve('file-1').catch((e) => e));
    errors.push(await ugc.jobs.update('job-1', { metadata: { apiKey: API_KEY } }).catch((e) => e));
    expect(errors.slice(0, 3).every((e) => e instanceof MoveError)).toBe(true);
    const text = [...lines, ...errors.map((e) => `${(e as Error).message} ${JSON.stringify(e)}`)].join('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain('X-Amz-Signature');
    expect(text).not.toContain('deadbeef');
  });

  it('redact keeps origin and path of a URL, drops its query', () => {
    expect(redact(`got ${SIGNED} ok`)).toBe('got https://bucket.s3.amazonaws.com/up/file-1?[redacted] ok');
    expect(redact(`key=${API_KEY}`, [API_KEY])).toBe('key=[redacted]');
  });
});
