import type { RegisterTaskDefinitionRequest } from '@quayside/openapi/types'
import { clientError, type TaskDefinitionCheck } from './check.js'
import { parseTaskCpu, parseTaskMemory } from './units.js'

/** Task-level CPU units ECS accepts for EC2 and EXTERNAL tasks (Fargate's pairs lie inside). */
export const TASK_CPU_RANGE = [128, 196_608] as const

/** Task `cpu`/`memory` after conversion; `undefined` where the input left them out. */
export interface TaskSize {
  cpu: number | undefined
  memory: number | undefined
}

/**
 * Converts task cpu/memory (units.ts) and applies ECS's sizing rules: cpu within
 * {@link TASK_CPU_RANGE}; memory above 0; without task memory every container needs a non-zero
 * `memory` or `memoryReservation`; a container's `memory` is at least its `memoryReservation`
 * and at most the task memory; the containers' cpu and reserved memory (memoryReservation,
 * else memory) add up to no more than the task values.
 */
export function checkSizing(input: RegisterTaskDefinitionRequest): TaskDefinitionCheck<TaskSize> {
  const cpu = input.cpu === undefined ? undefined : parseTaskCpu(input.cpu)
  if (input.cpu !== undefined && cpu === undefined) {
    return clientError(
      `Invalid 'cpu' setting for task: '${input.cpu}' is neither CPU units (1024) nor vCPUs (1 vCPU).`,
    )
  }
  const memory = input.memory === undefined ? undefined : parseTaskMemory(input.memory)
  if (input.memory !== undefined && memory === undefined) {
    return clientError(
      `Invalid 'memory' setting for task: '${input.memory}' is neither MiB (2048) nor GB (2GB).`,
    )
  }
  const [low, high] = TASK_CPU_RANGE
  if (cpu !== undefined && (cpu < low || cpu > high)) {
    return clientError(
      `Invalid 'cpu' setting for task: ${cpu} CPU units is outside the allowed range ${low} to ${high}.`,
    )
  }
  if (memory === 0)
    return clientError("Invalid 'memory' setting for task: it must be greater than 0.")
  let cpuSum = 0
  let reservedSum = 0
  for (const container of input.containerDefinitions) {
    const name = container.name ?? ''
    const hard = container.memory ?? 0
    const soft = container.memoryReservation ?? 0
    if (memory === undefined && hard === 0 && soft === 0) {
      return clientError(
        `Invalid setting for container '${name}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
      )
    }
    if (hard > 0 && soft > 0 && hard < soft) {
      return clientError(
        `Invalid setting for container '${name}'. 'memory' (${hard} MiB) must be greater than or equal to 'memoryReservation' (${soft} MiB).`,
      )
    }
    if (memory !== undefined && hard > memory) {
      return clientError(
        `Invalid setting for container '${name}'. 'memory' (${hard} MiB) cannot be greater than the task 'memory' (${memory} MiB).`,
      )
    }
    cpuSum += container.cpu ?? 0
    reservedSum += soft > 0 ? soft : hard
  }
  if (cpu !== undefined && cpuSum > cpu) {
    return clientError(
      "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.",
    )
  }
  if (memory !== undefined && reservedSum > memory) {
    return clientError(
      "The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'.",
    )
  }
  return { ok: true, value: { cpu, memory } }
}
