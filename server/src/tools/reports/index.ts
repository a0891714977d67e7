/** Tools of the 'reports' area: read-only reports, each with its request bound and coverage stated. */
import type { ToolDefinition } from '../types.js';
import { reportUnbilledWork } from './unbilled.js';
import { reportContractHours } from './contract-hours.js';
import { reportWaitingCustomer } from './waiting.js';
import { reportSlaAtRisk } from './sla.js';
import { reportTechnicianDay } from './technician-day.js';

export const reportsTools: ToolDefinition[] = [reportUnbilledWork, reportContractHours, reportWaitingCustomer, reportSlaAtRisk, reportTechnicianDay];
