/** Tools of the 'contacts' area. */
import type { ToolDefinition } from '../types.js';
import { getContact, searchContacts } from './read.js';
import { createContact, updateContact } from './write.js';

export const contactsTools: ToolDefinition[] = [searchContacts, getContact, createContact, updateContact];
