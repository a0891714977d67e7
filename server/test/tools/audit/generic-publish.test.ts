/**
 * Generic writes that set `publish` (create_entity / update_entity on notes and attachments) say
 * plainly whether the client will see the record, from the tenant's publish picklist.
 */
import { describe, expect, it } from 'vitest';
import { TICKET_NOTE_PUBLISH } from '../../../src/demo/picklists.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { preview, useHarness } from '../companies/flow.js';

const s = useHarness();
const internalNote = buildDemoSeed().records.TicketNotes.find((n) => n.ticketID === 41289 && n.publish === TICKET_NOTE_PUBLISH.InternalProjectTeam)!;
const note = (publish: unknown) => ({ entity: 'TicketNotes', parentId: 41289, fields: { description: 'Rebooted the switch.', noteType: 1, publish } });

describe('create_entity / update_entity with publish', () => {
  it('a client-visible publish value is called out as PUBLISHED', async () => {
    const p = await preview(s, 'create_entity', note('All Autotask Users'));
    expect(p.request.body).toMatchObject({ publish: 1 });
    expect(p.warnings.join('\n')).toMatch(/PUBLISHED \("All Autotask Users"\).*client can see/);
  });

  it('an internal value carries no publish warning', async () => {
    const p = await preview(s, 'create_entity', note(2));
    expect(p.warnings).toEqual([]);
  });

  it('update_entity that publishes an internal note says so', async () => {
    const p = await preview(s, 'update_entity', { entity: 'TicketNotes', id: internalNote.id, fields: { publish: 1 } });
    expect(p.warnings.join('\n')).toMatch(/PUBLISHED/);
  });
});
