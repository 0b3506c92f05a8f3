// The adapters between n8n and the Move libraries, on their own.
import { Readable } from 'node:stream';
import { MoveApiError, MoveUgc } from '@move-ugc/sdk';
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { describe, expect, it, vi } from 'vitest';
import { credentialFetch } from '../nodes/shared/credential-fetch';
import { collect, readableClassOf } from '../nodes/shared/node-stream';
import { publicJson } from '../nodes/shared/public-json';
import { n8nSleep } from '../nodes/shared/sleep';
import { n8nTransferAgent } from '../nodes/shared/transfer-agent';

const PRESIGNED = 'https://bucket.s3.amazonaws.com/out.fbx?X-Amz-Signature=abc123&X-Amz-Credential=AKIA';

function contextWith(
  helpers: Partial<Record<'httpRequest' | 'httpRequestWithAuthentication', (...args: never[]) => unknown>>,
) {
  return { helpers, getExecutionCancelSignal: () => undefined } as unknown as IExecuteFunctions;
}

describe('publicJson', () => {
  it('drops presigned URLs, the portal link and secrets at any depth', () => {
    const record = {
      id: 'job-1',
      client: { id: 'c', portal: 'https://portal/#key=abc' },
      outputs: [{ format: 'fbx', file: { id: 'file-1', presignedUrl: PRESIGNED, thumbnailUrl: PRESIGNED } }],
      secret: 'whsec_x',
      metadata: { shot: 1 },
    };
    expect(publicJson(record)).toEqual({
      id: 'job-1',
      client: { id: 'c' },
      outputs: [{ format: 'fbx', file: { id: 'file-1' } }],
      metadata: { shot: 1 },
    });
  });
});

describe('n8nSleep', () => {
  it('waits, and rejects at once with the reason when aborted', async () => {
    await expect(n8nSleep(5)).resolves.toBeUndefined();
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = n8nSleep(60_000, controller.signal);
    controller.abort(new Error('cancelled by the user'));
    await expect(sleeping).rejects.toThrow('cancelled by the user');
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(n8nSleep(10, controller.signal)).rejects.toThrow('cancelled by the user');
  });
});

describe('credentialFetch', () => {
  it("leaves Authorization to n8n's credential and hands the SDK a Response", async () => {
    const call = vi.fn(async (_type: string, _options: IHttpRequestOptions) => ({
      statusCode: 401,
      statusMessage: 'Unauthorized',
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': ['req-1'] },
      body: '{"errors":[{"errorType":"UnauthorizedException"}]}',
    }));
    const fetch = credentialFetch(contextWith({ httpRequestWithAuthentication: call }), { timeoutMs: 1000 });
    const response = await fetch('https://api.example/graphql', {
      method: 'POST',
      headers: { authorization: 'key-from-the-sdk', 'content-type': 'application/json' },
      body: '{"query":"{ client { id } }"}',
    });
    const [type, options] = call.mock.calls[0]!;
    expect(type).toBe('moveUgcApi');
    expect(options).toMatchObject({
      method: 'POST',
      json: false,
      encoding: 'text',
      returnFullResponse: true,
      ignoreHttpStatusErrors: true,
    });
    expect(options.headers).toEqual({ 'content-type': 'application/json' });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-amzn-requestid')).toBe('req-1');
    expect(await response.json()).toEqual({ errors: [{ errorType: 'UnauthorizedException' }] });
  });

  it('BI-110 asks n8n not to follow redirects, so the SDK refuses a 3xx instead of resending to its target', async () => {
    const call = vi.fn(async (_type: string, _options: IHttpRequestOptions) => ({
      statusCode: 307,
      statusMessage: 'Temporary Redirect',
      headers: { location: 'https://elsewhere.example/graphql?token=abc' },
      body: '',
    }));
    const fetch = credentialFetch(contextWith({ httpRequestWithAuthentication: call }), { timeoutMs: 1000 });
    const ugc = new MoveUgc({ apiKey: 'key_0123456789abcdef', endpoint: 'https://api.example/graphql', fetch });
    const error = await ugc.client.retrieve().catch((e: unknown) => e);
    expect(call.mock.calls[0]![1]).toMatchObject({ disableFollowRedirect: true });
    expect(call).toHaveBeenCalledTimes(1);
    expect(error).toBeInstanceOf(MoveApiError);
    expect((error as MoveApiError).status).toBe(307);
    expect((error as Error).message).toContain('with a redirect (HTTP 307) to https://elsewhere.example.');
    expect((error as Error).message).not.toContain('token=abc');
  });

  it('aborts on the SDK signal even though n8n only listens to the execution signal', async () => {
    const never = () => new Promise(() => {});
    const fetch = credentialFetch(contextWith({ httpRequestWithAuthentication: never }), { timeoutMs: 1000 });
    const controller = new AbortController();
    const pending = fetch('https://api.example/graphql', { method: 'POST', body: '{}', signal: controller.signal });
    controller.abort(new DOMException('timed out', 'TimeoutError'));
    await expect(pending).rejects.toThrow('timed out');
  });

  it('passes connection errors on as their errno code, without the request attached', async () => {
    const refused = async () => {
      throw Object.assign(new Error('NodeApiError wrapper'), {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), {
          code: 'ECONNREFUSED',
          config: { headers: { Authorization: 'secret-key' } },
        }),
      });
    };
    const fetch = credentialFetch(contextWith({ httpRequestWithAuthentication: refused }), { timeoutMs: 1000 });
    const error = (await fetch('https://api.example/graphql', { method: 'POST', body: '{}' }).catch(
      (e: unknown) => e,
    )) as Error & { code?: string };
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('secret-key');
  });
});

describe('n8nTransferAgent', () => {
  it('PUTs with an exact Content-Length and no Content-Type, streaming a Node stream as is', async () => {
    const httpRequest = vi.fn(async (_options: IHttpRequestOptions) => ({ statusCode: 200, headers: {}, body: '' }));
    const agent = n8nTransferAgent(contextWith({ httpRequest }));
    const stream = Readable.from([Buffer.from('abc'), Buffer.from('def')]);
    const progress: number[] = [];
    const result = await agent.put('https://s3.example/up?sig=1', stream, {
      size: 6,
      onProgress: (n) => progress.push(n),
    });
    const [options] = httpRequest.mock.calls[0]!;
    expect(result.status).toBe(200);
    expect(options).toMatchObject({
      method: 'PUT',
      headers: { 'content-length': '6' },
      returnFullResponse: true,
      ignoreHttpStatusErrors: true,
    });
    expect(options.body).toBe(stream);
    expect(progress).toEqual([6]);
  });

  it('GETs with Range and If-Match and hands back the response stream', async () => {
    const body = Readable.from([Buffer.from('xyz')]);
    const httpRequest = vi.fn(async (_options: IHttpRequestOptions) => ({
      statusCode: 206,
      headers: { etag: '"e1"', 'content-range': 'bytes 10-12/13' },
      body,
    }));
    const agent = n8nTransferAgent(contextWith({ httpRequest }));
    const result = await agent.get('https://s3.example/out?sig=1', { offset: 10, ifMatch: '"e1"' });
    expect(httpRequest.mock.calls[0]![0]).toMatchObject({
      encoding: 'stream',
      headers: { range: 'bytes=10-', 'if-match': '"e1"' },
    });
    expect(result.status).toBe(206);
    expect(result.headers.get('ETag')).toBe('"e1"');
    expect((await collect(result.body)).toString()).toBe('xyz');
    // Having seen a Node stream, the agent can make them for n8n's binary store.
    const readable = agent.toReadable(
      (async function* () {
        yield new Uint8Array([1, 2]);
      })(),
    );
    expect(readable).toBeInstanceOf(Readable);
  });

  it('never lets a presigned URL out in an error', async () => {
    const httpRequest = async () => {
      throw Object.assign(new Error(`socket hang up calling ${PRESIGNED}`), { config: { url: PRESIGNED } });
    };
    const agent = n8nTransferAgent(contextWith({ httpRequest }));
    const error = (await agent.get(PRESIGNED).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain('X-Amz-Signature');
    expect(error.cause).toBeUndefined();
  });
});

describe('readableClassOf', () => {
  it("finds Readable from n8n's streams, also from a Duplex", async () => {
    const { PassThrough } = await import('node:stream');
    expect(readableClassOf(Readable.from([]))).toBe(Readable);
    expect(readableClassOf(new PassThrough())).toBe(Readable);
  });
});
