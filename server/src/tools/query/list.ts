/** list_entities: every Autotask REST entity with what the API allows on it. Offline (catalogue only). */
import { z } from 'zod';
import { catalogue } from '../../catalogue/index.js';
import { defineReadTool } from '../types.js';
import { structuredResult } from '../results.js';
import { capabilities, parentRoutes } from './entities.js';

const OPERATIONS = ['query', 'create', 'update', 'delete'] as const;

export const listEntities = defineReadTool({
  name: 'list_entities',
  title: 'List Autotask entities',
  description: 'The 230+ Autotask entities (Tickets, Contracts, ConfigurationItems, ...) with what each allows (query, create, update, delete) and the parent routes some are written through: the exact names describe_entity, query_entities and the generic tools take. No Autotask request.',
  toolset: 'query',
  annotations: { openWorldHint: false },
  input: {
    nameContains: z.string().trim().min(1).max(100).optional().describe('Case-insensitive, e.g. "contract".'),
    supports: z.enum(OPERATIONS).optional(),
  },
  async handler(args) {
    const needle = args.nameContains?.toLowerCase();
    const entities = Object.values(catalogue.entities)
      .filter((e) => !needle || e.name.toLowerCase().includes(needle))
      .map((e) => {
        const can = capabilities(e);
        const routes = parentRoutes(e).map((r) => {
          const ops = (['create', 'update', 'delete'] as const).filter((o) => r[o]);
          return `${r.parent}/{parentId}/${r.segment}${ops.length ? ` (${ops.join('/')})` : ''}`;
        });
        return { name: e.name, ...can, hasUserDefinedFields: e.hasUserDefinedFields, parentRoutes: routes };
      })
      .filter((e) => !args.supports || e[`can${args.supports[0].toUpperCase()}${args.supports.slice(1)}` as 'canQuery'])
      .sort((a, b) => a.name.localeCompare(b.name));
    const criteria = [args.nameContains ? `name containing "${args.nameContains}"` : '', args.supports ? `allowing ${args.supports}` : ''].filter(Boolean).join(' and ');
    if (!entities.length) {
      return structuredResult({ count: 0, entities: [] }, `No Autotask entity ${criteria}. Call list_entities without filters for the full list.`);
    }
    const lines = entities.map((e) => {
      const ops = [e.canQuery && 'query', e.canCreate && 'create', e.canUpdate && 'update', e.canDelete && 'delete'].filter(Boolean).join(',');
      return `${e.name}: ${ops || 'no API operations'}${e.parentRoutes.length ? `; via ${e.parentRoutes.join(', ')}` : ''}`;
    });
    return structuredResult({ count: entities.length, entities }, [`${entities.length} entit${entities.length === 1 ? 'y' : 'ies'}${criteria ? ` ${criteria}` : ''}:`, ...lines].join('\n'));
  },
});
