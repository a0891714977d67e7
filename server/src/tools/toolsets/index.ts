/** The 'discovery' tools: registered only when AUTOTASK_TOOLSETS is unset (dynamic toolsets). */
import type { ToolDefinition } from '../types.js';
import { enableToolset, listToolsets } from './read.js';

export const discoveryTools: ToolDefinition[] = [listToolsets, enableToolset];
