/**
 * The toolsets one MCP session has enabled. Every tool the configuration allows is registered
 * with the SDK when the session starts; this state decides which of them tools/list shows and
 * which a call may run, so enabling a toolset is one flip and one tools/list_changed
 * notification. Read-only mode never registers a write, so no toolset can bring one back.
 */
import type { AppConfig, ToolsetName } from '../../config/types.js';
import { TOOLSET_DESCRIPTIONS } from '../../config/toolsets.js';
import type { ToolDefinition, ToolsetStatus } from '../types.js';

export class SessionToolsets {
  private readonly enabled: Set<ToolsetName>;

  constructor(
    private readonly config: Pick<AppConfig, 'toolsets' | 'initialToolsets'>,
    /** The definitions registered for this session (configuration and read-only mode applied). */
    private readonly registered: readonly ToolDefinition[],
  ) {
    this.enabled = new Set(config.initialToolsets);
  }

  /** Listed and callable now: the discovery tools, and the tools of enabled toolsets. */
  isActive(def: ToolDefinition): boolean {
    return def.toolset === 'discovery' || this.enabled.has(def.toolset);
  }

  isEnabled(name: ToolsetName): boolean {
    return this.enabled.has(name);
  }

  status(): ToolsetStatus[] {
    return this.config.toolsets.map((name) => ({
      name,
      description: TOOLSET_DESCRIPTIONS[name],
      tools: this.registered.filter((d) => d.toolset === name).length,
      enabled: this.enabled.has(name),
    }));
  }

  /** Enables a toolset this session may use; the names of the tools it adds. */
  enable(name: ToolsetName): { added: string[]; alreadyEnabled: boolean } {
    if (!this.config.toolsets.includes(name)) throw new Error(`toolset ${name} is not available`);
    const alreadyEnabled = this.enabled.has(name);
    this.enabled.add(name);
    return { added: alreadyEnabled ? [] : this.registered.filter((d) => d.toolset === name).map((d) => d.name), alreadyEnabled };
  }
}
