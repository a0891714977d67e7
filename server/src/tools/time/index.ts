/** Tools of the 'time' area (time entries). */
import type { ToolDefinition } from '../types.js';
import { searchTimeEntries } from './search.js';
import { createTimeEntry, updateTimeEntry } from './write.js';

export const timeTools: ToolDefinition[] = [searchTimeEntries, createTimeEntry, updateTimeEntry];
