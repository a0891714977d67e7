/**
 * The errors the fake answers with. Autotask's own failures carry `{"errors":[...]}`; a verb the
 * route does not support is answered by ASP.NET routing before Autotask sees it, as a bare
 * `{"Message": ...}` (WYRE-AI/autotask-mcp PR #170, seen on live tenants).
 */
export class FakeHttpError extends Error {
  readonly status: number;
  readonly errors: string[];
  readonly headers: Record<string, string>;
  /** The JSON body on the wire. */
  readonly body: Record<string, unknown>;

  constructor(status: number, errors: string | string[], headers: Record<string, string> = {}, body?: Record<string, unknown>) {
    const list = Array.isArray(errors) ? errors : [errors];
    super(list.join('; '));
    this.name = 'FakeHttpError';
    this.status = status;
    this.errors = list;
    this.headers = headers;
    this.body = body ?? { errors: list };
  }
}

/** 400: strict query validation. Real Autotask often answers these with 500; the issue asks 400. */
export const badRequest = (msg: string): FakeHttpError => new FakeHttpError(400, msg);
/** 500: Autotask's status for business-rule and write-validation failures. */
export const writeError = (msg: string): FakeHttpError => new FakeHttpError(500, msg);
export const notFound = (msg: string): FakeHttpError => new FakeHttpError(404, msg);
/**
 * 405 with ASP.NET's exact text and nothing else. `why` says which rule refused it; it stays in
 * the fake (Error.message, for test failures) and is never sent, as Autotask sends no hint.
 */
export const methodNotAllowed = (method: string, why: string): FakeHttpError => {
  const text = `The requested resource does not support http method '${method}'.`;
  const e = new FakeHttpError(405, text, {}, { Message: text });
  e.message = `${text} (${why})`;
  return e;
};
