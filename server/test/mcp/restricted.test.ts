/**
 * Resources and prompts follow AUTOTASK_TOOLSETS and read-only mode: a record template only for
 * enabled areas, prompts only when their tools exist, and no write advice in read-only mode.
 */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../tools/companies/flow.js';

const s = useHarness({ env: { AUTOTASK_TOOLSETS: 'tickets,companies,time', AUTOTASK_READ_ONLY: 'true' } });

describe('toolsets and read-only mode', () => {
  it('offers record templates only for enabled areas (reads stay available in read-only mode)', async () => {
    const { resourceTemplates } = await s.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual(['autotask://companies/{id}', 'autotask://schema/{entity}', 'autotask://tickets/{id}']);
    await expect(s.client.readResource({ uri: 'autotask://contacts/30700100' })).rejects.toThrow(/not found/i);
    const doc = JSON.parse(((await s.client.readResource({ uri: 'autotask://companies/103' })).contents[0] as { text: string }).text);
    expect(doc.record.companyName).toBe('Brightwater Dental Group');
  });

  it('lists only prompts whose tools exist, and triage gives no write step in read-only mode', async () => {
    const { prompts } = await s.client.listPrompts();
    // time_entry_helper needs create_time_entry, which read-only mode removes.
    expect(prompts.map((p) => p.name)).toEqual(['triage_ticket', 'queue_summary']);
    const r = (await s.client.getPrompt({ name: 'triage_ticket', arguments: { ticketId: '41007' } }));
    const text = (r.messages[0].content as { text: string }).text;
    expect(text).toMatch(/read-only: present the recommendation/);
    expect(text).not.toMatch(/update_ticket|create_note|confirmationToken/);
    // The resources toolset is off: no step may name search_resources.
    expect(text).not.toContain('search_resources');
  });
});
