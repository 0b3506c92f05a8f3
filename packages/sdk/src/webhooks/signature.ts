// The signature scheme Svix and Standard Webhooks share: HMAC-SHA256 over `${id}.${timestamp}.${body}`,
// sent base64-encoded as space-separated `v1,<signature>` entries (several during a secret rotation).
import { base64ToBytes, bytesToBase64, concatBytes, utf8 } from './bytes';

/** The bytes that are signed: `id.timestamp.` then the body exactly as sent. */
export function signedContent(id: string, timestamp: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  return concatBytes(utf8(`${id}.${timestamp}.`), body);
}

/** One `v1,<base64>` signature header entry. */
export async function sign(key: CryptoKey, content: Uint8Array<ArrayBuffer>): Promise<string> {
  const mac = await globalThis.crypto.subtle.sign('HMAC', key, content);
  return `v1,${bytesToBase64(new Uint8Array(mac))}`;
}

/** Whether any v1 signature matches under any key. */
export async function matchesAny(
  keys: readonly CryptoKey[],
  signatures: readonly Uint8Array<ArrayBuffer>[],
  content: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  for (const key of keys) {
    for (const signature of signatures) {
      // Web Crypto's HMAC verify compares in constant time.
      if (await globalThis.crypto.subtle.verify('HMAC', key, signature, content)) return true;
    }
  }
  return false;
}

export interface ParsedSignatures {
  v1: Uint8Array<ArrayBuffer>[];
  /** Versions seen other than v1, for the error message. */
  otherVersions: string[];
  /** v1 entries that were not base64. */
  malformed: number;
}

export function parseSignatureHeader(header: string): ParsedSignatures {
  const out: ParsedSignatures = { v1: [], otherVersions: [], malformed: 0 };
  for (const entry of header.trim().split(/\s+/)) {
    const comma = entry.indexOf(',');
    if (comma <= 0) {
      out.malformed += 1;
      continue;
    }
    const version = entry.slice(0, comma);
    if (version !== 'v1') {
      if (!out.otherVersions.includes(version)) out.otherVersions.push(version);
      continue;
    }
    // Node joins repeated headers with ", ", which leaves a trailing comma on all but the last entry.
    const bytes = base64ToBytes(entry.slice(comma + 1).replace(/,+$/, ''));
    if (bytes === undefined) out.malformed += 1;
    else out.v1.push(bytes);
  }
  return out;
}

/** Why no signature matched, most likely cause first; never quotes a secret or a signature. */
export function badSignatureMessage(sigs: ParsedSignatures, secretCount: number, bodyLength: number): string {
  if (sigs.v1.length === 0) {
    const seen = sigs.otherVersions.length > 0 ? ` (versions seen: ${sigs.otherVersions.join(', ')})` : '';
    return (
      `Webhook svix-signature header holds no usable v1 signature${seen}. Move signs with v1 (HMAC-SHA256); ` +
      'pass the header unchanged, and check that no proxy rewrites it.'
    );
  }
  const secrets = secretCount === 1 ? '1 secret' : `${secretCount} secrets`;
  return (
    `Webhook signature does not match (checked ${sigs.v1.length} v1 signature${sigs.v1.length === 1 ? '' : 's'} ` +
    `against ${secrets} over a ${bodyLength}-byte body). Likely causes, most common first: ` +
    '(1) the body was parsed and re-serialised before verification: pass the raw request body bytes or text ' +
    "(express.raw({ type: 'application/json' }), await request.text()), not JSON.stringify(req.body); " +
    '(2) the wrong secret: one from another endpoint or environment, or an old one after rotation ' +
    '(the whsec_ prefix is optional here, so having or lacking it is not the cause); ' +
    '(3) a proxy or middleware altered the body (re-encoding, decompression, added whitespace).'
  );
}
