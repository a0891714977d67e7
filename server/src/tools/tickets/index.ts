/** Tools of the 'tickets' area. */
import type { ToolDefinition } from '../types.js';
import { searchTickets } from './search.js';
import { getTicket } from './get.js';
import { createTicket, updateTicket } from './write.js';

export const ticketsTools: ToolDefinition[] = [searchTickets, getTicket, createTicket, updateTicket];
