/** Short, secret-free text for an error a check ran into (the client already redacts its errors). */
import { isAutotaskError, type AutotaskError } from '../autotask/errors.js';
import { BudgetExhausted } from './budget.js';

/** Call first in every catch of a check: running out of budget ends the run, it is no finding. */
export function rethrowBudget(err: unknown): void {
  if (err instanceof BudgetExhausted) throw err;
}

const MAX = 400;

export function explain(err: unknown): string {
  const text = isAutotaskError(err)
    ? `${err.message}${err.details.length ? ` Autotask said: ${err.details.join(' | ')}` : ''}`
    : err instanceof Error
      ? err.message
      : String(err);
  return text.length > MAX ? `${text.slice(0, MAX)}…` : text;
}

export const kindOf = (err: unknown): AutotaskError['kind'] | undefined => (isAutotaskError(err) ? err.kind : undefined);

/** The fix for errors any check can meet; null when the check knows better. */
export function commonFix(err: unknown): string | null {
  switch (kindOf(err)) {
    case 'auth':
      return 'Check AUTOTASK_USERNAME, AUTOTASK_SECRET and AUTOTASK_INTEGRATION_CODE in .env: they must belong to one active API user (security level "API User") and its integration code.';
    case 'forbidden':
      return "Give the API user's security level read access to it in Autotask, or leave the tool area out of AUTOTASK_TOOLSETS.";
    case 'rate_limited':
      return 'Autotask is throttling this integration code; run the doctor again in a few minutes (see api.threads).';
    case 'unavailable':
      return 'Autotask did not answer: check outbound HTTPS from this host to your zone, then run the doctor again.';
    default:
      return null;
  }
}
