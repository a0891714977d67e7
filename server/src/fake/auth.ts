/**
 * Autotask's credential check: three custom headers on every call but zoneInformation and
 * versioninformation. Header names are case-insensitive (node lowercases them). Messages never
 * echo header values.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AutotaskCredentials } from '../config/types.js';
import { FakeHttpError } from './errors.js';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Throws the error Autotask answers with, or returns the integration code (the thread-limit key). */
export function authenticate(headers: IncomingHttpHeaders, creds: AutotaskCredentials): string {
  const user = header(headers, 'UserName');
  const secret = header(headers, 'Secret');
  if (user === undefined || secret === undefined) {
    throw new FakeHttpError(401, 'Authentication failed: the UserName and Secret headers are required.');
  }
  if (user.toLowerCase() !== creds.username.toLowerCase() || !same(secret, creds.secret)) {
    throw new FakeHttpError(401, 'Authentication failed: the UserName/Secret combination is not valid.');
  }
  const code = header(headers, 'ApiIntegrationCode');
  if (code === undefined || !same(code, creds.integrationCode)) {
    // Observed: Autotask answers a bad integration code with 500, not 401.
    throw new FakeHttpError(500, 'IntegrationCode is invalid.');
  }
  return code;
}

/** zoneInformation: no auth; an unknown user is a 500 (observed). */
export function zoneUserKnown(user: string | undefined, creds: AutotaskCredentials): boolean {
  return user !== undefined && user.toLowerCase() === creds.username.toLowerCase();
}
