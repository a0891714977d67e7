/** Tools of the 'sales' area: opportunities, quotes and their items. */
import type { ToolDefinition } from '../types.js';
import { getOpportunity, getQuote, searchOpportunities, searchQuotes } from './read.js';
import { addQuoteItems, createQuote } from './write.js';

export const salesTools: ToolDefinition[] = [searchOpportunities, getOpportunity, searchQuotes, getQuote, createQuote, addQuoteItems];
