/** A few projects with phases, tasks, task time, project notes and task notes. */
import { add, DAY, HOUR, iso, isoDate, quarterHours, workingTime, ymd, type DemoContext } from './context.js';
import type { Org } from './org.js';
import { projectAttachment } from './attachments.js';
import { NOTE_TYPE, PROJECT_NOTE_PUBLISH, PROJECT_STATUS, PROJECT_TYPE, TASK_STATUS, TICKET_NOTE_PUBLISH, TIME_ENTRY_TYPE } from './picklists.js';
import type { TicketCounters } from './tickets.js';

interface ProjectPlan {
  name: string;
  /** Index into org.customers, or -1 for the MSP's own (internal) project. */
  customer: number;
  status: number;
  /** Days from now the record was created: ascending along PLANS, as project ids (5100...) follow creation. */
  created: number;
  /** Days from now: negative = in the past. */
  start: number;
  lengthDays: number;
  description: string;
  phases: Array<[title: string, tasks: string[]]>;
}

const PLANS: ProjectPlan[] = [
  {
    name: 'Microsoft 365 Migration', customer: 0, status: PROJECT_STATUS.InProgress, created: -75, start: -40, lengthDays: 75,
    description: 'Migrate on-premises Exchange and file shares to Microsoft 365 (Exchange Online, SharePoint, Teams).',
    phases: [
      ['Discovery', ['Audit mailboxes and shared drives', 'Agree migration schedule with client']],
      ['Build', ['Configure tenant, domains and security defaults', 'Set up SharePoint sites and permissions', 'Pilot migration for IT champions']],
      ['Cut-over', ['Migrate mailboxes (weekend)', 'Migrate file shares', 'Hypercare and user training']],
    ],
  },
  {
    name: 'Server Refresh 2026', customer: 1, status: PROJECT_STATUS.InProgress, created: -65, start: -20, lengthDays: 50,
    description: 'Replace the ageing file and application servers with new hardware and Windows Server 2025.',
    phases: [
      ['Procurement', ['Order server hardware', 'Order licences']],
      ['Build and migrate', ['Rack and build new server', 'Migrate file shares', 'Migrate line-of-business application', 'Decommission old servers']],
    ],
  },
  {
    name: 'New Office Network Fit-out', customer: 3, status: PROJECT_STATUS.New, created: -60, start: 10, lengthDays: 30,
    description: 'Structured cabling, switching and Wi-Fi for the new second-floor office.',
    phases: [
      ['Design', ['Site survey', 'Network design and quote']],
      ['Installation', ['Install switches and access points', 'Configure VLANs and guest Wi-Fi', 'Handover and documentation']],
    ],
  },
  {
    name: 'Firewall Replacement', customer: 4, status: PROJECT_STATUS.Complete, created: -55, start: -45, lengthDays: 21,
    description: 'Replace end-of-life firewall with a next-generation firewall and site-to-site VPN.',
    phases: [['Delivery', ['Pre-stage firewall configuration', 'Install and cut over out of hours', 'Verify VPN and remote access']]],
  },
  {
    name: 'RMM Platform Migration', customer: -1, status: PROJECT_STATUS.InProgress, created: -44, start: -30, lengthDays: 120,
    description: 'Internal: move all managed endpoints to the new RMM platform and rebuild monitoring policies.',
    phases: [
      ['Preparation', ['Define monitoring policies', 'Build deployment packages']],
      ['Roll-out', ['Deploy agents to pilot clients', 'Deploy agents to all clients', 'Retire old RMM agents']],
    ],
  },
  {
    name: 'Client Onboarding', customer: 5, status: PROJECT_STATUS.OnHold, created: -30, start: -15, lengthDays: 30,
    description: 'Onboard new client: documentation, agent deployment, backup and security baseline.',
    phases: [['Onboarding', ['Collect credentials and documentation', 'Deploy RMM and EDR agents', 'Configure backups', 'Security baseline review']]],
  },
];

export function buildProjects(ctx: DemoContext, org: Org, counters: TicketCounters): void {
  const { rng } = ctx;
  let projectId = 5100;
  let phaseId = 6100;
  let taskId = 7100;
  let projectNoteId = 30500000;
  let taskNoteId = 30600000;
  const perDay = new Map<string, number>();
  const number = (prefix: string, at: number) => {
    const key = `${prefix}${ymd(at)}`;
    const seq = (perDay.get(key) ?? 0) + 1;
    perDay.set(key, seq);
    return `${key}.${String(seq).padStart(4, '0')}`;
  };
  for (const plan of PLANS) {
    const company = plan.customer < 0 ? org.msp : org.customers[plan.customer % org.customers.length];
    const companyId = company.id;
    const lead = org.projectLeads[projectId % org.projectLeads.length];
    const start = Math.floor((ctx.now + plan.start * DAY) / DAY) * DAY + 9 * HOUR;
    const end = start + plan.lengthDays * DAY;
    const created = Math.floor((ctx.now + plan.created * DAY) / DAY) * DAY + 9 * HOUR;
    const done = plan.status === PROJECT_STATUS.Complete;
    const progress = done ? 1 : plan.start >= 0 ? 0 : Math.min(0.9, -plan.start / plan.lengthDays);
    const project = add(ctx, 'Projects', {
      id: projectId++, projectName: plan.name, projectNumber: number('P', created), companyID: companyId,
      projectType: plan.customer < 0 ? PROJECT_TYPE.Internal : PROJECT_TYPE.Client, status: plan.status,
      startDateTime: iso(start), endDateTime: iso(end), description: plan.description, projectLeadResourceID: lead,
      createDateTime: iso(created), creatorResourceID: lead, department: 2, contractID: org.contractByCompany.get(companyId) ?? null,
      completedDateTime: done ? iso(end) : null, completedPercentage: Math.round(progress * 100),
      lastActivityDateTime: iso(Math.min(ctx.now - HOUR, Math.max(created, start + (end - start) * progress))),
      statusDetail: plan.status === PROJECT_STATUS.OnHold ? 'Waiting for client to supply admin credentials.' : '',
      userDefinedFields: [{ name: 'Budget Approved By', value: plan.customer < 0 ? null : 'Managing Director' }],
    });
    add(ctx, 'ProjectAttachments', projectAttachment(ctx, project, counters.attachmentId++));
    const taskCount = plan.phases.reduce((n, [, tasks]) => n + tasks.length, 0);
    let taskIndex = 0;
    plan.phases.forEach(([title, tasks], p) => {
      const phase = add(ctx, 'Phases', {
        id: phaseId++, projectID: project.id, title, description: `${title} phase`, phaseNumber: `${p + 1}`,
        startDate: iso(start + (p / plan.phases.length) * (end - start)), dueDate: iso(start + ((p + 1) / plan.phases.length) * (end - start)),
        estimatedHours: tasks.length * 6, createDate: iso(created), creatorResourceID: lead, isScheduled: true,
      });
      for (const taskTitle of tasks) {
        const position = taskIndex++ / taskCount;
        const taskStart = start + position * (end - start);
        const taskEnd = taskStart + Math.max(DAY, (end - start) / taskCount);
        const status = done || taskEnd < ctx.now ? TASK_STATUS.Complete : taskStart < ctx.now ? rng.pick([TASK_STATUS.InProgress, TASK_STATUS.WaitingCustomer]) : TASK_STATUS.New;
        const worker = rng.pick(org.technicians.filter((t) => t.key === 'level2' || t.key === 'network' || t.key === 'field'));
        const estimated = quarterHours(rng.int(2, 12));
        const task = add(ctx, 'Tasks', {
          id: taskId++, projectID: project.id, phaseID: phase.id, title: taskTitle, description: `${taskTitle} for ${company.companyName}.`,
          status, taskType: 1, priorityLabel: 2, assignedResourceID: worker.id, assignedResourceRoleID: worker.roleId,
          billingCodeID: companyId === 0 ? org.billingCode.internal : org.billingCode.project, departmentID: 2, estimatedHours: estimated,
          remainingHours: status === TASK_STATUS.Complete ? 0 : estimated, startDateTime: iso(taskStart), endDateTime: iso(taskEnd),
          createDateTime: iso(created), creatorResourceID: lead, taskNumber: number('T', created),
          completedDateTime: status === TASK_STATUS.Complete ? iso(Math.min(taskEnd, ctx.now - HOUR)) : null,
          completedByResourceID: status === TASK_STATUS.Complete ? worker.id : null, isVisibleInClientPortal: companyId !== 0,
          canClientPortalUserCompleteTask: false, lastActivityDateTime: iso(Math.min(ctx.now - HOUR, Math.max(created, taskStart))),
        });
        if (status === TASK_STATUS.New) continue;
        // Task time: worked between the task start and now (or its end).
        const entries = rng.int(2, 5);
        for (let k = 0; k < entries; k++) {
          const lastDay = Math.min(taskEnd, ctx.now - DAY);
          const begin = workingTime(taskStart + rng.next() * Math.max(0, lastDay - taskStart), rng);
          const hours = quarterHours(rng.int(1, 12) / 4 + 0.5);
          if (begin + hours * HOUR > ctx.now) continue;
          add(ctx, 'TimeEntries', {
            id: counters.timeEntryId++, taskID: task.id, ticketID: null, resourceID: worker.id, roleID: worker.roleId,
            dateWorked: isoDate(begin), startDateTime: iso(begin), endDateTime: iso(begin + hours * HOUR), hoursWorked: hours,
            hoursToBill: companyId === 0 ? 0 : hours, summaryNotes: `${taskTitle}: progress update.`, internalNotes: '',
            isNonBillable: companyId === 0, showOnInvoice: companyId !== 0, timeEntryType: TIME_ENTRY_TYPE.ProjectTask,
            billingCodeID: task.billingCodeID, contractID: project.contractID, createDateTime: iso(begin + hours * HOUR + 10 * 60_000),
            lastModifiedDateTime: iso(begin + hours * HOUR + 10 * 60_000), creatorUserID: worker.id, lastModifiedUserID: worker.id,
          });
        }
        if (rng.chance(0.4)) {
          const at = Math.min(ctx.now - HOUR, taskStart + DAY);
          add(ctx, 'TaskNotes', {
            id: taskNoteId++, taskID: task.id, title: 'Progress', description: `Started "${taskTitle}". No blockers so far.`,
            noteType: NOTE_TYPE.General, publish: TICKET_NOTE_PUBLISH.InternalProjectTeam, creatorResourceID: worker.id, createdByContactID: null,
            createDateTime: iso(at), lastActivityDate: iso(at),
          });
        }
      }
    });
    const notes: Array<[string, string, number, number]> = [
      ['Kick-off meeting', `Kick-off held with ${company.companyName}. Scope and timeline agreed.`, NOTE_TYPE.ClientCommunication, PROJECT_NOTE_PUBLISH.AllAutotaskUsers],
      ['Risk: client availability', 'Key client contact on leave for two weeks mid-project; schedule cut-over accordingly.', NOTE_TYPE.InternalTechnical, PROJECT_NOTE_PUBLISH.InternalProjectTeam],
      ['Weekly status', 'On track. Next milestone due end of next week.', NOTE_TYPE.General, PROJECT_NOTE_PUBLISH.AllAutotaskUsers],
    ];
    for (const [title, description, noteType, publish] of notes.slice(0, plan.start >= 0 ? 1 : notes.length)) {
      const at = Math.min(ctx.now - HOUR, created + rng.int(1, 20) * DAY);
      add(ctx, 'ProjectNotes', {
        id: projectNoteId++, projectID: project.id, title, description, noteType, publish, isAnnouncement: false,
        creatorResourceID: lead, createdByContactID: null, createDateTime: iso(at), lastActivityDate: iso(at),
      });
    }
  }
}
