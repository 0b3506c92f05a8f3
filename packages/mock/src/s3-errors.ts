import { randomBytes } from 'node:crypto';
import type { SimResponse } from './http';

// S3's XML error documents, for the upload and download endpoints.

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function s3Error(
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
  headers: Record<string, string> = {},
): SimResponse {
  const fields = { Code: code, Message: message, ...extra, RequestId: randomBytes(8).toString('hex').toUpperCase() };
  const inner = Object.entries(fields)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  return {
    status,
    headers: { 'content-type': 'application/xml', ...headers },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${inner}</Error>`,
  };
}

export const s3 = {
  /** As S3 words it, with what it signed: the third line of StringToSign is the Content-Type sent. */
  signatureMismatch: (details: { accessKeyId: string; stringToSign: string; signatureProvided: string }) =>
    s3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      {
        AWSAccessKeyId: details.accessKeyId,
        StringToSign: details.stringToSign,
        SignatureProvided: details.signatureProvided,
      },
    ),
  missingAuth: () =>
    s3Error(
      403,
      'AccessDenied',
      'Query-string authentication requires the Signature, Expires and Credential parameters',
    ),
  expired: (expiresAt: number, now: number) =>
    s3Error(403, 'AccessDenied', 'Request has expired', {
      Expires: new Date(expiresAt).toISOString(),
      ServerTime: new Date(now).toISOString(),
    }),
  accessDenied: () => s3Error(403, 'AccessDenied', 'Access Denied'),
  noSuchKey: () => s3Error(404, 'NoSuchKey', 'The specified key does not exist.'),
  chunked: () =>
    s3Error(501, 'NotImplemented', 'A header you provided implies functionality that is not implemented', {
      Header: 'Transfer-Encoding',
    }),
  missingLength: () => s3Error(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.'),
  badLength: () => s3Error(400, 'BadRequest', 'An error occurred when parsing the HTTP request: bad Content-Length.'),
  incompleteBody: () =>
    s3Error(
      400,
      'IncompleteBody',
      'You did not provide the number of bytes specified by the Content-Length HTTP header',
    ),
  requestTimeout: () =>
    s3Error(
      400,
      'RequestTimeout',
      'Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.',
      {},
      { connection: 'close' },
    ),
  tooLarge: (max: number) =>
    s3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
      MaxSizeAllowed: String(max),
    }),
  preconditionFailed: () =>
    s3Error(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {
      Condition: 'If-Match',
    }),
  invalidRange: (size: number) =>
    s3Error(
      416,
      'InvalidRange',
      'The requested range is not satisfiable',
      { ActualObjectSize: String(size) },
      { 'content-range': `bytes */${size}` },
    ),
  methodNotAllowed: (allowed: string) =>
    s3Error(
      405,
      'MethodNotAllowed',
      'The specified method is not allowed against this resource.',
      {},
      { allow: allowed },
    ),
};
