/** GetTaskProtection: see ./update-task-protection.ts, which holds both. */
export { getTaskProtection } from './update-task-protection.js'
