/**
 * The HTTP transport: one axios instance with keep-alive agents, our own timeout and abort
 * handling, and classification of transport failures. axios errors never leave this module: they
 * carry the request config, i.e. the credential headers.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import type { AutotaskCredentials } from '../config/types.js';
import type { FailureClass } from './retry.js';
import { abortReason } from './retry.js';

export interface HttpRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface RawResponse {
  status: number;
  /** Raw Retry-After header, when present. */
  retryAfter?: string;
  /** Raw Location header of a redirect, when present. */
  location?: string;
  text: string;
}

type TransportFailure = Extract<FailureClass, { type: 'timeout' | 'reset' | 'network' }>;

/** A request that produced no HTTP response. Carries no request details (no headers, no URL). */
export class TransportError extends Error {
  constructor(readonly failure: TransportFailure) {
    super(failure.type === 'network' ? `network error ${failure.code}` : failure.type);
    this.name = 'TransportError';
  }
}

/** Attachments are limited to ~7 MB raw; base64 inflates that by a third. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Autotask's auth headers (every call except zoneInformation). */
export function authHeaders(c: AutotaskCredentials): Record<string, string> {
  return {
    ApiIntegrationCode: c.integrationCode,
    UserName: c.username,
    Secret: c.secret,
    'Content-Type': 'application/json',
  };
}

export class HttpTransport {
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });
  private readonly axios: AxiosInstance;

  constructor(userAgent = 'autotask-mcp') {
    this.axios = axios.create({
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      // Raw text: we parse JSON ourselves so a malformed body becomes a 'protocol' error.
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      // Every status is an answer we classify ourselves.
      validateStatus: () => true,
      // Never follow redirects here: the credential headers would go wherever Autotask points.
      // Only the anonymous zone lookup follows them, hop by hop, within an allowlist (zone.ts).
      maxRedirects: 0,
      maxContentLength: MAX_BODY_BYTES,
      maxBodyLength: MAX_BODY_BYTES,
      headers: { 'User-Agent': userAgent, Accept: 'application/json' },
    });
  }

  async send(req: HttpRequest): Promise<RawResponse> {
    if (req.signal?.aborted) throw abortReason(req.signal);
    const controller = new AbortController();
    let timedOut = false as boolean; // set by the timer callback
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, req.timeoutMs);
    const onAbort = (): void => controller.abort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const res = await this.axios.request<string>({
        method: req.method,
        url: req.url,
        headers: req.headers,
        data: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: controller.signal,
      });
      const retryAfter: unknown = res.headers['retry-after'];
      const location: unknown = res.headers.location;
      const data: unknown = res.data; // 'text' is what we ask for, not what a proxy must send
      return {
        status: res.status,
        retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
        location: typeof location === 'string' ? location : undefined,
        text: typeof data === 'string' ? data : String(data ?? ''),
      };
    } catch (err) {
      if (req.signal?.aborted) throw abortReason(req.signal);
      if (timedOut) throw new TransportError({ type: 'timeout' });
      throw new TransportError(classifyNetworkError(err));
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Drop pooled sockets (shutdown, tests). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** Reads only the error code and message text of an axios/Node error, never its config. */
function classifyNetworkError(err: unknown): TransportFailure {
  const code = typeof (err as { code?: unknown } | null | undefined)?.code === 'string' ? (err as { code: string }).code : 'UNKNOWN';
  const message = err instanceof Error ? err.message : '';
  if (code === 'ECONNRESET' || /socket hang up|ECONNRESET|aborted/i.test(message)) return { type: 'reset' };
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return { type: 'timeout' };
  return { type: 'network', code: /^[A-Z_]{2,40}$/.test(code) ? code : 'UNKNOWN' };
}
