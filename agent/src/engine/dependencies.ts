/**
 * Container ordering inside a task: `dependsOn` conditions (plus the START ordering that `links`
 * and `volumesFrom` imply) on the way up, and the reverse on the way down. Pure.
 *
 * Starting. Pulls never wait (an image is needed either way, and pulling early saves time). The
 * create and start steps wait for each dependency:
 * - START: create waits until the dependency is created, start until it has started;
 * - COMPLETE: until the dependency has stopped, whatever its exit code;
 * - SUCCESS: until it has stopped with exit code 0;
 * - HEALTHY: until Docker reports its health check healthy.
 * A condition that can no longer be met (SUCCESS of a container that exited 1, HEALTHY of one
 * without a health check or that stopped, any condition on a container the task lacks) is
 * "impossible": the waiting container is given up as STOPPED with the reason.
 *
 * Start timeout. As in the ECS agent, it is the *dependency's* `startTimeout`, counted from the
 * dependency's start, that bounds a COMPLETE, SUCCESS or HEALTHY wait: once it has passed with the
 * condition unmet, the condition is impossible (an essential dependent then stops the task).
 * START waits are not bounded (Docker's own start deadline covers them).
 *
 * Stopping. A running container stops only after every container that depends on it has stopped,
 * so a sidecar outlives the application that uses it.
 */
import type { ContainerDependency } from '../task-definition.js'
import { atLeast, type ContainerStatus } from './status.js'
import type { ContainerState, TaskState } from './task-state.js'

/** Why a transition must wait, and whether waiting can ever help. */
export interface Blocker {
  readonly reason: string
  /** True when the condition can never be met: stop waiting and give the container up. */
  readonly impossible: boolean
}

const wait = (reason: string): Blocker => ({ reason, impossible: false })
const never = (reason: string): Blocker => ({ reason, impossible: true })

/** When `dep`'s start timeout ends, if it has one and has started. */
export function startDeadline(dep: ContainerState): number | undefined {
  if (dep.startTimeout === undefined || dep.startedAt === undefined) return undefined
  return dep.startedAt.getTime() + dep.startTimeout * 1000
}

function conditionBlocker(
  dependency: ContainerDependency,
  dep: ContainerState,
  target: ContainerStatus,
  now: Date,
): Blocker | undefined {
  const subject = `dependency ${dep.name} (${dependency.condition})`
  const blocker = conditionWait(dependency, dep, target, subject)
  if (blocker === undefined || blocker.impossible || dependency.condition === 'START') {
    return blocker
  }
  const deadline = startDeadline(dep)
  if (deadline !== undefined && now.getTime() >= deadline) {
    return never(`${subject} was not met within its startTimeout of ${String(dep.startTimeout)} s`)
  }
  return blocker
}

function conditionWait(
  dependency: ContainerDependency,
  dep: ContainerState,
  target: ContainerStatus,
  subject: string,
): Blocker | undefined {
  switch (dependency.condition) {
    case 'START': {
      const needed: ContainerStatus = target === 'CREATED' ? 'CREATED' : 'RUNNING'
      if (dep.known === 'STOPPED' && dep.startedAt === undefined) {
        return never(`${subject} stopped without starting`)
      }
      return atLeast(dep.known, needed) ? undefined : wait(`${subject} is not ${needed} yet`)
    }
    case 'COMPLETE':
      return dep.known === 'STOPPED' ? undefined : wait(`${subject} has not exited yet`)
    case 'SUCCESS':
      if (dep.known !== 'STOPPED') return wait(`${subject} has not exited yet`)
      return dep.exitCode === 0
        ? undefined
        : never(`${subject} did not exit successfully (exit code ${String(dep.exitCode)})`)
    case 'HEALTHY':
      if (!dep.hasHealthCheck) return never(`${subject} has no health check`)
      if (dep.health === 'HEALTHY') return undefined
      if (dep.known === 'STOPPED') return never(`${subject} stopped before it was healthy`)
      return wait(`${subject} is not healthy yet`)
  }
}

/**
 * What keeps `container` from moving to `target` (CREATED or RUNNING) in `task`, or undefined
 * when every dependency allows it. The first blocking dependency is reported, impossible ones
 * before those still worth waiting for. `now` decides start timeouts.
 */
export function startBlocker(
  container: ContainerState,
  task: TaskState,
  target: ContainerStatus,
  now: Date = new Date(0),
): Blocker | undefined {
  const blockers = container.dependsOn.map(dependency => {
    const dep = task.containers.find(c => c.name === dependency.containerName)
    return dep
      ? conditionBlocker(dependency, dep, target, now)
      : never(`dependency ${dependency.containerName} is not a container of the task`)
  })
  return blockers.find(b => b?.impossible === true) ?? blockers.find(b => b !== undefined)
}

/** What keeps running `container` from stopping: a dependent container still not stopped. */
export function shutdownBlocker(container: ContainerState, task: TaskState): Blocker | undefined {
  const dependent = task.containers.find(
    c => c.known !== 'STOPPED' && c.dependsOn.some(d => d.containerName === container.name),
  )
  return dependent ? wait(`dependent container ${dependent.name} has not stopped yet`) : undefined
}

/** A dependency cycle among the task's containers, as a path of names (`a → b → a`), if any. */
export function dependencyCycle(containers: readonly ContainerState[]): string[] | undefined {
  const byName = new Map(containers.map(c => [c.name, c]))
  const done = new Set<string>()
  const visit = (name: string, path: string[]): string[] | undefined => {
    if (path.includes(name)) return [...path.slice(path.indexOf(name)), name]
    if (done.has(name)) return undefined
    for (const dep of byName.get(name)?.dependsOn ?? []) {
      const cycle = visit(dep.containerName, [...path, name])
      if (cycle) return cycle
    }
    done.add(name)
    return undefined
  }
  for (const container of containers) {
    const cycle = visit(container.name, [])
    if (cycle) return cycle
  }
  return undefined
}

/**
 * The earliest start-timeout deadline (epoch ms) a container of `task` is still waiting on, so the
 * task manager can wake up then: nothing else would tell it that time has run out.
 */
export function nextStartDeadline(task: TaskState): number | undefined {
  let earliest: number | undefined
  for (const container of task.containers) {
    if (container.desired !== 'RUNNING' || container.known === 'RUNNING') continue
    if (container.known === 'STOPPED') continue
    for (const dependency of container.dependsOn) {
      if (dependency.condition === 'START') continue
      const dep = task.containers.find(c => c.name === dependency.containerName)
      const deadline = dep ? startDeadline(dep) : undefined
      if (deadline !== undefined && (earliest === undefined || deadline < earliest)) {
        earliest = deadline
      }
    }
  }
  return earliest
}
