/** Tools of the 'projects' area (projects and their tasks; project notes live in the notes area). */
import type { ToolDefinition } from '../types.js';
import { getProject, searchProjects } from './projects.js';
import { getTask, searchTasks } from './tasks.js';
import { createTask, updateTask } from './task-write.js';

export const projectsTools: ToolDefinition[] = [searchProjects, getProject, searchTasks, getTask, createTask, updateTask];
