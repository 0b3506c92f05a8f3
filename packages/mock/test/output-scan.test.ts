// The secrets scan every package's tests run under (src/vitest-setup.ts): it must find what it
// looks for, and only that.
import { describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY } from '../src/options';
import { findLeaks, recordOutput, registerSecret, scanRecordedOutput } from '../src/output-scan';

const SIGNED = 'https://mock.move-ugc.test/objects/f?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=00ff';

describe('findLeaks', () => {
  it('finds the simulator key, registered keys and presigned query strings, without quoting them', () => {
    registerSecret('sk_scan_probe_0123456789');
    const leaks = findLeaks(`key ${DEFAULT_API_KEY}; other sk_scan_probe_0123456789; url ${SIGNED}`);
    expect(leaks).toHaveLength(3);
    expect(leaks.join('\n')).not.toContain(DEFAULT_API_KEY);
    expect(leaks.join('\n')).not.toContain('sk_scan_probe_0123456789');
    expect(leaks.join('\n')).not.toContain('00ff');
    expect(leaks[2]).toMatch(/presigned query string \(X-Amz-Credential=…\) after ".*url https:\/\/mock/);
    expect(findLeaks('X-Mock-Expires-At=1700000000000')).toHaveLength(1);
    // Move's own shape (S3 signature version 2), and S3's echo of a signature in an error body.
    expect(findLeaks('https://b.s3.amazonaws.com/k?AWSAccessKeyId=AKIA1&Expires=1&Signature=a%2Bb')).toHaveLength(1);
    expect(findLeaks('https://b.s3.amazonaws.com/k?Signature=a%2Bb&Expires=1')).toHaveLength(1);
    expect(findLeaks('<Error><SignatureProvided>a+b=</SignatureProvided></Error>')).toHaveLength(1);
    expect(findLeaks('svix-signature: v1,abc; the Signature header')).toEqual([]);
  });

  it('passes clean text, redacted URLs, and what a run is allowed to show', () => {
    expect(findLeaks('Uploaded clip.mp4 to https://mock.move-ugc.test/objects/f?[redacted]')).toEqual([]);
    expect(findLeaks(`shown ${SIGNED}`, { urlsAllowed: true })).toEqual([]);
    expect(findLeaks(`export MOVE_API_KEY=${DEFAULT_API_KEY}`, { keysAllowed: [DEFAULT_API_KEY] })).toEqual([]);
    // Short or blank values are not registered: they would match ordinary words.
    registerSecret('', 'short', undefined);
    expect(findLeaks('a short note')).toEqual([]);
  });
});

describe('recorded output', () => {
  it('keeps child output and console lines until scanned, then starts afresh', () => {
    expect(scanRecordedOutput()).toEqual([]);
    recordOutput('move-ugc jobs list', `error: key ${DEFAULT_API_KEY} rejected`);
    recordOutput('move-ugc files get --show-urls', SIGNED, { urlsAllowed: true });
    // The setup file watches console: this line is recorded too (and, being scanned below, does not fail the file).
    console.log(`debug ${SIGNED}`);
    const problems = scanRecordedOutput();
    expect(problems).toEqual([
      expect.stringMatching(/^move-ugc jobs list printed an API key \(mock…\) after "error: key "$/),
      expect.stringMatching(/^console\.log printed a presigned query string/),
    ]);
    expect(scanRecordedOutput()).toEqual([]);
  });
});
