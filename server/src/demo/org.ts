/**
 * The demo MSP and its clients: companies (id 0 is the MSP itself, as in Autotask), locations,
 * contacts, technicians (Resources) with roles and queues, work types, products, contracts,
 * configuration items, action types and company notes.
 */
import type { SeedRecord } from '../fake/types.js';
import { add, DAY, HOUR, iso, isoDate, slug, workingTime, type DemoContext } from './context.js';
import { ACTION_TYPE, CI_TYPE, COMPANY_TYPE, CONTRACT_TYPE, QUEUE } from './picklists.js';
import { CLIENT_COMPANIES, CONTACT_TITLES, FIRST_NAMES, LAST_NAMES, MSP_NAME, TECHNICIANS } from './text.js';

export const API_USER_RESOURCE_ID = 29682885;

/** Company records were created between these many days ago (the MSP first); tickets are newer. */
const FIRST_COMPANY_DAYS_AGO = 2500;
const LAST_COMPANY_DAYS_AGO = 200;

export interface Technician {
  id: number;
  key: string;
  roleId: number;
  queues: number[];
  onsite: boolean;
}

export interface Org {
  msp: SeedRecord;
  /** Active customer companies (they raise tickets). */
  customers: SeedRecord[];
  contactsByCompany: Map<number, SeedRecord[]>;
  locationByCompany: Map<number, number>;
  contractByCompany: Map<number, number>;
  cisByCompany: Map<number, SeedRecord[]>;
  /** Technicians that work tickets (excludes the account manager, the API user and leavers). */
  technicians: Technician[];
  projectLeads: number[];
  accountManagerId: number;
  billingCode: { remote: number; onsite: number; project: number; afterHours: number; internal: number };
}

const ROLES: Record<string, [name: string, rate: number]> = {
  level1: ['Service Desk Technician', 85],
  level2: ['Senior Engineer', 110],
  network: ['Network Engineer', 120],
  field: ['Field Engineer', 95],
  projectManager: ['Project Manager', 105],
  serviceDeskLead: ['Service Desk Manager', 100],
  accountManager: ['Account Manager', 0],
  security: ['Security Analyst', 125],
};

/** Queues each role works. */
const ROLE_QUEUES: Record<string, number[]> = {
  level1: [QUEUE.ServiceDesk, QUEUE.ClientPortal, QUEUE.MonitoringAlerts, QUEUE.Procurement],
  level2: [QUEUE.Escalations, QUEUE.ServiceDesk, QUEUE.MonitoringAlerts, QUEUE.ProjectsOnboarding],
  network: [QUEUE.Escalations, QUEUE.ServiceDesk, QUEUE.MonitoringAlerts],
  field: [QUEUE.ServiceDesk, QUEUE.ProjectsOnboarding],
  projectManager: [QUEUE.ProjectsOnboarding],
  serviceDeskLead: [QUEUE.ServiceDesk, QUEUE.Escalations, QUEUE.Procurement],
  security: [QUEUE.Escalations, QUEUE.MonitoringAlerts],
};

const TYPE_BY_NAME: Record<string, number> = {
  'Summit Networks Distribution': COMPANY_TYPE.Vendor,
  'Greyfriars Consulting': COMPANY_TYPE.Prospect,
  'Ironbridge Builders Merchants': COMPANY_TYPE.Lead,
  'Foxglove Florists': COMPANY_TYPE.Cancellation,
};

function phone(ctx: DemoContext, prefix = '0117'): string {
  return `${prefix} ${ctx.rng.int(100, 999)} ${String(ctx.rng.int(0, 9999)).padStart(4, '0')}`;
}

function buildResources(ctx: DemoContext): { technicians: Technician[]; projectLeads: number[]; accountManagerId: number } {
  const roleIds: Record<string, number> = {};
  Object.entries(ROLES).forEach(([key, [name, rate]], i) => {
    roleIds[key] = 29683355 + i;
    add(ctx, 'Roles', {
      id: roleIds[key], name, description: `${name} (standard rate)`, hourlyFactor: 1, hourlyRate: rate,
      isActive: true, isExcludedFromNewContracts: key === 'accountManager', isSystemRole: false,
    });
  });
  // The MSP's internal locations (Resources.locationID): both in the UK, Microsoft time zone index
  // 85 = GMT Standard Time (Europe/London). The default one is the tenant's time zone.
  add(ctx, 'InternalLocations', { id: 1, name: 'Head Office (Bristol)', isDefault: true, timeZone: '85', city: 'Bristol', postalCode: 'BS1 4DJ', country: 'United Kingdom', holidaySetId: null });
  add(ctx, 'InternalLocations', { id: 2, name: 'Manchester Office', isDefault: false, timeZone: '85', city: 'Manchester', postalCode: 'M1 1AE', country: 'United Kingdom', holidaySetId: null });
  const hire = (years: number) => isoDate(ctx.now - years * 365 * DAY - ctx.rng.int(0, 300) * DAY);
  const base = { emailTypeCode: 'PRIMARY', numberFormat: 'X,XXX.XX', payrollType: 1, licenseType: 1, isActive: true };
  add(ctx, 'Resources', {
    ...base, id: API_USER_RESOURCE_ID, firstName: 'MCP', lastName: 'API User', email: 'api-mcp@harbourline.example',
    userName: 'api-mcp', resourceType: 'Employee', userType: 16, licenseType: 7, locationID: 1, hireDate: hire(1),
    title: 'API-only user (cannot be assigned work)',
  });
  const technicians: Technician[] = [];
  const projectLeads: number[] = [];
  let accountManagerId = 0;
  let serviceDeskRoleId = 1000;
  let queueLinkId = 3000;
  TECHNICIANS.forEach(([first, last, title, key], i) => {
    const id = 29682901 + i;
    const roleId = roleIds[key];
    const userName = `${first}.${last}`.toLowerCase();
    add(ctx, 'Resources', {
      ...base, id, firstName: first, lastName: last, email: `${userName}@harbourline.example`, userName, title,
      resourceType: i === 10 ? 'Contractor' : 'Employee', userType: key === 'serviceDeskLead' ? 1 : 7,
      locationID: i % 5 === 4 ? 2 : 1, hireDate: hire(1 + (i % 7)), officePhone: '0117 496 0100', officeExtension: String(200 + i),
      mobilePhone: phone(ctx, '07700'), defaultServiceDeskRoleID: key === 'accountManager' ? null : roleId,
    });
    if (key === 'accountManager') {
      accountManagerId = id;
      return;
    }
    const sdRoles = key === 'level2' || key === 'network' || key === 'security' ? [roleId, roleIds.level1] : [roleId];
    sdRoles.forEach((r, n) => add(ctx, 'ResourceServiceDeskRoles', { id: serviceDeskRoleId++, resourceID: id, roleID: r, isActive: true, isDefault: n === 0 }));
    const queues = ROLE_QUEUES[key] ?? [];
    for (const q of queues) add(ctx, 'ResourceRoleQueues', { id: queueLinkId++, resourceID: id, queueID: q });
    if (key === 'projectManager' || title === 'Technical Architect') projectLeads.push(id);
    if (queues.length > 0 && key !== 'projectManager') technicians.push({ id, key, roleId, queues, onsite: key === 'field' });
  });
  // A leaver: inactive, still referenced by old records in a real tenant, never assignable.
  add(ctx, 'Resources', {
    ...base, id: 29682899, firstName: 'Kieran', lastName: 'Doyle', email: 'kieran.doyle@harbourline.example', userName: 'kieran.doyle',
    title: 'Service Desk Technician (left)', resourceType: 'Employee', userType: 7, locationID: 1, hireDate: hire(5), isActive: false,
  });
  return { technicians, projectLeads, accountManagerId };
}

function buildCompanies(ctx: DemoContext, accountManagerId: number): Omit<Org, 'technicians' | 'projectLeads' | 'accountManagerId' | 'billingCode'> {
  const { rng } = ctx;
  const contactsByCompany = new Map<number, SeedRecord[]>();
  const locationByCompany = new Map<number, number>();
  const contractByCompany = new Map<number, number>();
  const cisByCompany = new Map<number, SeedRecord[]>();
  let locationId = 400;
  let contactId = 30700100;
  let contractId = 30131200;
  let ciId = 29690000;
  const all: Array<[string, string, string, string]> = [[MSP_NAME, 'Bristol', 'Avon', 'BS1 6BX'], ...CLIENT_COMPANIES.map((c) => [...c] as [string, string, string, string])];
  const companies: SeedRecord[] = [];
  // Ids follow creation (as Autotask assigns them): the MSP first, then its clients one after
  // another, each in its own slot of the years before the ticket history (which is shorter).
  const slotDays = Math.floor((FIRST_COMPANY_DAYS_AGO - LAST_COMPANY_DAYS_AGO) / all.length);
  const slotStart = (i: number) => ctx.now - (FIRST_COMPANY_DAYS_AGO - i * slotDays) * DAY;
  all.forEach(([name, city, state, postalCode], i) => {
    const id = i === 0 ? 0 : 100 + i * 3;
    const type = i === 0 ? COMPANY_TYPE.Customer : TYPE_BY_NAME[name] ?? COMPANY_TYPE.Customer;
    const created = slotStart(i) + rng.int(0, Math.floor(slotDays / 2)) * DAY;
    const slotEnd = slotStart(i + 1);
    const domain = `${slug(name).split('-').slice(0, 2).join('')}.example`;
    const company = add(ctx, 'Companies', {
      id, companyName: name, companyNumber: i === 0 ? 'HLIT' : `C${String(1000 + i)}`, companyType: type,
      phone: phone(ctx, city === 'Manchester' || city === 'Salford' || city === 'Stockport' ? '0161' : '0117'),
      address1: `${rng.int(1, 180)} ${rng.pick(['High Street', 'Station Road', 'Mill Lane', 'Park Row', 'Quay Street', 'Victoria Road'])}`,
      city, state, postalCode, webAddress: `https://www.${domain}`, isActive: type !== COMPANY_TYPE.Cancellation,
      ownerResourceID: accountManagerId, createDate: iso(created), createdByResourceID: accountManagerId,
      lastActivityDate: iso(ctx.now - rng.int(0, 30) * DAY - rng.int(0, 20) * HOUR), isTaxExempt: false,
      userDefinedFields: [
        { name: 'Customer Tier', value: type === COMPANY_TYPE.Customer && i > 0 ? rng.pick(['Gold', 'Silver', 'Bronze']) : null },
        { name: 'Onboarded Date', value: type === COMPANY_TYPE.Customer && i > 0 ? isoDate(created) : null },
      ],
    });
    companies.push(company);
    const locId = locationId++;
    locationByCompany.set(id, locId);
    add(ctx, 'CompanyLocations', {
      id: locId, companyID: id, name: 'Head Office', isPrimary: true, isActive: true, address1: company.address1,
      city, state, postalCode, phone: company.phone, isTaxExempt: false,
    });
    if (rng.chance(0.2)) {
      add(ctx, 'CompanyLocations', { id: locationId++, companyID: id, name: 'Branch Office', isPrimary: false, isActive: true, city, state, phone: phone(ctx), isTaxExempt: false });
    }
    // Contacts: 3–5 per customer, 1–2 elsewhere, none for the MSP (its staff are Resources).
    const n = i === 0 ? 0 : type === COMPANY_TYPE.Customer ? rng.int(3, 5) : rng.int(1, 2);
    const contacts: SeedRecord[] = [];
    for (let k = 0; k < n; k++) {
      const firstName = rng.pick(FIRST_NAMES);
      const lastName = rng.pick(LAST_NAMES);
      const email = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '') + `@${domain}`;
      // Added over the rest of the company's slot, so contact ids follow creation too.
      const cCreated = Math.floor((created + ((k + rng.next()) / n) * (slotEnd - created)) / 60_000) * 60_000;
      contacts.push(
        add(ctx, 'Contacts', {
          id: contactId++, companyID: id, firstName, lastName, emailAddress: email, title: rng.pick(CONTACT_TITLES),
          phone: company.phone, extension: String(rng.int(10, 60)), mobilePhone: rng.chance(0.6) ? phone(ctx, '07700') : null,
          // Integer 1/0 on Contacts (not boolean), as in Autotask.
          isActive: k === n - 1 && n > 2 && rng.chance(0.5) ? 0 : 1,
          primaryContact: k === 0, companyLocationID: locId, receivesEmailNotifications: k === 0 || rng.chance(0.5),
          createDate: iso(cCreated), lastModifiedDate: iso(ctx.now - rng.int(1, 120) * DAY),
          lastActivityDate: iso(ctx.now - rng.int(0, 60) * DAY),
          userDefinedFields: [{ name: 'Preferred Contact Method', value: rng.pick(['Email', 'Phone', 'Teams', null]) }],
        }),
      );
    }
    contactsByCompany.set(id, contacts);
    if (type === COMPANY_TYPE.Customer && i > 0 && rng.chance(0.55)) {
      const cid = contractId++;
      contractByCompany.set(id, cid);
      const start = Math.max(created, ctx.now - rng.int(60, 700) * DAY);
      const contractType = rng.weighted([[CONTRACT_TYPE.RecurringService, 6], [CONTRACT_TYPE.BlockHours, 2], [CONTRACT_TYPE.TimeAndMaterials, 1]] as const);
      add(ctx, 'Contracts', {
        id: cid, companyID: id, contactID: contacts[0]?.id ?? null, contractName: contractType === CONTRACT_TYPE.BlockHours ? `${name} - 20 Hour Block` : `${name} - Managed Services Agreement`,
        contractNumber: `MSA-${1000 + i}`, contractType, status: 1, startDate: isoDate(start), endDate: isoDate(start + 3 * 365 * DAY),
        timeReportingRequiresStartAndStopTimes: 0, isDefaultContract: true, estimatedHours: contractType === CONTRACT_TYPE.BlockHours ? 20 : 0,
        description: 'Fully managed IT support: service desk, monitoring, patching and backup.',
      });
    }
    if (type === COMPANY_TYPE.Customer && i > 0 && (contractByCompany.has(id) || rng.chance(0.3))) {
      const cis: SeedRecord[] = [];
      const prefix = slug(name).slice(0, 2).toUpperCase();
      for (const [ciType, label] of rng.sample([[CI_TYPE.Server, 'SRV-FS01'], [CI_TYPE.Firewall, 'FW01'], [CI_TYPE.Printer, 'MFP-01'], [CI_TYPE.Workstation, 'LT-0142'], [CI_TYPE.NetworkDevice, 'SW-01']] as const, rng.int(1, 3))) {
        cis.push(
          add(ctx, 'ConfigurationItems', {
            id: ciId++, companyID: id, productID: 29683600 + ciType - 1, configurationItemType: ciType, isActive: true,
            referenceTitle: `${prefix}-${label}`, serialNumber: `SN${rng.int(10_000_000, 99_999_999)}`,
            contactID: ciType === CI_TYPE.Workstation ? contacts[0]?.id ?? null : null, contractID: contractByCompany.get(id) ?? null,
            companyLocationID: locId, installDate: isoDate(created + rng.int(10, 200) * DAY),
            warrantyExpirationDate: isoDate(ctx.now + rng.int(-200, 900) * DAY), location: 'Head Office',
          }),
        );
      }
      cisByCompany.set(id, cis);
    }
  });
  const customers = companies.filter((c) => c.id !== 0 && c.companyType === COMPANY_TYPE.Customer && c.isActive === true);
  return { msp: companies[0], customers, contactsByCompany, locationByCompany, contractByCompany, cisByCompany };
}

function buildCatalogueData(ctx: DemoContext): Org['billingCode'] {
  const codes: Array<[string, string]> = [
    ['Remote Support', 'Remote support during business hours'],
    ['Onsite Support', 'Engineer on site'],
    ['Project Labour', 'Project work'],
    ['After Hours Support', 'Out-of-hours work (1.5x)'],
    ['Internal Admin', 'Non-billable internal work'],
  ];
  codes.forEach(([name, description], i) =>
    add(ctx, 'BillingCodes', { id: 29683502 + i, name, description, isActive: true, unitCost: 0, unitPrice: i === 4 ? 0 : 95, billingCodeType: 0, useType: 1 }),
  );
  const products: Array<[string, string, number]> = [
    ['Business Laptop 14"', 'Northlake', 899], ['Rack Server 1U', 'Northlake', 4200], ['Network Switch 24-port', 'Brightpath', 650],
    ['Multifunction Printer A3', 'Inkwell', 2100], ['Next-gen Firewall', 'Brightpath', 1450],
  ];
  products.forEach(([name, manufacturerName, unitPrice], i) =>
    add(ctx, 'Products', {
      id: 29683600 + i, name, manufacturerName, unitPrice, unitCost: Math.round(unitPrice * 0.8), isActive: true, isSerialized: true,
      productBillingCodeID: 29683502, sku: `SKU-${1000 + i}`, description: `${manufacturerName} ${name}`,
    }),
  );
  add(ctx, 'Departments', { id: 1, name: 'Service Delivery', number: 'SD', primaryLocationID: 1, description: 'Service desk and field engineering' });
  add(ctx, 'Departments', { id: 2, name: 'Professional Services', number: 'PS', primaryLocationID: 1, description: 'Projects' });
  const actions: Array<[number, string]> = [
    [ACTION_TYPE.PhoneCall, 'Phone Call'], [ACTION_TYPE.Meeting, 'Meeting'], [ACTION_TYPE.Email, 'Email'],
    [ACTION_TYPE.GeneralNote, 'General Note'], [ACTION_TYPE.QuarterlyReview, 'Quarterly Business Review'],
  ];
  for (const [id, name] of actions) add(ctx, 'ActionTypes', { id, name, isActive: true, isSystemActionType: id <= 4, view: 1 });
  return { remote: 29683502, onsite: 29683503, project: 29683504, afterHours: 29683505, internal: 29683506 };
}

const COMPANY_NOTES: Array<[number, string, string]> = [
  [ACTION_TYPE.QuarterlyReview, 'Quarterly business review', 'Reviewed ticket trends and patch compliance. Client wants to budget for laptop refresh next year.'],
  [ACTION_TYPE.PhoneCall, 'Renewal discussion', 'Discussed contract renewal; happy with service, asked about adding Teams phone system.'],
  [ACTION_TYPE.Meeting, 'Site visit', 'Walked the site with the office manager; comms cabinet needs tidying and a UPS battery replacement.'],
  [ACTION_TYPE.Email, 'Security awareness training', 'Sent proposal for phishing simulation and staff training.'],
  [ACTION_TYPE.GeneralNote, 'Key contacts changed', 'New office manager starting next month; update escalation contacts.'],
];

function buildCompanyNotes(ctx: DemoContext, org: Org): void {
  let id = 30400000;
  for (const company of [org.msp, ...org.customers]) {
    if (company.id === 0) continue;
    for (const [actionType, name, note] of ctx.rng.sample(COMPANY_NOTES, ctx.rng.int(1, 3))) {
      const start = workingTime(ctx.now - ctx.rng.int(2, 150) * DAY, ctx.rng);
      const contact = org.contactsByCompany.get(company.id)?.[0];
      add(ctx, 'CompanyNotes', {
        id: id++, companyID: company.id, actionType, name, note, assignedResourceID: org.accountManagerId, contactID: contact?.id ?? null,
        startDateTime: iso(start), endDateTime: iso(start + HOUR / 2), completedDateTime: iso(start + HOUR / 2),
        createDateTime: iso(start), lastModifiedDate: iso(start + HOUR),
      });
    }
  }
}

export function buildOrg(ctx: DemoContext): Org {
  const billingCode = buildCatalogueData(ctx);
  const people = buildResources(ctx);
  const companies = buildCompanies(ctx, people.accountManagerId);
  const org: Org = { ...companies, ...people, billingCode };
  buildCompanyNotes(ctx, org);
  return org;
}
