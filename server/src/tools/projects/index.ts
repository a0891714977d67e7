/** Tools of the 'projects' area (projects and their tasks; project notes live in the notes area). */
import type { ToolDefinition } from '../types.js';
import { getProject, searchProjects } from './project-read.js';
import { getTask, searchTasks } from './task-read.js';
import { createTask, updateTask } from './task-write.js';

export const projectsTools: ToolDefinition[] = [searchProjects, getProject, searchTasks, getTask, createTask, updateTask];
