/** The shared compact row format on its own: cells, names, labels, instants, empty columns. */
import { describe, expect, it } from 'vitest';
import { compactIso, day, field, flag, instant, label, Names, record, ref, refKind, table, text, udfColumns } from '../../../src/tools/rows.js';

const cols = [field('id'), text('title'), label('status'), label('queue', 'queueID'), ref('companyID'), ref('assignedResourceID'), instant('dueDateTime'), flag('isActive'), field('projectID')];
const records = [
  { id: 1, title: 'Printer | jams\nagain', status: 8, statusLabel: 'In Progress', queueID: 77, queueLabel: 'Service Desk', companyID: 115, companyName: 'Pennine', assignedResourceID: 9, assignedResourceName: 'Owen', dueDateTime: '2026-11-30T03:45:00.000Z', isActive: true, projectID: null },
  { id: 2, title: 'VPN', status: 99, queueID: 77, queueLabel: 'Service Desk', companyID: 115, companyName: 'Pennine', assignedResourceID: null, dueDateTime: null, isActive: false, projectID: null },
];

describe('table', () => {
  it('labels instead of codes, ids with their names once, empty columns left out', () => {
    const names = new Names();
    const t = table(cols, records, 'Asia/Kolkata', names);
    expect(t.structured.columns).toEqual(['id', 'title', 'status', 'queue', 'companyID', 'assignedResourceID', 'dueDateTime', 'isActive']);
    expect(t.structured.rows).toEqual([
      [1, 'Printer | jams\nagain', 'In Progress', 'Service Desk', 115, 9, '2026-11-30T03:45Z', true],
      [2, 'VPN', 99, 'Service Desk', 115, null, null, false],
    ]);
    expect(names.toJSON()).toEqual({ companies: { '115': 'Pennine' }, resources: { '9': 'Owen' } });
    expect(t.untrusted).toEqual(['title']);
  });

  it('the text is the same table: one header, "Name (id)", the tenant zone, no cell can split a row', () => {
    const t = table(cols, records, 'Asia/Kolkata', new Names());
    expect(t.lines).toEqual([
      'id|title|status|queue|companyID|assignedResourceID|dueDateTime|isActive',
      '1|Printer \u00a6 jams again|In Progress|Service Desk|Pennine (115)|Owen (9)|2026-11-30T09:15+05:30|yes',
      '2|VPN|99|Service Desk|Pennine (115)|||no',
    ]);
  });
});

describe('record', () => {
  it('an object of the non-empty cells, long text last and indented', () => {
    const names = new Names();
    const r = record([field('id'), text('description', 'description', { long: true }), ref('contactID'), day('dateWorked')], { id: 5, description: 'line 1\nline 2', contactID: 7, contactName: 'Mia', dateWorked: '2026-10-30T00:00:00Z' }, 'UTC', names);
    expect(r.structured).toEqual({ id: 5, description: 'line 1\nline 2', contactID: 7, dateWorked: '2026-10-30' });
    expect(r.lines).toEqual(['id: 5', 'contactID: Mia (7)', 'dateWorked: 2026-10-30', 'description: line 1\n  line 2']);
    expect(names.toJSON()).toEqual({ contacts: { '7': 'Mia' } });
  });

  it('user-defined fields become udf:<name> columns when set', () => {
    const recs = [{ id: 1, userDefinedFields: [{ name: 'Tier', value: 'Gold' }, { name: 'Empty', value: null }] }];
    expect(udfColumns(recs).map((c) => [c.key, c.value(recs[0])])).toEqual([['udf:Tier', 'Gold']]);
  });
});

describe('helpers', () => {
  it('compactIso drops only zero seconds and milliseconds', () => {
    expect(compactIso('2026-10-30T16:40:00.000Z')).toBe('2026-10-30T16:40Z');
    expect(compactIso('2026-10-30T16:40:31.000Z')).toBe('2026-10-30T16:40:31Z');
    expect(compactIso('2026-10-31T06:15:31.182Z')).toBe('2026-10-31T06:15:31.182Z');
    expect(compactIso('2026-10-30T16:40:00+02:00')).toBe('2026-10-30T16:40+02:00');
    expect(Date.parse(String(compactIso('2026-10-30T16:40:00.000Z')))).toBe(Date.parse('2026-10-30T16:40:00.000Z'));
  });

  it('refKind names the kind of an id field', () => {
    expect(['companyID', 'parentCompanyID', 'contactID', 'createdByContactID', 'assignedResourceID', 'projectID', 'ticketID', 'taskID', 'roleID', 'billingCodeID'].map(refKind)).toEqual([
      'companies', 'companies', 'contacts', 'contacts', 'resources', 'projects', 'tickets', 'tasks', 'roles', 'billingCode',
    ]);
  });
});
