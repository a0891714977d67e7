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

export class AutotaskError extends Error {
  readonly kind: AutotaskErrorKind;
  readonly status?: number;
  /** Autotask's own errors[] strings (redacted). */
  readonly details: string[];
  readonly method?: string;
  /** Path relative to the REST base, no query string secrets. */
  readonly path?: string;
  readonly retryable: boolean;

  constructor(
    kind: AutotaskErrorKind,
    message: string,
    opts: { status?: number; details?: string[]; method?: string; path?: string; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.name = 'AutotaskError';
    this.kind = kind;
    this.status = opts.status;
    this.details = opts.details ?? [];
    this.method = opts.method;
    this.path = opts.path;
    this.retryable = opts.retryable ?? false;
  }
}

export function isAutotaskError(e: unknown): e is AutotaskError {
  return e instanceof AutotaskError;
}
