/**
 * JSON answers for what node's HTTP parser refuses before express sees a request (headers too
 * large, malformed requests, request deadlines): node's defaults are bare status lines, and the
 * README promises JSON for every error. The connection is always closed afterwards.
 */
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { RpcCode } from './errors.js';
import type { HttpTimeouts } from './limits.js';

interface Answer {
  status: number;
  reason: string;
  code: number;
  message: string;
}

function answerFor(code: string | undefined, t: HttpTimeouts, maxHeaderBytes: number): Answer {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      status: 408,
      reason: 'Request Timeout',
      code: RpcCode.serverError,
      message: `Request took too long to arrive: headers must arrive within ${t.headersMs / 1000} s and the whole request within ${t.requestMs / 1000} s. Check the network path, or send a smaller body.`,
    };
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      reason: 'Request Header Fields Too Large',
      code: RpcCode.invalidRequest,
      message: `Request headers too large: at most ${Math.round(maxHeaderBytes / 1024)} KB in total. Send fewer or smaller headers (large cookies or proxy headers are the usual cause).`,
    };
  }
  return { status: 400, reason: 'Bad Request', code: RpcCode.invalidRequest, message: 'Bad request: the HTTP request could not be parsed. Send a well-formed HTTP/1.1 request.' };
}

/** The server's 'clientError' listener. */
export function clientErrorHandler(logger: Logger, timeouts: HttpTimeouts, maxHeaderBytes: number) {
  return (err: Error & { code?: string }, socket: Duplex): void => {
    // A peer that reset the connection cannot read an answer.
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    // Never write into a response that has already started (its status line is out).
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const a = answerFor(err.code, timeouts, maxHeaderBytes);
    logger.info({ status: a.status, reason: err.code ?? 'parse error' }, 'http request refused before routing');
    const body = JSON.stringify({ jsonrpc: '2.0', error: { code: a.code, message: a.message }, id: null });
    const head = [`HTTP/1.1 ${a.status} ${a.reason}`, 'Content-Type: application/json; charset=utf-8', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', '', ''].join('\r\n');
    socket.end(head + body, () => socket.destroy());
    // A peer that never reads must not hold the socket either.
    setTimeout(() => socket.destroy(), 2_000).unref();
  };
}
