/** Fields the reports read: contract block hours. */
import type { Evidence } from './types.js';

export const REPORTS_EVIDENCE: Evidence[] = [
  {
    id: 'reports.block-hours-approved-not-queryable',
    behaviour: 'ContractBlocks.hoursApproved is refused in filters and IncludeFields (catalogue queryable=false with the source in queryError); a query without IncludeFields returns it.',
    status: 'verified',
    sources: [
      'official: "ContractBlocks" REST entity, "Fields that cannot be queried ... will return an error when queried: hoursApproved"',
      'official: SOAP "ContractBlock" entity (the same for HoursApproved)',
    ],
    realDiffers: 'Whether IncludeFields counts as "queried" is [unverified] (evidence fields.query-error-include-fields); report_contract_hours reads blocks without IncludeFields.',
  },
  {
    id: 'reports.retainer-amount-approved-not-queryable',
    behaviour: 'ContractRetainers.amountApproved is refused in filters (catalogue queryable=false with the source in queryError); a query without IncludeFields returns it.',
    status: 'verified',
    sources: [
      'official: "ContractRetainers" REST entity, "Fields that cannot be queried ... will return an error when queried: amountApproved"',
      'official: SOAP "ContractRetainer" entity (the same for AmountApproved)',
    ],
    realDiffers: 'Our reference listed amountApproved as queryable; the official page wins. report_contract_hours reads retainers without IncludeFields.',
  },
];
