/**
 * list_toolsets and enable_toolset: the default session lists only the toolsets a technician
 * needs first; these two let the model see the rest and add one when a task needs it.
 */
import { z } from 'zod';
import { TOOLSET_NAMES } from '../../config/types.js';
import { defineReadTool, type ToolContext, type ToolsetControl } from '../types.js';
import { structuredResult } from '../results.js';

function control(ctx: ToolContext): ToolsetControl {
  // Registered only with dynamic toolsets, where the registry always provides the control.
  if (!ctx.toolsets) throw new Error('toolset discovery is not available in this configuration');
  return ctx.toolsets;
}

export const listToolsets = defineReadTool({
  name: 'list_toolsets',
  title: 'List toolsets',
  description: 'The tool groups of this server: name, purpose, tool count, enabled or not. enable_toolset adds one.',
  toolset: 'discovery',
  input: {},
  async handler(_args, ctx) {
    const sets = control(ctx).list();
    const lines = sets.map((s) => `- ${s.name}${s.enabled ? ' (enabled)' : ''}: ${s.description} ${s.tools} tool(s).`);
    return structuredResult({ toolsets: sets }, ['Toolsets (enable_toolset adds one to this session):', ...lines].join('\n'));
  },
});

export const enableToolset = defineReadTool({
  name: 'enable_toolset',
  title: 'Enable a toolset',
  description: 'Add a toolset\'s tools to this session (list_toolsets names them); the tool list then changes.',
  toolset: 'discovery',
  input: { toolset: z.enum(TOOLSET_NAMES) },
  async handler(args, ctx) {
    const { added, alreadyEnabled } = await control(ctx).enable(args.toolset);
    if (alreadyEnabled) return structuredResult({ toolset: args.toolset, added: [] }, `Toolset ${args.toolset} is already enabled; its tools are listed.`);
    const text = added.length
      ? `Enabled toolset ${args.toolset}: ${added.join(', ')}. They are in the tool list now (the server sent notifications/tools/list_changed).`
      : `Enabled toolset ${args.toolset}; it has no tools in this server's mode (read-only mode leaves out writes).`;
    return structuredResult({ toolset: args.toolset, added }, text);
  },
});
