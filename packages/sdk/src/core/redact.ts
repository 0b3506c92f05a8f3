// Scrubs secrets from anything that may reach a log line or an error message: presigned URLs carry
// credentials in their query string, and the API key must never be echoed back.

const URL_WITH_QUERY = /\bhttps?:\/\/[^\s"'<>?#]+\?[^\s"'<>]*/gi;
const REDACTED = '[redacted]';

/** Keeps a URL's origin and path, drops its query string and fragment. */
export function redactUrl(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : `${url.slice(0, cut)}?${REDACTED}`;
}

export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(URL_WITH_QUERY, (match) => redactUrl(match));
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}
