/**
 * Picklists of the entities the service call, ticket extras and report tools read (tenant data:
 * labels as an MSP would configure them; Autotask fixes no values here except where noted).
 */
import type { PicklistValue } from '../autotask/types.js';
import { list } from './picklists.js';
import { SERVICE_CALL_STATUS } from './service-calls.js';
import { CHARGE_STATUS, CHARGE_TYPE } from './ticket-extras.js';

export function dispatchPicklists(): Record<string, Record<string, PicklistValue[]>> {
  return {
    ServiceCalls: {
      status: list([
        [SERVICE_CALL_STATUS.Scheduled, 'Scheduled'],
        [SERVICE_CALL_STATUS.Complete, 'Complete'],
        [SERVICE_CALL_STATUS.New, 'New', { isDefault: true }],
        [SERVICE_CALL_STATUS.Cancelled, 'Cancelled'],
      ]),
    },
    TicketCharges: {
      // Labels seen on live tenants (n8n-nodes-autotask filter-builder.ts: "Operational"/"Capitalized").
      chargeType: list([
        [CHARGE_TYPE.Operational, 'Operational', { isDefault: true }],
        [CHARGE_TYPE.Capitalized, 'Capitalized'],
      ]),
      status: list([
        [CHARGE_STATUS.Pending, 'Pending', { isDefault: true }],
        [CHARGE_STATUS.Ordered, 'Ordered'],
        [CHARGE_STATUS.Delivered, 'Delivered'],
      ]),
    },
  };
}
