/** Tools of the 'query' area: the generic layer over every Autotask REST entity. */
import type { ToolDefinition } from '../types.js';
import { listEntities } from './list-entities.js';
import { describeEntity } from './describe-entity.js';
import { countEntities, queryEntities } from './query-entities.js';
import { getEntity } from './get-entity.js';
import { createEntity, deleteEntity, updateEntity } from './write-entities.js';

export const queryTools: ToolDefinition[] = [listEntities, describeEntity, queryEntities, countEntities, getEntity, createEntity, updateEntity, deleteEntity];
