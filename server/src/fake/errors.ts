/** The error the fake answers with: an HTTP status and Autotask's `{"errors":[...]}` body. */
export class FakeHttpError extends Error {
  readonly status: number;
  readonly errors: string[];
  readonly headers: Record<string, string>;

  constructor(status: number, errors: string | string[], headers: Record<string, string> = {}) {
    const list = Array.isArray(errors) ? errors : [errors];
    super(list.join('; '));
    this.name = 'FakeHttpError';
    this.status = status;
    this.errors = list;
    this.headers = headers;
  }
}

/** 400: strict query validation. Real Autotask often answers these with 500; the issue asks 400. */
export const badRequest = (msg: string): FakeHttpError => new FakeHttpError(400, msg);
/** 500: Autotask's status for business-rule and write-validation failures. */
export const writeError = (msg: string): FakeHttpError => new FakeHttpError(500, msg);
export const notFound = (msg: string): FakeHttpError => new FakeHttpError(404, msg);
export const methodNotAllowed = (method: string, what: string): FakeHttpError =>
  new FakeHttpError(405, `The requested resource does not support http method '${method}'. (${what})`);
