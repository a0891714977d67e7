/** Tools of the 'service_calls' area: booked visits, the tickets they are for and the technicians sent. */
import type { ToolDefinition } from '../types.js';
import { searchServiceCalls } from './search.js';
import { getServiceCall } from './get.js';
import { addServiceCallTicket, assignServiceCallResource, createServiceCall } from './write.js';

export const serviceCallsTools: ToolDefinition[] = [searchServiceCalls, getServiceCall, createServiceCall, addServiceCallTicket, assignServiceCallResource];
