/**
 * Raw TCP clients for transport tests that HTTP libraries cannot express: bodies and headers
 * trickled byte by byte, oversized or missing headers, sockets kept open after an answer.
 */
import { connect, type Socket } from 'node:net';
import type { Wire } from './wire.js';

export interface RawSocket {
  socket: Socket;
  /** Everything the server sent so far (latin1, so byte counts match). */
  received(): string;
  /** Resolves with the milliseconds between connect and the server closing the connection. */
  closed: Promise<number>;
  isClosed(): boolean;
  write(data: string): void;
  destroy(): void;
}

export function openSocket(port: number, host = '127.0.0.1'): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host });
    let text = '';
    let closedFlag = false;
    const started = Date.now();
    const closed = new Promise<number>((done) =>
      socket.once('close', () => {
        closedFlag = true;
        done(Date.now() - started);
      }),
    );
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => undefined); // a reset is an answer too; tests read `closed`
    socket.once('connect', () =>
      resolve({
        socket,
        received: () => text,
        closed,
        isClosed: () => closedFlag,
        write: (data) => {
          if (!socket.destroyed) socket.write(data);
        },
        destroy: () => socket.destroy(),
      }),
    );
    socket.once('error', reject);
  });
}

/** Writes `data` one character per `everyMs` until it is written or the socket closes. */
export function trickle(s: RawSocket, data: string, everyMs: number): { stop(): void } {
  let i = 0;
  const timer = setInterval(() => {
    if (s.isClosed() || i >= data.length) {
      clearInterval(timer);
      return;
    }
    s.write(data[i++]);
  }, everyMs);
  return { stop: () => clearInterval(timer) };
}

/** Resolves with `closed` or with -1 when the socket is still open after `ms`. */
export function closedWithin(s: RawSocket, ms: number): Promise<number> {
  return Promise.race([s.closed, new Promise<number>((r) => setTimeout(() => r(-1), ms))]);
}

/** Status code and parsed JSON body of the first HTTP response in `raw` (undefined when none). */
export function parseRawResponse(raw: string): { status: number; headers: Record<string, string>; body: Wire } | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (!raw.startsWith('HTTP/1.') || end < 0) return undefined;
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const at = l.indexOf(':');
    headers[l.slice(0, at).trim().toLowerCase()] = l.slice(at + 1).trim();
  }
  const rest = raw.slice(end + 4);
  const length = Number(headers['content-length'] ?? rest.length);
  let body: unknown;
  try {
    body = JSON.parse(rest.slice(0, length));
  } catch {
    body = undefined;
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}
