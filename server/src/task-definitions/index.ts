/**
 * RegisterTaskDefinition's semantic checks and normalisation (`normalizeTaskDefinition`) and the
 * resource accounting of a task (`taskResources`). Pure: no I/O, no exceptions for user input.
 */
export type { TaskDefinitionCheck } from './check.js'
export type { NormalizedTaskDefinition } from './normalize.js'
export type { TaskResources } from './resources.js'
export { normalizeTaskDefinition } from './normalize.js'
export { requiresAttributes } from './requires-attributes.js'
export { taskResources } from './resources.js'
export { parseTaskCpu, parseTaskMemory } from './units.js'
