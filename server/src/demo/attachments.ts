/**
 * Small file attachments (a few hundred bytes each) for tickets, projects and companies, with
 * base64 `data`, `fileSize` in bytes, and the fields Autotask fills in on upload. Attachments of
 * ticket notes and time entries are TicketAttachments records naming the note or entry
 * (ticketNoteID / timeEntryID, parentID = that record) as well as the ticket; those of project
 * notes are ProjectAttachments likewise ("Changes to Attachment entities", ProjectAttachments page).
 */
import type { SeedRecord } from '../fake/types.js';
import { add, HOUR, iso, type DemoContext } from './context.js';
import { NOTE_PUBLISH, PERSON_TYPE } from './picklists.js';

/** A valid 1×1 PNG. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

interface FileSpec {
  title: string;
  fullPath: string;
  contentType: string;
  bytes: (ticketNumber: string) => Buffer;
}

const TICKET_FILES: FileSpec[] = [
  {
    title: 'Error screenshot',
    fullPath: 'screenshot.png',
    contentType: 'image/png',
    bytes: () => TINY_PNG,
  },
  {
    title: 'Event log export',
    fullPath: 'eventlog-export.txt',
    contentType: 'text/plain',
    bytes: (n) =>
      Buffer.from(
        [
          `Exported for ${n}`,
          'Level,Date and Time,Source,Event ID,Task Category',
          'Error,30/10/2026 09:14:02,Disk,7,None,"The device, \\Device\\Harddisk0\\DR0, has a bad block."',
          'Warning,30/10/2026 09:14:05,Ntfs,140,None,"The system failed to flush data to the transaction log."',
          'Error,30/10/2026 09:20:41,Service Control Manager,7031,None,"The Print Spooler service terminated unexpectedly."',
          'Information,30/10/2026 09:21:00,Service Control Manager,7036,None,"The Print Spooler service entered the running state."',
        ].join('\n'),
      ),
  },
  {
    title: 'Router configuration backup',
    fullPath: 'router-config.txt',
    contentType: 'text/plain',
    bytes: () =>
      Buffer.from(
        [
          'hostname RTR-01',
          'interface wan1',
          ' ip dhcp',
          'interface lan',
          ' ip address 192.168.10.1 255.255.255.0',
          'dhcp reservation 192.168.10.50 mac 00:1b:44:11:3a:b7 name PRN-RECEPTION',
          'firewall policy 10 allow lan -> wan any',
        ].join('\n'),
      ),
  },
  {
    title: 'Affected users list',
    fullPath: 'affected-users.csv',
    contentType: 'text/csv',
    bytes: () => Buffer.from('name,email,device\nAmelia Smith,amelia.smith@brightwater.example,LT-0142\nOliver Jones,oliver.jones@brightwater.example,LT-0177\n'),
  },
];

function attachment(ctx: DemoContext, id: number, file: FileSpec, ref: string, at: number, byContact: unknown, byResource: unknown): SeedRecord {
  const data = file.bytes(ref);
  const contact = byContact ?? null;
  return {
    id,
    title: file.title,
    fullPath: file.fullPath,
    attachmentType: 'FILE_ATTACHMENT',
    contentType: file.contentType,
    fileSize: data.length,
    data: data.toString('base64'),
    publish: contact !== null ? NOTE_PUBLISH.AllAutotaskUsers : ctx.rng.pick([NOTE_PUBLISH.AllAutotaskUsers, NOTE_PUBLISH.InternalOnly]),
    attachDate: iso(at),
    attachedByContactID: contact,
    attachedByResourceID: contact !== null ? null : byResource ?? null,
    creatorType: contact !== null ? PERSON_TYPE.Contact : PERSON_TYPE.Resource,
  };
}

export function attachmentFor(ctx: DemoContext, ticket: SeedRecord, id: number): SeedRecord {
  const at = Math.min(ctx.now, Date.parse(ticket.createDate as string) + ctx.rng.int(1, 60) * 60_000);
  const fromContact = ticket.createdByContactID !== null && ctx.rng.chance(0.6);
  const rec = attachment(ctx, id, ctx.rng.pick(TICKET_FILES), String(ticket.ticketNumber), at, fromContact ? ticket.createdByContactID : null, ticket.assignedResourceID ?? ticket.creatorResourceID);
  return { ...rec, ticketID: ticket.id, parentID: ticket.id, ticketNoteID: null, timeEntryID: null };
}

const PLAN: FileSpec = {
  title: 'Project plan',
  fullPath: 'project-plan.txt',
  contentType: 'text/plain',
  bytes: (name) => Buffer.from(`Project plan: ${name}\n1. Discovery and audit\n2. Build and configure\n3. Pilot group\n4. Cut-over weekend\n5. Hypercare (2 weeks)\n`),
};

export function projectAttachment(ctx: DemoContext, project: SeedRecord, id: number): SeedRecord {
  const at = Date.parse(project.createDateTime as string) + 2 * HOUR;
  return { ...attachment(ctx, id, PLAN, String(project.projectName), at, null, project.projectLeadResourceID), projectID: project.id, parentID: project.id };
}

const AGREEMENT: FileSpec = {
  title: 'Signed service agreement',
  fullPath: 'service-agreement-summary.txt',
  contentType: 'text/plain',
  bytes: (name) => Buffer.from(`Managed services agreement - ${name}\nTerm: 36 months\nService desk hours: 08:00-18:00 Mon-Fri\nSigned copy held by the account manager.\n`),
};

export function companyAttachment(ctx: DemoContext, company: SeedRecord, id: number): SeedRecord {
  const at = Date.parse(company.createDate as string) + 3 * HOUR;
  return { ...attachment(ctx, id, AGREEMENT, String(company.companyName), at, null, company.ownerResourceID), companyID: company.id, parentID: company.id };
}

const SCREENSHOT: FileSpec = TICKET_FILES[0];

/** A moment shortly after `from`, never after "now". */
const soonAfter = (ctx: DemoContext, from: unknown): number => Math.min(ctx.now, Date.parse(from as string) + ctx.rng.int(1, 30) * 60_000);

/**
 * Files pasted into ticket notes and time entries and attached to project notes: a few percent of
 * them, from their own random stream so the rest of the tenant is unchanged. File contents name
 * the ticket or project, not the note: notes are renumbered afterwards (creation-order.ts).
 */
export function addChildAttachments(ctx: DemoContext, counters: { attachmentId: number }): void {
  const { rng, records } = ctx;
  const nameOf = (entity: string, field: string) => new Map((records[entity] ?? []).map((r) => [r.id, String(r[field])]));
  const ticketNumber = nameOf('Tickets', 'ticketNumber');
  const projectName = nameOf('Projects', 'projectName');
  const list = (entity: string) => records[entity] ?? [];
  for (const note of list('TicketNotes')) {
    if (!rng.chance(0.05)) continue;
    const rec = attachment(ctx, counters.attachmentId++, rng.pick(TICKET_FILES), ticketNumber.get(note.ticketID as number)!, soonAfter(ctx, note.createDateTime), note.createdByContactID, note.creatorResourceID);
    add(ctx, 'TicketAttachments', { ...rec, ticketID: note.ticketID, ticketNoteID: note.id, timeEntryID: null, parentID: note.id });
  }
  for (const entry of list('TimeEntries')) {
    if (entry.ticketID === null || !rng.chance(0.05)) continue;
    // Attached once the entry exists (it is saved a few minutes after the work ends).
    const rec = attachment(ctx, counters.attachmentId++, SCREENSHOT, ticketNumber.get(entry.ticketID as number)!, soonAfter(ctx, entry.createDateTime), null, entry.resourceID);
    add(ctx, 'TicketAttachments', { ...rec, ticketID: entry.ticketID, ticketNoteID: null, timeEntryID: entry.id, parentID: entry.id });
  }
  for (const note of list('ProjectNotes')) {
    if (!rng.chance(0.3)) continue;
    const rec = attachment(ctx, counters.attachmentId++, PLAN, projectName.get(note.projectID as number)!, soonAfter(ctx, note.createDateTime), null, note.creatorResourceID);
    add(ctx, 'ProjectAttachments', { ...rec, projectID: note.projectID, projectNoteID: note.id, parentID: note.id });
  }
}
