// Checks on what the caller passes, done before anything is sent. Messages name the field and the
// fix, and never repeat the API key.
import { MoveValidationError } from './errors';

/** Move's own SDK rejects keys shorter than this. */
const MIN_API_KEY_LENGTH = 12;

export function checkApiKey(apiKey: unknown): string {
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new MoveValidationError(
      'No API key was given. Pass `apiKey` (for example from the MOVE_API_KEY environment variable); keys are issued in the Move developer portal.',
      'apiKey',
    );
  }
  if (/^bearer\s/i.test(apiKey)) {
    throw new MoveValidationError('Pass the API key without the "Bearer " prefix: Move expects the raw key.', 'apiKey');
  }
  if (/\s/.test(apiKey)) {
    throw new MoveValidationError(
      'The API key contains spaces or line breaks; it was probably copied with extra characters. Copy it again.',
      'apiKey',
    );
  }
  if (apiKey.length < MIN_API_KEY_LENGTH) {
    throw new MoveValidationError(
      `The API key is ${apiKey.length} characters long, shorter than any Move key; it was probably cut off. Copy it again.`,
      'apiKey',
    );
  }
  return apiKey;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function checkEndpoint(endpoint: unknown): string {
  let url: URL;
  try {
    url = new URL(String(endpoint));
  } catch {
    throw new MoveValidationError(
      `The endpoint "${String(endpoint)}" is not a URL; use https://api.move.ai/ugc/graphql or leave it unset.`,
      'endpoint',
    );
  }
  const local = LOCAL_HOSTS.has(url.hostname) || url.hostname.endsWith('.localhost');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new MoveValidationError(
      `The endpoint must use https (got ${url.protocol}//${url.host}); plain http is allowed only for a local simulator.`,
      'endpoint',
    );
  }
  if (url.username || url.password || url.search) {
    throw new MoveValidationError('The endpoint must not carry credentials or a query string.', 'endpoint');
  }
  return url.toString();
}

export function checkId(value: unknown, field: string, prefix?: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MoveValidationError(
      `${field} is required: pass the id Move returned${prefix ? ` (${prefix}-…)` : ''}.`,
      field,
    );
  }
  return value;
}

export function checkPositiveInt(value: unknown, field: string, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
    throw new MoveValidationError(`${field} must be a whole number from 1 to ${max}.`, field);
  }
  return value as number;
}
