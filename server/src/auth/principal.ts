/**
 * Who is calling: the principal a request's bearer token names. Tool visibility, read-only mode,
 * Autotask impersonation, confirmation tokens and the audit log all follow it.
 */
import type { AppConfig, ToolsetName } from '../config/types.js';

export interface Principal {
  /** Unique name (the audit log's "principal"; confirmation tokens are bound to it). */
  name: string;
  /** Autotask resource the principal's writes impersonate (ImpersonationResourceId); null = the API user. */
  resourceId: number | null;
  /** Toolsets this principal may use; null = every toolset the server offers. */
  toolsets: ToolsetName[] | null;
  /** No write tool for this principal, whatever the server allows. */
  readOnly: boolean;
}

/** The one principal of a server without MCP_TOKENS_FILE (MCP_AUTH_TOKEN, no auth, stdio). */
export const DEFAULT_PRINCIPAL: Principal = Object.freeze({ name: 'default', resourceId: null, toolsets: null, readOnly: false });

/** The toolset part of the configuration as one principal sees it: its toolsets only, and read-only wins. */
export function principalView(
  config: Pick<AppConfig, 'readOnly' | 'toolsets' | 'initialToolsets' | 'dynamicToolsets'>,
  principal: Principal,
): Pick<AppConfig, 'readOnly' | 'toolsets' | 'initialToolsets' | 'dynamicToolsets'> {
  const allowed = principal.toolsets;
  const keep = (names: ToolsetName[]) => (allowed === null ? names : names.filter((n) => allowed.includes(n)));
  return {
    readOnly: config.readOnly || principal.readOnly,
    toolsets: keep(config.toolsets),
    initialToolsets: keep(config.initialToolsets),
    dynamicToolsets: config.dynamicToolsets,
  };
}

/** "alice (resource 29682886)" for previews and messages. */
export function describePrincipal(p: Principal): string {
  return p.resourceId === null ? p.name : `${p.name} (resource ${p.resourceId})`;
}
