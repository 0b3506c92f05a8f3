// Move's job-event payload: its wire shape, the checks a verified body must pass, and the flat
// `MoveWebhookEvent` handed to callers.
import { MoveWebhookError } from '../core/errors';

/** Event names Move sends; the older `job.state.*` ones still arrive on long-lived endpoints. */
export type MoveWebhookEventName =
  | 'ugc.job.state.completed'
  | 'ugc.job.state.failed'
  | 'job.state.completed'
  | 'job.state.started'
  | (string & {});

/** The JSON body exactly as Move sends it. */
export interface MoveWebhookPayload {
  event_name: MoveWebhookEventName;
  timestamp?: string | number | null;
  detail: {
    client_id?: string | null;
    event_name?: MoveWebhookEventName;
    event_attributes: {
      job: {
        id: string;
        created?: string | null;
        /** AWSJSON: normally a JSON string, sometimes an object. */
        metadata?: string | Record<string, unknown> | null;
      };
      take?: { id?: string | null } | null;
    };
  };
}

/** A verified delivery. */
export interface MoveWebhookEvent {
  /** The Svix message id (`svix-id`): the same for every retry of one delivery, so use it to dedupe. */
  id: string;
  eventName: MoveWebhookEventName;
  /** The payload's own `timestamp`, as sent (numbers are given as their decimal string); null when absent. */
  timestamp: string | null;
  clientId: string | null;
  jobId: string;
  /** When the job was created (AWSDateTime), null when absent. */
  jobCreated: string | null;
  /** The job's metadata as an object: parsed when sent as a JSON string, null when absent or not an object. */
  jobMetadata: Record<string, unknown> | null;
  takeId: string | null;
  /** The parsed payload as sent. */
  raw: MoveWebhookPayload;
}

/** Parses a verified body; throws `bad-payload` when it is not JSON or not a Move job event. */
export function parsePayload(bytes: Uint8Array<ArrayBuffer>): MoveWebhookPayload {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new MoveWebhookError(
      'Webhook signature is valid but the body is not JSON (or not UTF-8). Pass the body unchanged.',
      'bad-payload',
    );
  }
  const problem = shapeProblem(value);
  if (problem !== undefined) {
    throw new MoveWebhookError(
      `Webhook signature is valid but the payload is not a Move job event: ${problem}. Expected ` +
        '{ event_name, timestamp, detail: { client_id, event_name, event_attributes: { job: { id, created, ' +
        'metadata }, take: { id } } } }.',
      'bad-payload',
    );
  }
  return value as MoveWebhookPayload;
}

/** The first thing missing from a Move job event, or undefined when the shape holds. */
function shapeProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'the body is not a JSON object';
  const detail = value.detail;
  if (!isRecord(detail)) return 'detail is missing';
  if (typeof value.event_name !== 'string' && typeof detail.event_name !== 'string') return 'event_name is missing';
  const attributes = detail.event_attributes;
  if (!isRecord(attributes)) return 'detail.event_attributes is missing';
  const job = attributes.job;
  if (!isRecord(job)) return 'detail.event_attributes.job is missing';
  if (typeof job.id !== 'string' || job.id === '') return 'detail.event_attributes.job.id is missing';
  if (attributes.take !== undefined && attributes.take !== null && !isRecord(attributes.take)) {
    return 'detail.event_attributes.take is not an object';
  }
  return undefined;
}

/** The flat event for a checked payload delivered as message `id`. */
export function toEvent(raw: MoveWebhookPayload, id: string): MoveWebhookEvent {
  const detail = raw.detail;
  const job = detail.event_attributes.job;
  const take = detail.event_attributes.take;
  const eventName = typeof raw.event_name === 'string' ? raw.event_name : (detail.event_name as string);
  return {
    id,
    eventName,
    timestamp: typeof raw.timestamp === 'string' || typeof raw.timestamp === 'number' ? String(raw.timestamp) : null,
    clientId: stringOrNull(detail.client_id),
    jobId: job.id,
    jobCreated: stringOrNull(job.created),
    jobMetadata: parseMetadata(job.metadata),
    takeId: stringOrNull(take?.id),
    raw,
  };
}

/** AWSJSON arrives as a JSON string; metadata sent double-encoded arrives as a string of one, so unwrap twice. */
function parseMetadata(value: unknown): Record<string, unknown> | null {
  let current = value;
  for (let depth = 0; depth < 2 && typeof current === 'string'; depth++) {
    try {
      current = JSON.parse(current);
    } catch {
      return null;
    }
  }
  return isRecord(current) ? current : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
