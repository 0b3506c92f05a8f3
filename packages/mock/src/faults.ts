import type { Random } from './random';

// Faults on purpose: a plan of per-kind probabilities and/or one-shot scheduled faults, drawn from
// the simulator's seeded stream so a failing run replays with the same seed.

export type FaultKind =
  | 'http-500'
  | 'http-502'
  | 'http-503'
  | 'http-429'
  | 'reset'
  | 'stall'
  | 'truncate'
  | 'expire-url'
  | 'drop-response'
  | 'null-data'
  | 'empty-data'
  | 'redirect'
  | 'hostile-strings';

export type FaultTarget = 'graphql' | 'upload' | 'download';

export interface FaultSettings {
  /** `Retry-After` for `http-429`, in seconds (default 1). */
  retryAfterSeconds?: number;
  /** How long `stall` holds a request before serving it (default 30 000 ms). */
  stallMs?: number;
  /** How many body bytes `truncate` sends before closing (default half the body). */
  truncateAfterBytes?: number;
  /** Where `redirect` points (default https://redirect.example/ugc/graphql). */
  redirectTo?: string;
}

export interface ScheduledFault extends FaultSettings {
  kind: FaultKind;
  /** Only requests of this kind (default: any the fault kind applies to). */
  target?: FaultTarget;
  /** Only this GraphQL operation: matches the operationName or a root field, case-insensitively. */
  operation?: string;
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** Matching requests to let through before it starts hitting (default 0). */
  after?: number;
}

export interface FaultPlan extends FaultSettings {
  /** Per-request probability (0..1) of each kind; their sum may not exceed 1. */
  rates?: Partial<Record<FaultKind, number>>;
  /** Which requests `rates` apply to (default all). */
  targets?: FaultTarget[];
  /** GraphQL operations `rates` apply to (default all). */
  operations?: string[];
  /** Targeted faults, checked in order before `rates`. */
  schedule?: ScheduledFault[];
  /** Probability (0..1) that a new job or volume ends FAILED. */
  jobFailureRate?: number;
}

export interface AppliedFault {
  kind: FaultKind;
  retryAfterSeconds: number;
  stallMs: number;
  truncateAfterBytes: number | undefined;
  redirectTo: string;
}

export interface FaultRequest {
  target: FaultTarget;
  method: string;
  /** GraphQL operationName and root field names. */
  operations?: string[];
}

const KINDS: FaultKind[] = [
  'http-500',
  'http-502',
  'http-503',
  'http-429',
  'reset',
  'stall',
  'truncate',
  'expire-url',
  'drop-response',
  'null-data',
  'empty-data',
  'redirect',
  'hostile-strings',
];

const APPLIES: Record<FaultKind, FaultTarget[]> = {
  'http-500': ['graphql', 'upload', 'download'],
  'http-502': ['graphql', 'upload', 'download'],
  'http-503': ['graphql', 'upload', 'download'],
  'http-429': ['graphql', 'upload', 'download'],
  reset: ['graphql', 'upload', 'download'],
  stall: ['graphql', 'upload', 'download'],
  truncate: ['graphql', 'download'],
  'expire-url': ['upload', 'download'],
  'drop-response': ['graphql', 'upload'],
  'null-data': ['graphql'],
  'empty-data': ['graphql'],
  redirect: ['graphql'],
  'hostile-strings': ['graphql'],
};

/**
 * What `hostile-strings` wraps server text in: an OSC that retitles the window, clear screen, red,
 * a C1 CSI asking the terminal to answer back, and a line break before a forged workflow command.
 */
export const HOSTILE_PREFIX = '\u001b]0;move-ugc pwned\u0007\u001b[2J\u001b[31m';
export const HOSTILE_SUFFIX = '\u009b6n\r\n::warning::forged\u001b[0m';
/** The fields of an answer whose strings `hostile-strings` wraps (`message` is an error's). */
const HOSTILE_FIELDS = new Set(['name', 'state', 'type', 'format', 'key', 'message']);

/** The GraphQL answer `body` with every string of a HOSTILE_FIELDS field wrapped in escapes. */
export function hostileAnswer(body: string): string {
  const wrap = (value: unknown, field: string): unknown => {
    if (typeof value === 'string')
      return HOSTILE_FIELDS.has(field) ? `${HOSTILE_PREFIX}${value}${HOSTILE_SUFFIX}` : value;
    if (Array.isArray(value)) return value.map((item) => wrap(item, field));
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, wrap(item, key)]));
  };
  return JSON.stringify(wrap(JSON.parse(body), ''));
}

function applies(kind: FaultKind, request: FaultRequest): boolean {
  // A HEAD response has no body to cut short.
  if (kind === 'truncate' && request.method === 'HEAD') return false;
  return APPLIES[kind].includes(request.target);
}

function matchesOperation(wanted: string | undefined, request: FaultRequest): boolean {
  if (wanted === undefined) return true;
  const lower = wanted.toLowerCase();
  return (request.operations ?? []).some((name) => name.toLowerCase() === lower);
}

function checkProbability(name: string, value: number | undefined): void {
  if (value !== undefined && !(value >= 0 && value <= 1)) {
    throw new RangeError(`Fault plan: ${name} must be a probability between 0 and 1 (got ${value}).`);
  }
}

export function validateFaultPlan(plan: FaultPlan): void {
  let sum = 0;
  for (const [kind, rate] of Object.entries(plan.rates ?? {})) {
    if (!KINDS.includes(kind as FaultKind)) throw new RangeError(`Fault plan: unknown fault kind '${kind}'.`);
    checkProbability(`rates['${kind}']`, rate);
    sum += rate ?? 0;
  }
  if (sum > 1 + 1e-9) throw new RangeError(`Fault plan: the rates add up to ${sum}, more than 1.`);
  checkProbability('jobFailureRate', plan.jobFailureRate);
  for (const [index, entry] of (plan.schedule ?? []).entries()) {
    if (!KINDS.includes(entry.kind))
      throw new RangeError(`Fault plan: schedule[${index}] has unknown kind '${entry.kind}'.`);
    if (entry.target && !APPLIES[entry.kind].includes(entry.target)) {
      throw new RangeError(
        `Fault plan: schedule[${index}]: '${entry.kind}' does not apply to ${entry.target} requests.`,
      );
    }
  }
}

interface ScheduleState {
  entry: ScheduledFault;
  skipped: number;
  hits: number;
}

export class FaultInjector {
  private plan: FaultPlan = {};
  private schedule: ScheduleState[] = [];

  constructor(private readonly random: Random) {}

  set(plan: FaultPlan): void {
    validateFaultPlan(plan);
    this.plan = plan;
    this.schedule = (plan.schedule ?? []).map((entry) => ({ entry, skipped: 0, hits: 0 }));
  }

  clear(): void {
    this.set({});
  }

  /** Scheduled one-shot faults that have not fired yet. */
  pending(): ScheduledFault[] {
    return this.schedule.filter((s) => s.hits < (s.entry.times ?? 1)).map((s) => s.entry);
  }

  /** The fault to apply to this request, if any. Consumes scheduled faults and one random draw. */
  pick(request: FaultRequest): AppliedFault | null {
    for (const state of this.schedule) {
      const { entry } = state;
      if (state.hits >= (entry.times ?? 1)) continue;
      if (entry.target && entry.target !== request.target) continue;
      if (!applies(entry.kind, request) || !matchesOperation(entry.operation, request)) continue;
      if (state.skipped < (entry.after ?? 0)) {
        state.skipped += 1;
        continue;
      }
      state.hits += 1;
      return this.applied(entry.kind, entry);
    }
    return this.draw(request);
  }

  /** Whether a new job or volume is doomed to fail (`jobFailureRate`). */
  failsJob(): boolean {
    const rate = this.plan.jobFailureRate ?? 0;
    return rate > 0 && this.random.next() < rate;
  }

  private draw(request: FaultRequest): AppliedFault | null {
    const { rates, targets, operations } = this.plan;
    if (!rates) return null;
    if (targets && !targets.includes(request.target)) return null;
    if (operations && request.target === 'graphql' && !operations.some((op) => matchesOperation(op, request))) {
      return null;
    }
    let roll = this.random.next();
    for (const kind of KINDS) {
      const rate = rates[kind] ?? 0;
      if (rate <= 0 || !applies(kind, request)) continue;
      if (roll < rate) return this.applied(kind, {});
      roll -= rate;
    }
    return null;
  }

  private applied(kind: FaultKind, settings: FaultSettings): AppliedFault {
    return {
      kind,
      retryAfterSeconds: settings.retryAfterSeconds ?? this.plan.retryAfterSeconds ?? 1,
      stallMs: settings.stallMs ?? this.plan.stallMs ?? 30_000,
      truncateAfterBytes: settings.truncateAfterBytes ?? this.plan.truncateAfterBytes,
      redirectTo: settings.redirectTo ?? this.plan.redirectTo ?? 'https://redirect.example/ugc/graphql',
    };
  }
}
