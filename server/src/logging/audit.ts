/**
 * The audit log: one JSON line per executed write (sent to Autotask, whatever it answered), under
 * the logger name "audit", to stderr and optionally appended to MCP_AUDIT_FILE. Field values are
 * kept only where they cannot carry client text (numbers, booleans, dates); strings and nested
 * values are replaced by a short SHA-256 digest and their length, so a line says what changed
 * and lets an auditor match a known value, without copying note text or attachment data.
 * Previews, refusals before sending and writes never sent write nothing here.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { LogDestination } from './logger.js';
import { canonicalJson } from '../tools/confirm.js';

export interface AuditEntry {
  principal: string;
  tool: string;
  entity: string;
  operation: 'create' | 'update' | 'delete';
  /** The record written (the updated/deleted id, or the created one); null when Autotask's answer did not say. */
  id: number | null;
  method: string;
  path: string;
  /** Changed fields (the body's, id left out) with values made safe by auditValue(). */
  fields: Record<string, unknown>;
  /** done: Autotask confirmed it; refused: Autotask answered with an error; unknown: sent, answer unclear. */
  outcome: 'done' | 'refused' | 'unknown';
  /** The Autotask resource impersonated (ImpersonationResourceId), null = the API user. */
  runAs: number | null;
  /** Which request of a multi-request write (./tools/write-steps.ts) this line is. */
  step?: number;
  of?: number;
  session?: string;
  confirmedVia: 'token' | 'elicitation';
}

export interface AuditLog {
  write(entry: AuditEntry): void;
  /** Reopen MCP_AUDIT_FILE (after logrotate moved it; SIGHUP). */
  reopen(): void;
  close(): void;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function digest(text: string): { sha256: string; chars: number } {
  return { sha256: createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16), chars: text.length };
}

/** A value as the audit line shows it: scalars and dates as they are, text and structures as a digest. */
export function auditValue(value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return value ?? null;
  if (typeof value === 'string') return ISO_DATE.test(value) ? value : digest(value);
  return digest(canonicalJson(value));
}

export function auditFields(body: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body ?? {})) {
    if (k === 'id' || k.length > 100) continue;
    if (k === 'userDefinedFields' && Array.isArray(v)) {
      for (const u of v as Array<{ name?: unknown; value?: unknown }>) if (typeof u.name === 'string') out[`udf:${u.name.slice(0, 100)}`] = auditValue(u.value);
      continue;
    }
    out[k] = auditValue(v);
  }
  return out;
}

export interface AuditLogOptions {
  /** stderr (or a test buffer); lines are scrubbed before they leave. */
  destination: LogDestination;
  file: string | null;
  scrub: (line: string) => string;
  /** Where a failing audit file is reported (once per failure streak). */
  onFileError: (err: Error) => void;
}

export function createAuditLog(opts: AuditLogOptions): AuditLog {
  const open = (): number | null => (opts.file === null ? null : openSync(opts.file, 'a', 0o600));
  let fd = open(); // throws at start-up: an audit file that cannot be opened stops the server
  let failing = false;
  return {
    write(entry) {
      const line = opts.scrub(`${JSON.stringify({ level: 'info', time: new Date().toISOString(), logger: 'audit', msg: 'autotask write', ...entry })}\n`);
      opts.destination.write(line);
      if (fd === null) return;
      try {
        writeSync(fd, line);
        failing = false;
      } catch (err) {
        if (!failing) opts.onFileError(err as Error);
        failing = true;
      }
    },
    reopen() {
      if (opts.file === null) return;
      try {
        const next = open();
        if (fd !== null) closeSync(fd);
        fd = next;
      } catch (err) {
        opts.onFileError(err as Error);
      }
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
