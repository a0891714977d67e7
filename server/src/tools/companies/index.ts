/** Tools of the 'companies' area. */
import type { ToolDefinition } from '../types.js';
import { searchCompanies } from './search.js';
import { getCompany } from './get.js';
import { createCompany, updateCompany } from './write.js';

export const companiesTools: ToolDefinition[] = [searchCompanies, getCompany, createCompany, updateCompany];
