/**
 * Picklists of the demo tenant, as /entityInformation/fields would list them. Values are strings
 * (as Autotask sends them); records carry the integer. Values follow the reference where it
 * states them (Tickets.status 1 = New / 5 = Complete, ticketType, priority, companyType,
 * timeEntryType), note publish values follow live tenants, and the rest are realistic choices.
 *
 * Open vs closed tickets: Autotask has no "closed" flag on a status. The system value 5 =
 * Complete is closed; tenants add their own closed-type statuses. By the one rule
 * (autotask/closed-statuses.ts) the demo tenant's closed statuses are Complete (5) and
 * Cancelled (21); every other status is open.
 */
import type { PicklistValue } from '../autotask/types.js';

export type Entry = [value: number | string, label: string, opts?: { isDefault?: boolean; system?: boolean; inactive?: boolean; parent?: number }];

export function list(entries: Entry[]): PicklistValue[] {
  return entries.map(([value, label, opts], i) => ({
    value: String(value),
    label,
    isDefaultValue: opts?.isDefault ?? false,
    sortOrder: i + 1,
    parentValue: opts?.parent === undefined ? '' : String(opts.parent),
    isActive: !(opts?.inactive ?? false),
    isSystem: opts?.system ?? false,
  }));
}

export const TICKET_STATUS = {
  New: 1,
  Complete: 5,
  WaitingCustomer: 7,
  InProgress: 8,
  WaitingMaterials: 9,
  Scheduled: 10,
  Escalated: 11,
  WaitingVendor: 12,
  OnHold: 17,
  CustomerNoteAdded: 19,
  Cancelled: 21,
} as const;

export const TICKET_PRIORITY = { High: 1, Medium: 2, Low: 3, Critical: 4 } as const;
export const TICKET_TYPE = { ServiceRequest: 1, Incident: 2, Problem: 3, ChangeRequest: 4, Alert: 5 } as const;
export const TICKET_SOURCE = { ClientPortal: 1, Phone: 2, Email: 4, MonitoringAlert: 6, InPerson: 8, WebForm: 11 } as const;

export const QUEUE = {
  ServiceDesk: 29683354,
  Escalations: 29683360,
  ProjectsOnboarding: 29683361,
  MonitoringAlerts: 29683362,
  Procurement: 29683363,
  ClientPortal: 29682833,
} as const;

export const ISSUE = {
  Hardware: 1,
  Software: 2,
  Network: 3,
  EmailCollaboration: 4,
  Security: 5,
  BackupRecovery: 6,
  UserAccounts: 7,
  Printing: 8,
} as const;

/** Sub-issue types: value -> [label, parent issue type]. Dependent picklist (parentValue). */
export const SUB_ISSUE: Record<number, [string, number]> = {
  101: ['Laptop / Desktop', ISSUE.Hardware],
  102: ['Server', ISSUE.Hardware],
  103: ['Peripherals', ISSUE.Hardware],
  201: ['Line-of-business Application', ISSUE.Software],
  202: ['Windows / OS', ISSUE.Software],
  203: ['Licensing', ISSUE.Software],
  301: ['Internet / WAN', ISSUE.Network],
  302: ['Wi-Fi', ISSUE.Network],
  303: ['VPN / Remote Access', ISSUE.Network],
  401: ['Microsoft 365 Mailbox', ISSUE.EmailCollaboration],
  402: ['Teams / SharePoint', ISSUE.EmailCollaboration],
  501: ['Phishing / Suspicious Email', ISSUE.Security],
  502: ['Antivirus / EDR Alert', ISSUE.Security],
  503: ['MFA / Conditional Access', ISSUE.Security],
  601: ['Backup Job Failure', ISSUE.BackupRecovery],
  602: ['File Restore Request', ISSUE.BackupRecovery],
  701: ['New Starter', ISSUE.UserAccounts],
  702: ['Leaver', ISSUE.UserAccounts],
  703: ['Password Reset / Lockout', ISSUE.UserAccounts],
  801: ['Printer Offline', ISSUE.Printing],
  802: ['Scan to Email', ISSUE.Printing],
};

/** Attachments' publish: 1 is visible to client portal users, 2 is internal. */
export const NOTE_PUBLISH = { AllAutotaskUsers: 1, InternalOnly: 2 } as const;
/**
 * Ticket (and task) note publish as a live tenant lists it: there is no 3 (sandbox log of
 * TicketNotes/entityInformation/fields). 4 is read by the client's co-managing IT staff.
 */
export const TICKET_NOTE_PUBLISH = { AllAutotaskUsers: 1, InternalProjectTeam: 2, InternalAndCoManaged: 4 } as const;
/** Project note publish: 3 = Project Team (WYRE-AI/autotask-mcp #41). */
export const PROJECT_NOTE_PUBLISH = { AllAutotaskUsers: 1, InternalProjectTeam: 2, ProjectTeam: 3 } as const;
export const NOTE_TYPE = { General: 1, ClientCommunication: 2, InternalTechnical: 3, WorkflowRule: 13, Resolution: 18 } as const;
export const TIME_ENTRY_TYPE = { Regular: 1, Ticket: 2, ProjectTask: 6 } as const;
export const COMPANY_TYPE = { Customer: 1, Lead: 2, Prospect: 3, Dead: 4, Cancellation: 6, Vendor: 7, Partner: 8 } as const;
export const PROJECT_STATUS = { Inactive: 0, New: 1, InProgress: 2, OnHold: 3, Complete: 5 } as const;
export const PROJECT_TYPE = { Proposal: 2, Template: 3, Internal: 4, Client: 5, Baseline: 8 } as const;
export const TASK_STATUS = { New: 1, InProgress: 2, WaitingCustomer: 7, Complete: 5 } as const;
export const PERSON_TYPE = { Resource: 1, Contact: 2 } as const;
export const ACTION_TYPE = { PhoneCall: 1, Meeting: 2, Email: 3, GeneralNote: 4, QuarterlyReview: 6 } as const;
export const CONTRACT_TYPE = { TimeAndMaterials: 1, FixedPrice: 2, BlockHours: 3, Retainer: 4, PerTicket: 5, RecurringService: 7 } as const;
export const CI_TYPE = { Workstation: 1, Server: 2, NetworkDevice: 3, Printer: 4, Firewall: 5 } as const;

const noteType = list([
  [NOTE_TYPE.General, 'General', { isDefault: true, system: true }],
  [NOTE_TYPE.ClientCommunication, 'Client Communication'],
  [NOTE_TYPE.InternalTechnical, 'Internal Technical Note'],
  [NOTE_TYPE.WorkflowRule, 'Workflow Rule Action Note', { system: true }],
  [NOTE_TYPE.Resolution, 'Resolution'],
]);
const publish = list([
  [NOTE_PUBLISH.AllAutotaskUsers, 'All Autotask Users', { system: true }],
  [NOTE_PUBLISH.InternalOnly, 'Internal Only', { isDefault: true, system: true }],
]);
// Ticket/Task note types share one Publish To list (Autotask help, "Note types").
const ticketNotePublish = list([
  [TICKET_NOTE_PUBLISH.AllAutotaskUsers, 'All Autotask Users', { system: true }],
  [TICKET_NOTE_PUBLISH.InternalProjectTeam, 'Internal Project Team', { isDefault: true, system: true }],
  [TICKET_NOTE_PUBLISH.InternalAndCoManaged, 'Internal & Co-Managed', { system: true }],
]);
const projectNotePublish = list([
  [PROJECT_NOTE_PUBLISH.AllAutotaskUsers, 'All Autotask Users', { system: true }],
  [PROJECT_NOTE_PUBLISH.InternalProjectTeam, 'Internal Project Team', { isDefault: true, system: true }],
  [PROJECT_NOTE_PUBLISH.ProjectTeam, 'Project Team', { system: true }],
]);
const personType = list([
  [PERSON_TYPE.Resource, 'Resource', { system: true }],
  [PERSON_TYPE.Contact, 'Contact', { system: true }],
]);

export function demoPicklists(): Record<string, Record<string, PicklistValue[]>> {
  return {
    Tickets: {
      status: list([
        [TICKET_STATUS.New, 'New', { isDefault: true, system: true }],
        [TICKET_STATUS.InProgress, 'In Progress'],
        [TICKET_STATUS.WaitingCustomer, 'Waiting Customer'],
        [TICKET_STATUS.WaitingVendor, 'Waiting Vendor'],
        [TICKET_STATUS.WaitingMaterials, 'Waiting Materials', { inactive: true }],
        [TICKET_STATUS.Scheduled, 'Scheduled'],
        [TICKET_STATUS.Escalated, 'Escalated'],
        [TICKET_STATUS.OnHold, 'On Hold'],
        [TICKET_STATUS.CustomerNoteAdded, 'Customer Note Added'],
        [TICKET_STATUS.Complete, 'Complete', { system: true }],
        [TICKET_STATUS.Cancelled, 'Cancelled'],
      ]),
      priority: list([
        [TICKET_PRIORITY.Critical, 'Critical'],
        [TICKET_PRIORITY.High, 'High'],
        [TICKET_PRIORITY.Medium, 'Medium', { isDefault: true }],
        [TICKET_PRIORITY.Low, 'Low'],
      ]),
      queueID: list([
        [QUEUE.ServiceDesk, 'Service Desk', { isDefault: true }],
        [QUEUE.Escalations, 'Escalations (Level 2)'],
        [QUEUE.MonitoringAlerts, 'Monitoring Alerts'],
        [QUEUE.ProjectsOnboarding, 'Projects & Onboarding'],
        [QUEUE.Procurement, 'Procurement'],
        [QUEUE.ClientPortal, 'Client Portal'],
      ]),
      issueType: list([
        [ISSUE.Hardware, 'Hardware'],
        [ISSUE.Software, 'Software'],
        [ISSUE.Network, 'Network & Connectivity'],
        [ISSUE.EmailCollaboration, 'Email & Collaboration'],
        [ISSUE.Security, 'Security'],
        [ISSUE.BackupRecovery, 'Backup & Recovery'],
        [ISSUE.UserAccounts, 'User Accounts'],
        [ISSUE.Printing, 'Printing & Scanning'],
      ]),
      subIssueType: list(Object.entries(SUB_ISSUE).map(([v, [label, parent]]): Entry => [Number(v), label, { parent }])),
      source: list([
        [TICKET_SOURCE.ClientPortal, 'Client Portal'],
        [TICKET_SOURCE.Phone, 'Phone', { isDefault: true }],
        [TICKET_SOURCE.Email, 'Email'],
        [TICKET_SOURCE.MonitoringAlert, 'Monitoring Alert', { system: true }],
        [TICKET_SOURCE.InPerson, 'In Person / Walk-up'],
        [TICKET_SOURCE.WebForm, 'Web Form'],
      ]),
      ticketType: list([
        [TICKET_TYPE.ServiceRequest, 'Service Request', { isDefault: true, system: true }],
        [TICKET_TYPE.Incident, 'Incident', { system: true }],
        [TICKET_TYPE.Problem, 'Problem', { system: true }],
        [TICKET_TYPE.ChangeRequest, 'Change Request', { system: true }],
        [TICKET_TYPE.Alert, 'Alert', { system: true }],
      ]),
      ticketCategory: list([
        [2, 'Standard', { isDefault: true }],
        [3, 'RMM Alert'],
        [4, 'Change Management'],
      ]),
      serviceLevelAgreementID: list([
        [1, 'Standard Business Hours SLA'],
        [2, 'Premium 24x7 SLA'],
      ]),
      creatorType: personType,
      lastActivityPersonType: personType,
    },
    TicketNotes: { noteType, publish: ticketNotePublish },
    TaskNotes: { noteType, publish: ticketNotePublish },
    ProjectNotes: { noteType, publish: projectNotePublish },
    TicketAttachments: { publish },
    ProjectAttachments: { publish },
    CompanyAttachments: { publish },
    CompanyNotes: {
      actionType: list([
        [ACTION_TYPE.PhoneCall, 'Phone Call'],
        [ACTION_TYPE.Meeting, 'Meeting'],
        [ACTION_TYPE.Email, 'Email'],
        [ACTION_TYPE.GeneralNote, 'General Note', { isDefault: true }],
        [ACTION_TYPE.QuarterlyReview, 'Quarterly Business Review'],
      ]),
    },
    Companies: {
      companyType: list([
        [COMPANY_TYPE.Customer, 'Customer', { isDefault: true, system: true }],
        [COMPANY_TYPE.Lead, 'Lead'],
        [COMPANY_TYPE.Prospect, 'Prospect'],
        [COMPANY_TYPE.Dead, 'Dead'],
        [COMPANY_TYPE.Cancellation, 'Cancellation'],
        [COMPANY_TYPE.Vendor, 'Vendor'],
        [COMPANY_TYPE.Partner, 'Partner'],
      ]),
    },
    Projects: {
      status: list([
        [PROJECT_STATUS.Inactive, 'Inactive'],
        [PROJECT_STATUS.New, 'New', { isDefault: true, system: true }],
        [PROJECT_STATUS.InProgress, 'In Progress'],
        [PROJECT_STATUS.OnHold, 'On Hold'],
        [PROJECT_STATUS.Complete, 'Complete', { system: true }],
      ]),
      projectType: list([
        [PROJECT_TYPE.Proposal, 'Proposal'],
        [PROJECT_TYPE.Template, 'Template'],
        [PROJECT_TYPE.Internal, 'Internal'],
        [PROJECT_TYPE.Client, 'Client', { isDefault: true }],
        [PROJECT_TYPE.Baseline, 'Baseline'],
      ]),
      department: list([
        [1, 'Service Delivery'],
        [2, 'Professional Services'],
      ]),
    },
    Tasks: {
      status: list([
        [TASK_STATUS.New, 'New', { isDefault: true, system: true }],
        [TASK_STATUS.InProgress, 'In Progress'],
        [TASK_STATUS.WaitingCustomer, 'Waiting Customer'],
        [TASK_STATUS.Complete, 'Complete', { system: true }],
      ]),
      taskType: list([
        [1, 'Fixed Work', { isDefault: true, system: true }],
        [2, 'Fixed Duration', { system: true }],
      ]),
      departmentID: list([
        [1, 'Service Delivery'],
        [2, 'Professional Services'],
      ]),
      priorityLabel: list([
        [1, 'High'],
        [2, 'Medium', { isDefault: true }],
        [3, 'Low'],
      ]),
    },
    TimeEntries: {
      timeEntryType: list([
        [TIME_ENTRY_TYPE.Regular, 'Regular Time', { system: true }],
        [TIME_ENTRY_TYPE.Ticket, 'ITServiceRequest', { system: true }],
        [TIME_ENTRY_TYPE.ProjectTask, 'ProjectTask', { system: true }],
      ]),
    },
    Resources: {
      resourceType: list([
        ['Employee', 'Employee', { isDefault: true }],
        ['Contractor', 'Contractor'],
      ]),
      userType: list([
        [1, 'Administrator'],
        [7, 'Technician', { isDefault: true }],
        [9, 'Dispatcher'],
        [16, 'API User (system)', { system: true }],
      ]),
      licenseType: list([
        [1, 'Full'],
        [3, 'Resource Scheduling'],
        [7, 'API User', { system: true }],
      ]),
      locationID: list([[1, 'Head Office (Bristol)', { isDefault: true }], [2, 'Manchester Office']]),
      emailTypeCode: list([['PRIMARY', 'Primary', { isDefault: true }], ['HOME', 'Home']]),
      numberFormat: list([['X,XXX.XX', 'X,XXX.XX', { isDefault: true }]]),
      payrollType: list([
        [1, 'Salaried', { isDefault: true }],
        [2, 'Hourly'],
      ]),
    },
    Contracts: {
      contractType: list([
        [CONTRACT_TYPE.TimeAndMaterials, 'Time & Materials'],
        [CONTRACT_TYPE.FixedPrice, 'Fixed Price'],
        [CONTRACT_TYPE.BlockHours, 'Block Hours'],
        [CONTRACT_TYPE.Retainer, 'Retainer'],
        [CONTRACT_TYPE.PerTicket, 'Per Ticket'],
        [CONTRACT_TYPE.RecurringService, 'Recurring Service'],
      ]),
      status: list([
        [0, 'Inactive'],
        [1, 'Active', { isDefault: true }],
      ]),
      timeReportingRequiresStartAndStopTimes: list([
        [0, 'No', { isDefault: true }],
        [1, 'Yes'],
      ]),
    },
    ConfigurationItems: {
      configurationItemType: list([
        [CI_TYPE.Workstation, 'Workstation'],
        [CI_TYPE.Server, 'Server'],
        [CI_TYPE.NetworkDevice, 'Network Device'],
        [CI_TYPE.Printer, 'Printer'],
        [CI_TYPE.Firewall, 'Firewall'],
      ]),
    },
  };
}
