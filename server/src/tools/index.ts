/**
 * Every tool definition, by area. Registration order is the order clients list them.
 * Each area module owns its own list; add tools there, not here.
 *
 * Module names in an area: search.ts (search/list tools), get.ts (get tools), read.ts (both,
 * when they are few), write.ts (write tools), <subject>-read.ts / <subject>-write.ts when an
 * area has several record types (projects: project-, task-), common.ts for what its tools share,
 * and helpers named for what they do (worked.ts, visibility.ts, kinds.ts).
 */
import type { ToolDefinition } from './types.js';
import { discoveryTools } from './toolsets/index.js';
import { coreTools } from './core/index.js';
import { ticketsTools } from './tickets/index.js';
import { notesTools } from './notes/index.js';
import { attachmentsTools } from './attachments/index.js';
import { companiesTools } from './companies/index.js';
import { contactsTools } from './contacts/index.js';
import { projectsTools } from './projects/index.js';
import { timeTools } from './time/index.js';
import { resourcesTools } from './resources/index.js';
import { configurationItemsTools } from './configuration-items/index.js';
import { contractsTools } from './contracts/index.js';
import { catalogueTools } from './catalogue/index.js';
import { queryTools } from './query/index.js';
import { billingTools } from './billing/index.js';
import { salesTools } from './sales/index.js';
import { expensesTools } from './expenses/index.js';
import { ticketExtrasTools } from './ticket-extras/index.js';
import { serviceCallsTools } from './service-calls/index.js';
import { reportsTools } from './reports/index.js';

export const ALL_TOOLS: ToolDefinition[] = [
  ...discoveryTools,
  ...coreTools,
  ...ticketsTools,
  ...notesTools,
  ...attachmentsTools,
  ...companiesTools,
  ...contactsTools,
  ...projectsTools,
  ...timeTools,
  ...resourcesTools,
  ...configurationItemsTools,
  ...contractsTools,
  ...catalogueTools,
  ...queryTools,
  ...billingTools,
  ...salesTools,
  ...expensesTools,
  ...serviceCallsTools,
  ...ticketExtrasTools,
  ...reportsTools,
];
