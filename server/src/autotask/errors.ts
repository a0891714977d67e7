/**
 * Typed errors raised by the Autotask client. Messages are written for the model to act on and
 * never contain credentials: the client redacts before constructing them.
 */
export type AutotaskErrorKind =
  | 'auth' // 401 / invalid integration code / unknown user
  | 'forbidden' // 403 or Autotask's permission message
  | 'not_found' // 404 route or missing record where a record was required
  | 'validation' // 400 / 500 business-rule or filter errors (Autotask's errors[] text kept)
  | 'rate_limited' // 429 or thread threshold
  | 'unavailable' // 5xx gateway errors, resets, timeouts after retries
  | 'config' // our own configuration problem (e.g. zone detection impossible)
  | 'protocol'; // Autotask answered something we cannot parse

/**
 * What is known about a write that failed: Autotask never got it (`not_sent`), got it and refused
 * it (`refused`: nothing was written), or its answer does not say (`unknown`: it may have been
 * applied). Set for writes only.
 */
export type WriteOutcome = 'not_sent' | 'refused' | 'unknown';

export class AutotaskError extends Error {
  readonly kind: AutotaskErrorKind;
  readonly status?: number;
  /** Autotask's own errors[] strings (redacted). */
  readonly details: string[];
  readonly method?: string;
  /** Path relative to the REST base, no query string secrets. */
  readonly path?: string;
  readonly retryable: boolean;
  readonly writeOutcome?: WriteOutcome;

  constructor(
    kind: AutotaskErrorKind,
    message: string,
    opts: { status?: number; details?: string[]; method?: string; path?: string; retryable?: boolean; writeOutcome?: WriteOutcome; cause?: unknown } = {},
  ) {
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.name = 'AutotaskError';
    this.kind = kind;
    this.status = opts.status;
    this.details = opts.details ?? [];
    this.method = opts.method;
    this.path = opts.path;
    this.retryable = opts.retryable ?? false;
    if (opts.writeOutcome) this.writeOutcome = opts.writeOutcome;
  }
}

export function isAutotaskError(e: unknown): e is AutotaskError {
  return e instanceof AutotaskError;
}

/** The same error, saying what is known about the write it ended (e.g. not sent: the zone lookup failed first). */
export function withWriteOutcome(err: AutotaskError, writeOutcome: WriteOutcome): AutotaskError {
  return new AutotaskError(err.kind, err.message, { status: err.status, details: err.details, method: err.method, path: err.path, retryable: err.retryable, writeOutcome, cause: err.cause });
}
