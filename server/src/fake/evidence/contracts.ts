/** Contract balances: what Autotask lets a query touch on blocks and retainers. */
import type { Evidence } from './types.js';

export const CONTRACTS_EVIDENCE: Evidence[] = [
  {
    id: 'contracts.approved-not-queryable',
    behaviour: 'Filters on ContractBlocks.hoursApproved and ContractRetainers.amountApproved are refused, and so are the fields in IncludeFields.',
    status: 'verified',
    sources: [
      'official: ContractBlocks entity page ("Fields that cannot be queried ... hoursApproved")',
      'official: ContractRetainers entity page ("Fields that cannot be queried ... amountApproved")',
      'IncludeFields: as fields.query-error-include-fields ([unverified] that IncludeFields counts as querying)',
    ],
    realDiffers: 'Autotask answers with an error (status and text not seen: [unverified]); the fake answers 400 like its other query validation.',
  },
  {
    id: 'contracts.approved-in-plain-query',
    behaviour: 'A query without IncludeFields returns hoursApproved on each block and amountApproved on each retainer (the used hours and amount).',
    status: 'unverified',
    sources: [
      '[unverified] the pages say the fields cannot be queried, not that they are left out of results; attachments\' fileSize (same wording) is read this way (attachments.query-no-data). Tools treat a missing value as "not returned", never as 0.',
    ],
  },
];
