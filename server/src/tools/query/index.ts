/** Tools of the 'query' area: the generic layer over every Autotask REST entity. */
import type { ToolDefinition } from '../types.js';
import { listEntities } from './list.js';
import { describeEntity } from './describe.js';
import { countEntities, queryEntities } from './search.js';
import { getEntity } from './get.js';
import { createEntity, deleteEntity, updateEntity } from './write.js';

export const queryTools: ToolDefinition[] = [listEntities, describeEntity, queryEntities, countEntities, getEntity, createEntity, updateEntity, deleteEntity];
