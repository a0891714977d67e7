/**
 * JSON error answers for every failure path of the HTTP surface: clients (and proxies) never see
 * Express's HTML pages or stack traces.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** JSON-RPC error codes used at the HTTP layer (the SDK uses the same ones). */
export const RpcCode = {
  parseError: -32700,
  invalidRequest: -32600,
  serverError: -32000,
  sessionNotFound: -32001,
  internalError: -32603,
} as const;

/** A JSON-RPC error object without id, as the spec allows for transport-level failures. */
export function sendJsonError(res: Response, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  // A refused client keeps no connection: with a body still arriving (node would read it to
  // the end to reuse the socket) or without authentication, close it after the answer.
  if (status === 401 || !res.req.complete) res.setHeader('Connection', 'close');
  res.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null });
}

/** 413 for a body over MCP_BODY_LIMIT (the connection closes: the rest of the body is not read). */
export function sendTooLarge(res: Response, bodyLimit: string): void {
  sendJsonError(res, 413, RpcCode.invalidRequest, `Request body too large: the limit is ${bodyLimit} (MCP_BODY_LIMIT). Send smaller attachments or raise the limit.`);
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendJsonError(res, 404, RpcCode.invalidRequest, `Not found: ${req.method} ${req.path}. The MCP endpoint is /mcp; health checks are /health and /ready.`);
};

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** Final error middleware: body-parser failures become 400/413 JSON, anything else a bare 500. */
export function errorHandler(logger: Logger, bodyLimit: string): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const e = (err ?? {}) as BodyParserError;
    if (e.type === 'entity.parse.failed') {
      sendJsonError(res, 400, RpcCode.parseError, 'Parse error: the request body is not valid JSON.');
      return;
    }
    if (e.type === 'entity.too.large') {
      sendTooLarge(res, bodyLimit);
      return;
    }
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
      sendJsonError(res, 415, RpcCode.invalidRequest, 'Unsupported request encoding: send UTF-8 JSON.');
      return;
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      sendJsonError(res, e.status, RpcCode.invalidRequest, 'Bad request.');
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'unhandled error in HTTP request');
    sendJsonError(res, 500, RpcCode.internalError, 'Internal server error. The details are in the server log.');
  };
}
