/**
 * Failures that are not Autotask's (a bug, an unexpected value): the client gets a short error
 * id and no detail, the log gets the same id with the stack, so a user's report can be matched to
 * its log line. Autotask and input errors need none: their message is the diagnosis.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { isAutotaskError } from '../autotask/errors.js';

export function isInternalError(err: unknown): boolean {
  return !isAutotaskError(err) && !(err instanceof Error && err.name === 'ToolInputError');
}

/** 8 hex characters: short enough to read out, enough to tell a day's failures apart. */
export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/**
 * Logs an internal failure at error level with its stack (the logger's err serializer keeps no
 * stack; configured secrets are still scrubbed from the line) and returns its id.
 */
export function logInternalError(logger: Logger, fields: Record<string, unknown>, err: unknown, msg: string): string {
  const errorId = newErrorId();
  const detail = err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : { message: String(err) };
  logger.error({ ...fields, errorId, err: detail }, msg);
  return errorId;
}
