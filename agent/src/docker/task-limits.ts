/**
 * Task-level `cpu` and `memory` (the task definition's, not a container's) as Docker limits.
 *
 * On Linux the ECS agent puts each task in a cgroup of its own (`/ecs/<task-id>`) whose limits are
 * the task's, so the containers share them. quayside reaches the host only through the Docker
 * Engine API, which cannot set limits on a parent cgroup (`CgroupParent` names one, but its limits
 * would have to be written to the host's cgroup file system or through systemd, which needs root
 * on the host beyond the Docker socket). So the task limits are applied to each container instead:
 * - task `memory`: a container without its own hard `memory` gets the task's as its hard limit;
 * - task `cpu`: every container is capped at the task's CPU (`NanoCpus`, a CFS quota, which is how
 *   the task cgroup caps it on ECS).
 * No container can exceed the task, and for a task of one container (the common case) this is
 * exactly ECS's behaviour; what is not enforced is the sum over several containers. Pure.
 */
import { InvalidTaskError } from '../errors.js'
import type { ContainerDefinition, TaskDefinition } from '../task-definition.js'

const MIB = 1024 * 1024
/** Docker refuses a smaller memory limit; the ECS agent raises smaller values to it. */
const MIN_MEMORY_MIB = 6

function parse(value: unknown, units: Readonly<Record<string, number>>, what: string) {
  if (value === undefined || value === null || value === '') return undefined
  // JSON gives a string or a number; anything else fails the match below
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : ''
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text)
  const scale = units[(match?.[2] ?? '').toLowerCase()]
  const amount = Number(match?.[1])
  if (!match || scale === undefined || !(amount > 0)) {
    throw new InvalidTaskError(`task ${what} ${JSON.stringify(value)} is not a valid amount`)
  }
  return amount * scale
}

/** Task `cpu` in CPU units (`"256"`, `"0.25 vCPU"`, `"1vcpu"`); undefined when unset. */
export function taskCpuUnits(value: unknown): number | undefined {
  return parse(value, { '': 1, vcpu: 1024 }, 'cpu')
}

/** Task `memory` in MiB (`"512"`, `"1 GB"`, `"2gb"`); undefined when unset. */
export function taskMemoryMiB(value: unknown): number | undefined {
  return parse(value, { '': 1, mib: 1, mb: 1, gb: 1024, gib: 1024 }, 'memory')
}

/** The Docker limits `container` gets from its task's `cpu` and `memory` (see the module comment). */
export function taskLimits(
  definition: TaskDefinition,
  container: ContainerDefinition,
): { Memory?: number; NanoCpus?: number } {
  const memory = taskMemoryMiB(definition.memory)
  const cpu = taskCpuUnits(definition.cpu)
  return {
    ...(memory !== undefined && container.memory === undefined
      ? { Memory: Math.max(Math.floor(memory), MIN_MEMORY_MIB) * MIB }
      : {}),
    ...(cpu !== undefined ? { NanoCpus: Math.round((cpu / 1024) * 1e9) } : {}),
  }
}
