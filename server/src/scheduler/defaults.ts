/**
 * ECS's strategies when a request names none (ECS-NOTES section 4): RunTask places at random; a
 * REPLICA service spreads its tasks across availability zones, then across the instances of a
 * zone (the fewest tasks of the service first).
 */
import type { Strategy } from './types.js'

/** RunTask's default, used by the stack whenever a request carries no strategy. */
export const RUN_TASK_STRATEGIES: readonly Strategy[] = [{ type: 'random' }]

/** A REPLICA service's default. */
export const REPLICA_SERVICE_STRATEGIES: readonly Strategy[] = [
  { type: 'spread', field: 'attribute:ecs.availability-zone' },
  { type: 'spread', field: 'instanceId' },
]
