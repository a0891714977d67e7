import { expect } from 'vitest';
import type { FakeAutotask } from '../../../src/fake/types.js';
import { call } from '../fake-helpers.js';
import type { Probe } from './types.js';

async function publishValues(fake: FakeAutotask, entity: string): Promise<Array<[string, string]>> {
  const fields = (await call(fake, 'GET', `${entity}/entityInformation/fields`)).json.fields as Array<{ name: string; picklistValues: Array<{ value: string; label: string }> }>;
  return fields.find((f) => f.name === 'publish')!.picklistValues.map((v) => [v.value, v.label]);
}

export const NOTES_PROBES: Record<string, Probe> = {
  'notes.ticket-publish-values': async ({ fake }) => {
    expect(await publishValues(fake, 'TicketNotes')).toEqual([['1', 'All Autotask Users'], ['2', 'Internal Project Team'], ['4', 'Internal & Co-Managed']]);
    const note = (publish: number) => call(fake, 'POST', 'Tickets/1002/Notes', { body: { title: 'Probe', description: 'x', noteType: 1, publish } });
    expect((await note(3)).status).toBe(500);
    expect((await note(4)).status).toBe(200);
  },
  'notes.project-publish-values': async ({ fake }) => {
    expect(await publishValues(fake, 'ProjectNotes')).toEqual([['1', 'All Autotask Users'], ['2', 'Internal Project Team'], ['3', 'Project Team']]);
  },
  'notes.ticket-title-required': async ({ fake }) => {
    const note = (title?: string) => call(fake, 'POST', 'Tickets/1002/Notes', { body: { title, description: 'x', noteType: 1, publish: 2 } });
    const untitled = await note();
    expect(untitled.status).toBe(500);
    expect(untitled.json.errors[0]).toMatch(/title/i);
    expect((await note('Called back')).status).toBe(200);
  },
};
