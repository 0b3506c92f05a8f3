// One error tree for everything the client can throw. Messages say what went wrong and what to do;
// they never carry the API key, request variables or presigned query strings.

export interface GraphQLErrorEntry {
  message: string;
  errorType?: string | null;
  errorInfo?: unknown;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
}

export class MoveError extends Error {
  override name = 'MoveError';
}

/** The request could not reach Move (DNS, refused, reset) or the response was cut off. */
export class MoveConnectionError extends MoveError {
  override name = 'MoveConnectionError';
  /** True when the request provably never left this machine, so even a mutation is safe to resend. */
  readonly requestSent: boolean;
  constructor(message: string, options: { cause?: unknown; requestSent: boolean }) {
    super(message, { cause: options.cause });
    this.requestSent = options.requestSent;
  }
}

/** An attempt or the whole call ran past its time limit. */
export class MoveTimeoutError extends MoveError {
  override name = 'MoveTimeoutError';
}

/** The caller's AbortSignal fired. */
export class MoveAbortError extends MoveError {
  override name = 'MoveAbortError';
}

/** Input rejected before anything was sent: the message names the field and the fix. */
export class MoveValidationError extends MoveError {
  override name = 'MoveValidationError';
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

/**
 * A mutation whose request left but whose response never arrived: it may or may not have run.
 * Never resent blindly (a job costs credits); reconcile first, e.g. by a client token in metadata.
 */
export class MoveOutcomeUnknownError extends MoveError {
  override name = 'MoveOutcomeUnknownError';
  readonly operation: string;
  constructor(operation: string, options: { cause?: unknown }) {
    super(
      `${operation} was sent but no response arrived, so it may or may not have been carried out. ` +
        'Check for the result (for a job: list the jobs of its take) before sending it again.',
      { cause: options.cause },
    );
    this.operation = operation;
  }
}

/** Move answered with an HTTP error status. */
export class MoveApiError extends MoveError {
  override name = 'MoveApiError';
  readonly status: number;
  readonly requestId: string | undefined;
  readonly errors: GraphQLErrorEntry[];
  constructor(message: string, options: { status: number; requestId?: string; errors?: GraphQLErrorEntry[] }) {
    super(message);
    this.status = options.status;
    this.requestId = options.requestId;
    this.errors = options.errors ?? [];
  }
}

/** 401/403 or `UnauthorizedException`: the API key is missing, wrong or revoked. */
export class MoveAuthenticationError extends MoveApiError {
  override name = 'MoveAuthenticationError';
}

/** 429 after the retries ran out. */
export class MoveRateLimitError extends MoveApiError {
  override name = 'MoveRateLimitError';
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: { status: number; requestId?: string; retryAfterMs?: number }) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** 5xx after the retries ran out, or a response that is not GraphQL JSON. */
export class MoveServerError extends MoveApiError {
  override name = 'MoveServerError';
}

/** HTTP 200 with `errors`: AppSync-style, possibly with partial `data`. */
export class MoveGraphQLError extends MoveError {
  override name = 'MoveGraphQLError';
  readonly errors: GraphQLErrorEntry[];
  readonly errorType: string | undefined;
  readonly path: (string | number)[] | undefined;
  readonly data: unknown;
  readonly requestId: string | undefined;
  constructor(message: string, options: { errors: GraphQLErrorEntry[]; data?: unknown; requestId?: string }) {
    super(message);
    this.errors = options.errors;
    this.errorType = options.errors[0]?.errorType ?? undefined;
    this.path = options.errors[0]?.path;
    this.data = options.data ?? null;
    this.requestId = options.requestId;
  }
}

/** `MoveNotFoundError`: the id does not exist, or belongs to another API key's client. */
export class MoveNotFoundError extends MoveGraphQLError {
  override name = 'MoveNotFoundError';
}

/** Webhook delivery failed verification; the message names the likely cause. */
export class MoveWebhookError extends MoveError {
  override name = 'MoveWebhookError';
  readonly reason:
    | 'missing-headers'
    | 'bad-secret'
    | 'bad-signature'
    | 'stale'
    | 'future'
    | 'parsed-body'
    | 'bad-payload';
  constructor(message: string, reason: MoveWebhookError['reason']) {
    super(message);
    this.reason = reason;
  }
}
