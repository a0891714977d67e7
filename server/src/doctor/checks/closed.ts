/**
 * Which ticket statuses openOnly leaves out, through the one closed-status rule the tools use
 * (autotask/closed-statuses.ts), and how to change them.
 */
import type { PicklistValue } from '../../autotask/types.js';
import { closedStatuses, matchConfiguredStatuses, unknownClosedStatusesMessage } from '../../autotask/closed-statuses.js';
import { commonFix, explain, rethrowBudget } from '../explain.js';
import { fail, pass, warn, type Check } from '../types.js';

const ID = 'tickets.closed-statuses';
const names = (values: PicklistValue[]) => values.map((v) => `${v.label} (${v.value})`).join(', ');

export const checkClosedStatuses: Check = async ({ api, config, emit }) => {
  if (!config.toolsets.includes('tickets') && !config.toolsets.includes('time')) return;
  let values: PicklistValue[];
  try {
    values = await api.picklist('Tickets', 'status');
  } catch (err) {
    rethrowBudget(err);
    emit(fail(ID, `Tickets.status could not be read: ${explain(err)}`, commonFix(err) ?? 'openOnly needs the ticket status list; report this line with the Autotask version.'));
    return;
  }
  const configured = config.closedStatuses;
  if (configured.length) {
    const { unknown } = matchConfiguredStatuses(values, configured);
    if (unknown.length) {
      emit(fail(ID, unknownClosedStatusesMessage(values, unknown), 'Use status ids or labels from the list above in AUTOTASK_CLOSED_STATUSES, then restart the server.', { configured, unknown }));
      return;
    }
  }
  const closed = closedStatuses(values, configured);
  const details = { closed: closed.map((v) => ({ value: v.value, label: v.label })), source: configured.length ? 'AUTOTASK_CLOSED_STATUSES' : 'labels' };
  const override = `set AUTOTASK_CLOSED_STATUSES (ticket status ids or labels, e.g. ${closed.map((v) => v.value).join(',') || '5'}) in .env to change it`;
  if (!closed.length) {
    emit(warn(ID, 'No ticket status counts as closed (no Complete (5), no status labelled Complete, Closed, Cancelled, Resolved, Done...): openOnly searches return every ticket.', `List your closed statuses in AUTOTASK_CLOSED_STATUSES (ids or labels) in .env.`, details));
    return;
  }
  const from = configured.length ? 'from AUTOTASK_CLOSED_STATUSES, plus Complete' : 'Complete plus every status whose whole label means closed';
  emit(pass(ID, `openOnly treats as closed: ${names(closed)} (${from}); ${override}.`, details));
};
