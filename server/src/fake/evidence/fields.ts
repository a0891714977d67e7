/** Fields Autotask refuses in queries. */
import type { Evidence } from './types.js';

export const FIELDS_EVIDENCE: Evidence[] = [
  {
    id: 'fields.query-error-filter',
    behaviour:
      'Filters on attachment data, fileSize and creatorType, AttachmentInfo.fileSize and Tasks.remainingHours are refused (catalogue queryable=false with the source in queryError).',
    status: 'verified',
    sources: [
      'official: "Fields that cannot be queried ... will return an error when queried" on the TicketNoteAttachments, ProjectAttachments, TaskNoteAttachments, ConfigurationItemNoteAttachments, ArticleAttachments, AttachmentInfo and Tasks entity pages',
      'the other *Attachments entities by analogy (their pages were not available to read)',
    ],
    realDiffers: 'Autotask answers with an error (status and text not seen: [unverified]); the fake answers 400 like its other query validation.',
  },
  {
    id: 'fields.query-error-include-fields',
    behaviour: 'The same fields are refused in IncludeFields.',
    status: 'unverified',
    sources: ['[unverified] the pages say "when queried" without saying whether IncludeFields counts; the fake refuses so that no tool requests them (tools read them from a GET by id, or a query without IncludeFields)'],
    doctorCheck: 'fields.non-queryable',
  },
];
