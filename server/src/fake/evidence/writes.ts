/** Field-level write validation the fake applies to every entity. */
import type { Evidence } from './types.js';

export const WRITES_EVIDENCE: Evidence[] = [
  {
    id: 'writes.unknown-field-refused',
    behaviour: 'A write body with a field the entity does not have is refused with a 500 naming the field.',
    status: 'unverified',
    sources: ["our reading: Autotask's text for unknown properties is not documented; the fake is strict"],
  },
  {
    id: 'writes.parent-fk-contradiction',
    behaviour: 'A child-route write whose body names another parent (e.g. ticketID 1003 on POST Tickets/1002/Notes) is refused with a 500.',
    status: 'unverified',
    sources: ['our reading: no source shows whether Autotask refuses it or lets the URL win'],
  },
];
