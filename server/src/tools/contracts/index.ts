/** Tools of the 'contracts' area: contracts, their services, balances and exclusions (read-only). */
import type { ToolDefinition } from '../types.js';
import { searchContracts } from './search.js';
import { getContract } from './get.js';

export const contractsTools: ToolDefinition[] = [searchContracts, getContract];
