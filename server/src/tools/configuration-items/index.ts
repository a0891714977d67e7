/** Tools of the 'configuration_items' area: devices (assets) of client companies. */
import type { ToolDefinition } from '../types.js';
import { searchConfigurationItems } from './search.js';
import { getConfigurationItem } from './get.js';
import { createConfigurationItem, updateConfigurationItem } from './write.js';

export const configurationItemsTools: ToolDefinition[] = [searchConfigurationItems, getConfigurationItem, createConfigurationItem, updateConfigurationItem];
