import { describe, expect, it } from 'vitest';
import { SecretMask } from '../src/secrets';

const UPLOAD = 'https://bucket.s3.amazonaws.com/up/file-1?X-Amz-Credential=AKIA&X-Amz-Signature=aa11';
const DOWNLOAD = 'https://bucket.s3.amazonaws.com/out/walk.fbx?X-Amz-Signature=bb22';

describe('SecretMask', () => {
  it('registers each secret once, ignoring blanks', () => {
    const registered: string[] = [];
    const mask = new SecretMask((secret) => registered.push(secret));
    mask.add('key_0123456789');
    mask.add('key_0123456789');
    mask.add('');
    mask.add(undefined);
    expect(registered).toEqual(['key_0123456789']);
  });

  it('finds presigned URLs, the portal link and webhook secrets anywhere in a response', () => {
    const registered: string[] = [];
    const mask = new SecretMask((secret) => registered.push(secret));
    mask.scan({
      data: {
        createFile: { id: 'file-1', presignedUrl: UPLOAD },
        getJob: { id: 'job-1', outputs: [{ format: 'fbx', file: { id: 'file-2', presignedUrl: DOWNLOAD } }, null] },
        client: { portal: 'https://portal.move.ai/#key=abcdef' },
        upsertWebhookEndpoint: { secret: 'whsec_abcdef' },
        note: 'https://example.com/docs',
      },
    });
    expect(registered.sort()).toEqual([DOWNLOAD, UPLOAD, 'https://portal.move.ai/#key=abcdef', 'whsec_abcdef'].sort());
  });

  it('masks what comes through the API client before the client sees it, leaving the response readable', async () => {
    const registered: string[] = [];
    const mask = new SecretMask((secret) => registered.push(secret));
    const body = JSON.stringify({ data: { createFile: { id: 'file-1', presignedUrl: UPLOAD } } });
    const fetch = mask.wrap(async () => new Response(body, { status: 200 }));
    const response = await fetch('https://api.move.ai/ugc/graphql', { method: 'POST' });
    expect(registered).toEqual([UPLOAD]);
    expect(await response.text()).toBe(body);

    const html = mask.wrap(async () => new Response('<html>502</html>', { status: 502 }));
    expect((await html('https://api.move.ai/ugc/graphql', { method: 'POST' })).status).toBe(502);
  });

  it('scrubs known secrets and URL query strings from text', () => {
    const mask = new SecretMask(() => {});
    mask.add('key_0123456789');
    expect(mask.scrub(`key_0123456789 sent to ${UPLOAD} (HTTP 403)`)).toBe(
      '[redacted] sent to https://bucket.s3.amazonaws.com/up/file-1?[redacted] (HTTP 403)',
    );
  });
});
