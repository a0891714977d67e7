/** Public surface of the demo tenant: the dataset, its picklist constants and fixtures, and the starter. */
export { buildDemoSeed, DEMO_NOW, DEMO_DEFAULT_SEED, DEMO_BASE_TICKETS, type DemoSeedOptions } from './seed.js';
export { startDemoTenant, demoCredentials, type DemoTenant, type DemoTenantOptions } from './tenant.js';
export { NOTE_PUBLISH, TICKET_STATUS, QUEUE } from './picklists.js';
export { INJECTION_TICKET_TITLE, LONG_DESCRIPTION_TICKET_TITLE, MSP_NAME } from './text.js';
export { API_USER_RESOURCE_ID } from './org.js';
