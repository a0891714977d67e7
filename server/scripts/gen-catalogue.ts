/**
 * Generates src/catalogue/entities.json from the Autotask REST reference document.
 *
 *   npx tsx scripts/gen-catalogue.ts [path-to-reference.md]
 *
 * (default ../../shared/reference/autotask-rest-api.md, relative to server/). Sources inside the
 * reference: §9 (root capabilities of all entities), §9.1 (parent–child collections), Appendix A
 * (field names/types, `!` = required) and the §7 field tables (R/O, NQ, picklist, ref, lengths),
 * which refine Appendix A for the core entities. Output is deterministic (sorted keys) so the
 * committed JSON can be compared with a fresh generation in tests.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalogue, ChildRoute, EntitySpec, FieldSpec, FieldType } from '../src/catalogue/types.js';

const SOURCE_LABEL = 'shared/reference/autotask-rest-api.md';

/** Entities the reference says carry UDFs (§4.4 limits, §7 capability lines). TimeEntries have none. */
const UDF_ENTITIES = new Set([
  'Tickets',
  'Companies',
  'Contacts',
  'Projects',
  'Tasks',
  'Contracts',
  'Opportunities',
  'Products',
  'SalesOrders',
  'OrganizationalLevel1s',
  'ConfigurationItems',
]);

/** §7.3: attachment fields the server fills in (read-only); applies to the whole attachment family. */
const ATTACHMENT_READ_ONLY = new Set([
  'attachDate',
  'attachedByResourceID',
  'attachedByContactID',
  'contentType',
  'fileSize',
  'parentID',
  'parentType',
  'isTaskAttachment',
]);

/**
 * Fields the official REST entity pages list under "Fields that cannot be queried ... will return
 * an error when queried". The reference's NQ flags come from SOAP metadata and miss these, so they
 * are recorded here with their source. A rule with a list of entities must match a field of each
 * listed entity the reference has (a typo fails generation); a predicate rule applies to the
 * entities it matches that have the field.
 */
const ATTACHMENT_PAGES_READ = ['ArticleAttachments', 'ConfigurationItemNoteAttachments', 'ProjectAttachments', 'TaskNoteAttachments', 'TicketNoteAttachments'];
interface QueryErrorRule {
  entities: string[] | ((entity: string) => boolean);
  fields: string[];
  source: (entity: string) => string;
}
const QUERY_ERRORS: QueryErrorRule[] = [
  { entities: ['Tasks'], fields: ['remainingHours'], source: () => 'official: Tasks entity page' },
  // The page spells it gLCode; the reference (and so the catalogue) glCode. Autotask matches names case-insensitively.
  { entities: ['ExpenseItems'], fields: ['glCode', 'isReimbursable', 'isRejected'], source: () => 'official: ExpenseItems entity page' },
  { entities: ['QuoteItems'], fields: ['averageCost', 'highestCost'], source: () => 'official: QuoteItems entity page' },
  { entities: ['Invoices'], fields: ['dueDate'], source: () => 'official: Invoices entity page' },
  { entities: ['BillingItems'], fields: ['lineItemFullDescription', 'lineItemGroupDescription'], source: () => 'official: BillingItems entity page' },
  { entities: ['AttachmentInfo'], fields: ['fileSize'], source: () => 'official: AttachmentInfo (REST API) entity page' },
  { entities: ['ContractBlocks'], fields: ['hoursApproved'], source: () => 'official: ContractBlocks entity page' },
  { entities: ['ContractRetainers'], fields: ['amountApproved'], source: () => 'official: ContractRetainers entity page' },
  // id is listed too; the one-filter rule of TicketHistory queries (src/fake/query-rules.ts) covers it.
  { entities: ['TicketHistory'], fields: ['action', 'detail', 'date', 'resourceID'], source: () => 'official: SOAP TicketHistory entity page' },
  {
    entities: (e) => e.endsWith('Attachments'),
    fields: ['creatorType', 'data', 'fileSize'],
    source: (e) =>
      ATTACHMENT_PAGES_READ.includes(e)
        ? `official: ${e} entity page`
        : 'official: the list on every attachment entity page read; this page not read (by analogy)',
  },
];

function applyQueryErrors(entity: string, fields: Map<string, FieldSpec>): void {
  for (const rule of QUERY_ERRORS) {
    const listed = Array.isArray(rule.entities);
    if (listed ? !(rule.entities as string[]).includes(entity) : !(rule.entities as (e: string) => boolean)(entity)) continue;
    for (const name of rule.fields) {
      const f = fields.get(name);
      if (!f) {
        if (listed) throw new Error(`QUERY_ERRORS: ${entity} has no field ${name} in the reference`);
        continue;
      }
      f.queryable = false;
      f.queryError = rule.source(entity);
    }
  }
}

/**
 * Note entities without a §7 table share TicketNotes' model (§7.2): the server sets the audit
 * fields, and their FKs follow the same naming. Applied by analogy, only to these entities.
 */
const NOTE_ANALOGUES = new Set(['ProjectNotes', 'TaskNotes', 'CompanyNotes']);
const NOTE_AUDIT_FIELDS = new Set([
  'createDateTime',
  'creatorResourceID',
  'impersonatorCreatorResourceID',
  'impersonatorUpdaterResourceID',
  'lastActivityDate',
  'lastModifiedDate',
]);

const APPENDIX_TYPES: Record<string, FieldType> = {
  long: 'long',
  int: 'integer',
  dbl: 'double',
  dt: 'datetime',
  bool: 'boolean',
  str: 'string',
  b64: 'base64',
  object: 'object',
  '?': 'unknown', // "long, short or byte[]" — the source does not distinguish
};

const SECTION7_TYPES: Record<string, FieldType> = {
  long: 'long',
  integer: 'integer',
  short: 'short',
  double: 'double',
  decimal: 'decimal',
  string: 'string',
  boolean: 'boolean',
  datetime: 'datetime',
  'base64 string': 'base64',
};

/**
 * Target entity type (singular, as Autotask's referenceEntityType) of a §7 "ref" field, by name.
 * Ordered: the first matching rule wins, so specific names come before suffix rules.
 */
const REFERENCE_RULES: Array<[RegExp, string]> = [
  // defaultServiceDeskRoleID holds a role id (the resource's default service desk role).
  [/^(assignedResourceRoleID|roleID|defaultServiceDeskRoleID)$/, 'Role'],
  [/(ResourceID|^resourceID|^installedByID|^approverID|^submitterID|^voidedByResourceID)$/, 'Resource'],
  [/^(createdByPersonID|lastActivityPersonID|lastModifiedBy)$/, 'Resource'],
  [/^(proposalProjectID)$/, 'Project'],
  [/(^|[a-z])(c|C)ompanyLocationID$/, 'CompanyLocation'],
  [/^(billToCompanyID|companyID|parentCompanyID)$/, 'Company'],
  [/(ContactID|^contactID)$/, 'Contact'],
  [/^(billingCodeID|internalBillingCodeID|setupFeeBillingCodeID)$/, 'BillingCode'],
  [/^(contractServiceBundleID)$/, 'ContractServiceBundle'],
  [/^(contractServiceID)$/, 'ContractService'],
  [/^(contractExclusionSetID)$/, 'ContractExclusionSet'],
  [/^(contractID|exclusionContractID)$/, 'Contract'],
  [/^(configurationItemID|parentConfigurationItemID)$/, 'ConfigurationItem'],
  [/^(configurationItemCategoryID)$/, 'ConfigurationItemCategory'],
  [/^(problemTicketId|ticketID)$/, 'Ticket'],
  [/^(ticketNoteID)$/, 'TicketNote'],
  [/^(opportunityID)$/, 'Opportunity'],
  [/^(organizationalLevelAssociationID)$/, 'OrganizationalLevelAssociation'],
  [/^(projectID)$/, 'Project'],
  [/^(phaseID)$/, 'Phase'],
  [/^(taskID)$/, 'Task'],
  [/^(timeEntryID)$/, 'TimeEntry'],
  [/^(countryID|billToCountryID)$/, 'Country'],
  [/^(currencyID|reimbursementCurrencyID)$/, 'Currency'],
  [/^(invoiceTemplateID|invoiceEditorTemplateID)$/, 'InvoiceTemplate'],
  [/^(quoteTemplateID)$/, 'QuoteTemplate'],
  [/^(taxRegionID)$/, 'TaxRegion'],
  [/^(productID)$/, 'Product'],
  [/^(vendorID)$/, 'Company'],
  [/^(serviceBundleID)$/, 'ServiceBundle'],
  [/^(serviceID)$/, 'Service'],
  [/^(invoiceID)$/, 'Invoice'],
  [/^(expenseItemID)$/, 'ExpenseItem'],
  [/^(milestoneID)$/, 'ContractMilestone'],
  [/^(serviceCallID)$/, 'ServiceCall'],
  [/^(quoteID)$/, 'Quote'],
  [/^(salesOrderID)$/, 'SalesOrder'],
  [/^(itemApproverID|accountManagerWhenApprovedID)$/, 'Resource'],
  [/^(billingApprovalResourceID)$/, 'Resource'],
  [/^(shipToLocationID|billToLocationID|soldToLocationID)$/, 'QuoteLocation'],
  [/^(quoteItemID)$/, 'QuoteItem'],
];

export function referenceTarget(field: string): string | undefined {
  return REFERENCE_RULES.find(([re]) => re.test(field))?.[1];
}

interface Section7Field {
  type?: FieldType;
  required: boolean;
  readOnly: boolean;
  queryable: boolean;
  picklist: boolean;
  reference: boolean;
  length?: number;
}

function sectionLines(md: string, startHeading: RegExp, endHeading: RegExp): string[] {
  const lines = md.split(/\r?\n/);
  const start = lines.findIndex((l) => startHeading.test(l));
  if (start < 0) throw new Error(`reference: heading ${startHeading} not found`);
  const endRel = lines.slice(start + 1).findIndex((l) => endHeading.test(l));
  return lines.slice(start + 1, endRel < 0 ? undefined : start + 1 + endRel);
}

function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

const unquote = (s: string): string => s.replace(/`/g, '').trim();
const yes = (s: string): boolean => s.trim() === 'Y';

/** §9: one row per root entity with its root-URL operations. */
function parseEntityTable(md: string): Map<string, Omit<EntitySpec, 'fields' | 'parentRoutes' | 'hasUserDefinedFields'>> {
  const out = new Map<string, Omit<EntitySpec, 'fields' | 'parentRoutes' | 'hasUserDefinedFields'>>();
  for (const line of sectionLines(md, /^## 9\. /, /^### 9\.1 /)) {
    if (!/^\| \d+ \|/.test(line)) continue;
    const [, name, get, query, count, create, patchPut, del, udf] = cells(line);
    const entity = unquote(name);
    out.set(entity, {
      name: entity,
      get: yes(get),
      query: yes(query),
      count: yes(count),
      create: yes(create),
      update: yes(patchPut.split('/')[0]),
      delete: yes(del),
      udfInfo: yes(udf),
    });
  }
  return out;
}

/** §9.1: parent–child collection URLs. */
function parseChildRoutes(md: string): ChildRoute[] {
  const out: ChildRoute[] = [];
  for (const line of sectionLines(md, /^### 9\.1 /, /^### 9\.2 /)) {
    if (!line.startsWith('| `/')) continue;
    const [url, child, list, get, create, patchPut, del, info] = cells(line);
    const m = /^\/(\w+)\/\{parentId\}\/(\w+)$/.exec(unquote(url));
    if (!m) throw new Error(`reference §9.1: unexpected child URL ${url}`);
    out.push({
      parent: m[1],
      segment: m[2],
      child: unquote(child),
      list: yes(list),
      get: yes(get),
      create: yes(create),
      update: yes(patchPut.split('/')[0]),
      delete: yes(del),
      entityInformation: yes(info),
    });
  }
  return out;
}

/** Appendix A: `- \`Entity\`: name:type!, ...` */
function parseAppendixFields(md: string): Map<string, FieldSpec[]> {
  const out = new Map<string, FieldSpec[]>();
  for (const line of sectionLines(md, /^## Appendix A\./, /^## Appendix B\./)) {
    const m = /^- `(\w+)`: (.*)$/.exec(line.trim());
    if (!m) continue;
    const fields: FieldSpec[] = [];
    if (!m[2].startsWith('(')) {
      for (const part of m[2].split(',')) {
        const fm = /^(\w+):([\w?]+)(!?)$/.exec(part.trim());
        if (!fm) throw new Error(`reference Appendix A: cannot parse "${part}" of ${m[1]}`);
        const type = Object.hasOwn(APPENDIX_TYPES, fm[2]) ? APPENDIX_TYPES[fm[2]] : undefined;
        if (!type) throw new Error(`reference Appendix A: unknown type ${fm[2]} in ${m[1]}.${fm[1]}`);
        fields.push({ name: fm[1], type, required: fm[3] === '!', readOnly: false, queryable: true });
      }
    }
    out.set(m[1], fields);
  }
  return out;
}

/** §7 field tables, keyed by entity. A table belongs to the last "### 7.N Entity" heading or "Entity (…):" caption. */
function parseSection7(md: string): Map<string, Map<string, Section7Field>> {
  const out = new Map<string, Map<string, Section7Field>>();
  let current: string | null = null;
  for (const line of sectionLines(md, /^## 7\. /, /^## 8\. /)) {
    const heading = /^### 7\.\d+ (\w+)/.exec(line);
    const caption = /^([A-Z]\w+) \(.*\):$/.exec(line.trim());
    if (heading || caption) {
      current = (heading ?? caption)![1];
      continue;
    }
    if (!current || !line.startsWith('| `')) continue;
    const [name, type, req, ro, len, kind] = cells(line);
    const kinds = kind.split(/\s+/);
    const table = out.get(current) ?? new Map<string, Section7Field>();
    out.set(current, table);
    table.set(unquote(name), {
      type: SECTION7_TYPES[type],
      required: req === 'Y',
      readOnly: ro === 'RO',
      queryable: !kinds.includes('NQ'),
      picklist: kinds.includes('picklist'),
      reference: kinds.includes('ref'),
      length: /^\d+$/.test(len) ? Number(len) : undefined,
    });
  }
  return out;
}

function fieldOrder(a: FieldSpec, b: FieldSpec): number {
  if (a.name === 'id') return -1;
  if (b.name === 'id') return 1;
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.name < b.name ? -1 : 1;
}

function mergeFields(entity: string, appendix: FieldSpec[], s7: Map<string, Section7Field> | undefined): FieldSpec[] {
  const byName = new Map<string, FieldSpec>(appendix.map((f) => [f.name, { ...f }]));
  for (const [name, info] of s7 ?? []) {
    const base = byName.get(name) ?? { name, type: info.type ?? 'unknown', required: false, readOnly: false, queryable: true };
    // §7 carries the richer, per-field metadata; Appendix A's `?` type yields to a §7 concrete type.
    if (info.type && (base.type === 'unknown' || !byName.has(name))) base.type = info.type;
    base.required = base.required || info.required;
    base.readOnly = info.readOnly;
    base.queryable = info.queryable;
    if (info.picklist) base.picklist = true;
    if (info.reference) {
      const target = referenceTarget(name);
      if (!target) throw new Error(`no reference target rule for ${entity}.${name}; add one to REFERENCE_RULES`);
      base.reference = target;
    }
    if (info.length !== undefined) base.length = info.length;
    byName.set(name, base);
  }
  if (!byName.has('id')) byName.set('id', { name: 'id', type: 'long', required: false, readOnly: true, queryable: true });
  const isAttachment = entity.endsWith('Attachments') || entity === 'AttachmentInfo';
  const isNote = entity.endsWith('Notes');
  for (const f of byName.values()) {
    if (f.name === 'id') Object.assign(f, { type: 'long', required: false, readOnly: true, queryable: true });
    if (isAttachment && ATTACHMENT_READ_ONLY.has(f.name)) f.readOnly = true;
    // §7.2/§7.3: noteType and publish are picklists on TicketNotes and attachments; the other note
    // entities (ProjectNotes, TaskNotes, ...) share the same model.
    if ((isNote && (f.name === 'noteType' || f.name === 'publish')) || (isAttachment && f.name === 'publish')) f.picklist = true;
    if (NOTE_ANALOGUES.has(entity)) {
      if (NOTE_AUDIT_FIELDS.has(f.name)) f.readOnly = true;
      const target = f.name.endsWith('ID') ? referenceTarget(f.name) : undefined;
      if (target) f.reference = target;
    }
  }
  applyQueryErrors(entity, byName);
  return [...byName.values()].sort(fieldOrder);
}

/** Build the catalogue from the reference markdown. Pure and deterministic. */
export function generateCatalogue(md: string): Catalogue {
  const roots = parseEntityTable(md);
  const childRoutes = parseChildRoutes(md);
  const appendix = parseAppendixFields(md);
  const s7 = parseSection7(md);
  for (const name of s7.keys()) {
    if (!roots.has(name)) throw new Error(`§7 table for ${name} does not match a §9 entity`);
  }
  const entities: Record<string, EntitySpec> = {};
  for (const [name, ops] of roots) {
    entities[name] = {
      ...ops,
      hasUserDefinedFields: UDF_ENTITIES.has(name),
      fields: mergeFields(name, appendix.get(name) ?? [], s7.get(name)),
      parentRoutes: childRoutes.filter((r) => r.child === name),
    };
  }
  const sha = createHash('sha256').update(md).digest('hex');
  return { generatedFrom: `${SOURCE_LABEL} sha256:${sha}`, entities, childRoutes };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .filter((k) => obj[k] !== undefined)
        .map((k) => [k, sortKeys(obj[k])]),
    );
  }
  return value;
}

/** Sorted-key JSON; objects with only scalar members stay on one line (one field / route per line). */
export function serializeCatalogue(catalogue: Catalogue): string {
  const render = (v: unknown, indent: string): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    const inner = indent + '  ';
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[\n${v.map((x) => inner + render(x, inner)).join(',\n')}\n${indent}]`;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.every(([, x]) => x === null || typeof x !== 'object')) return JSON.stringify(v);
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${render(x, inner)}`).join(',\n')}\n${indent}}`;
  };
  return render(sortKeys(catalogue), '') + '\n';
}

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_REFERENCE = path.resolve(serverDir, '../../shared/reference/autotask-rest-api.md');
export const CATALOGUE_JSON = path.resolve(serverDir, 'src/catalogue/entities.json');

function main(): void {
  const source = path.resolve(process.argv[2] ?? DEFAULT_REFERENCE);
  const catalogue = generateCatalogue(readFileSync(source, 'utf8'));
  writeFileSync(CATALOGUE_JSON, serializeCatalogue(catalogue));
  const n = Object.keys(catalogue.entities).length;
  console.log(`wrote ${path.relative(process.cwd(), CATALOGUE_JSON)}: ${n} entities, ${catalogue.childRoutes.length} child routes`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
