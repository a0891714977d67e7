/**
 * Answers an oversized body with 413 as soon as it is known to be too large, and closes the
 * connection. express.json() alone reads the whole body to the end before it answers 413
 * (body-parser "reads off" the request), so a client could stream without limit until the
 * request deadline.
 */
import type { RequestHandler } from 'express';
import { sendTooLarge } from './errors.js';

export function bodyLimitGuard(limitBytes: number, limitText: string): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) {
      sendTooLarge(res, limitText);
      return;
    }
    // Chunked (or lying) bodies: count what arrives next to the parser, which reads the same chunks.
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limitBytes) return;
      stop();
      sendTooLarge(res, limitText);
    };
    const stop = () => {
      req.off('data', onData);
      req.off('end', stop);
    };
    req.on('data', onData);
    req.once('end', stop);
    next();
  };
}
