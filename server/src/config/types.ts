/** The validated runtime configuration (built by ./config.ts from the environment). */
export const TOOLSET_NAMES = [
  'core', // connectivity, API usage, version
  'tickets',
  'companies',
  'contacts',
  'projects', // projects and tasks
  'time', // time entries
  'notes', // ticket / project / company notes
  'attachments',
  'resources', // technicians
  'configuration_items', // devices (assets)
  'contracts', // contracts, their services and balances
  'catalogue', // products, services, bundles, price lists
  'query', // generic layer over every entity
  'billing', // billing items, time awaiting approval, invoices
  'sales', // opportunities, quotes and quote items
  'expenses', // expense reports and items
  'service_calls', // dispatch: service calls, their tickets and resources
  'ticket_extras', // checklists, charges, history, extra people on tickets; project phases
  'reports', // bounded read-only reports
] as const;
export type ToolsetName = (typeof TOOLSET_NAMES)[number];

export interface AutotaskCredentials {
  integrationCode: string;
  username: string;
  secret: string;
}

export interface AppConfig {
  nodeEnv: string;
  version: string;
  /** true when AUTOTASK_DEMO: an in-process fake tenant replaces Autotask; no credentials needed. */
  demo: boolean;
  /** Null only in demo mode until the demo tenant is started (it provides its own). */
  credentials: AutotaskCredentials | null;
  /** Pinned REST base (AUTOTASK_API_URL), e.g. https://webservices3.autotask.net/ATServicesRest/ ; null = detect zone. */
  apiUrl: string | null;
  /** Where zoneInformation is asked (default https://webservices.autotask.net/ATServicesRest/). */
  zoneLookupUrl: string;
  readOnly: boolean;
  /** AUTOTASK_TIME_ZONE (IANA name); null = the tenant's default internal location, else UTC. */
  timeZone: string | null;
  /** Every toolset a session may use (see ./toolsets.ts for AUTOTASK_TOOLSETS). */
  toolsets: ToolsetName[];
  /** Toolsets every session starts with (the default ones when AUTOTASK_TOOLSETS is unset). */
  initialToolsets: ToolsetName[];
  /** true when AUTOTASK_TOOLSETS is unset: list_toolsets / enable_toolset add toolsets per session. */
  dynamicToolsets: boolean;
  /**
   * AUTOTASK_CLOSED_STATUSES: ticket status ids or labels that count as closed (openOnly, close
   * warnings), replacing the label rule; [] = derive from the tenant's status labels.
   */
  closedStatuses: string[];
  /** MCP_ELICITATION_TIMEOUT_SECONDS: how long a human has to approve a write asked by elicitation. */
  elicitationTimeoutMs: number;
  log: { level: string; format: 'simple' | 'json' };
  transport: 'http' | 'stdio';
  http: {
    host: string;
    port: number;
    authToken: string | null;
    /** MCP_TOKENS_FILE: one bearer token per principal (src/auth/tokens-file.ts); exclusive with authToken. */
    tokensFile: string | null;
    allowedHosts: string[];
    allowedOrigins: string[];
    sessionIdleTtlMs: number;
    maxSessions: number;
    bodyLimit: string;
  };
  /** MCP_AUDIT_FILE: executed writes are also appended here as JSON lines (src/logging/audit.ts). */
  auditFile: string | null;
  autotask: {
    timeoutMs: number;
    maxRetries: number;
    maxConcurrencyPerEntity: number;
    metadataTtlMs: number;
    /** MCP_TOOL_TIMEOUT_SECONDS: one deadline per tool call (queue wait, attempts, retries), below the client's 60 s. */
    toolTimeoutMs: number;
    /** The budget governor (src/autotask/budget.ts). */
    budget: BudgetConfig;
  };
  /** REDIS_URL: limits, budget count and confirmations shared by every replica; null = in this process. */
  redisUrl: string | null;
}

export interface BudgetConfig {
  /** AUTOTASK_BUDGET_WARN_PERCENT: results and logs warn from this share of the hourly budget. */
  warnPercent: number;
  /** AUTOTASK_BUDGET_STOP_PERCENT: non-essential reads are refused from this share. */
  stopPercent: number;
  /** AUTOTASK_BUDGET_CHECK_SECONDS: how old a ThresholdInformation reading may get before the governor reads again (0: never on its own). */
  checkMs: number;
}
