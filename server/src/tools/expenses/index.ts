/** Tools of the 'expenses' area: expense reports and their items. */
import type { ToolDefinition } from '../types.js';
import { getExpenseReport, searchExpenseItems, searchExpenseReports } from './read.js';
import { createExpenseItem } from './write.js';

export const expensesTools: ToolDefinition[] = [searchExpenseReports, getExpenseReport, searchExpenseItems, createExpenseItem];
