/**
 * Which tasks a service stops when it has more than desiredCount (ECS-NOTES section 4): first the
 * tasks of deployments other than the PRIMARY one, then, one at a time, by the service's first
 * strategy: with the REPLICA default or `spread`, a task from the availability zone with the most
 * tasks of the service, then from the instance of that zone with the most; with `binpack`, a task
 * on the instance that will have the most of the field left; with `random`, any. Ties go to tasks
 * not yet RUNNING, then to the newest, so that the choice is deterministic for a given input.
 */

/** A task as the scale-in rule reads it. */
export interface ServiceTaskView {
  readonly id: string
  readonly instanceId: string
  readonly availabilityZone?: string | undefined
  readonly lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED'
  readonly desiredStatus: 'RUNNING' | 'STOPPED'
  /** The deployment that started it (`startedBy`). */
  readonly deployment?: string | undefined
  /** Epoch seconds. */
  readonly createdAt: number
  /** What is left on its instance now (binpack scale-in), in CPU units and MiB. */
  readonly instanceRemaining?: { readonly cpu: number; readonly memory: number } | undefined
  /** What the task holds on its instance, in CPU units and MiB. */
  readonly holds?: { readonly cpu: number; readonly memory: number } | undefined
}

/** A strategy as the service stores it (the wire PlacementStrategy). */
export interface ScaleInStrategy {
  readonly type?: string | undefined
  readonly field?: string | undefined
}

const countBy = <K>(items: readonly ServiceTaskView[], key: (t: ServiceTaskView) => K) => {
  const counts = new Map<K, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return counts
}

/** Lower first: tasks not RUNNING yet, then the newest, then by id. */
const tieBreak = (a: ServiceTaskView, b: ServiceTaskView) =>
  Number(a.lastStatus === 'RUNNING') - Number(b.lastStatus === 'RUNNING') ||
  b.createdAt - a.createdAt ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** One task to stop among `left` by `strategy`. */
function pickOne(
  left: readonly ServiceTaskView[],
  strategy: ScaleInStrategy | undefined,
  freed: ReadonlyMap<string, { cpu: number; memory: number }>,
): ServiceTaskView {
  const sorted = [...left].sort(tieBreak)
  if (strategy?.type === 'random') return sorted[0] as ServiceTaskView
  if (strategy?.type === 'binpack') {
    const field = strategy.field === 'cpu' ? 'cpu' : 'memory'
    const after = (t: ServiceTaskView) =>
      (t.instanceRemaining?.[field] ?? 0) +
      (freed.get(t.instanceId)?.[field] ?? 0) +
      (t.holds?.[field] ?? 0)
    return sorted.reduce((best, t) => (after(t) > after(best) ? t : best))
  }
  const zones = countBy(left, t => t.availabilityZone ?? '')
  const instances = countBy(left, t => t.instanceId)
  const score = (t: ServiceTaskView) => [
    zones.get(t.availabilityZone ?? '') ?? 0,
    instances.get(t.instanceId) ?? 0,
  ]
  return sorted.reduce((best, t) => {
    const [zone = 0, instance = 0] = score(t)
    const [bestZone = 0, bestInstance = 0] = score(best)
    return zone > bestZone || (zone === bestZone && instance > bestInstance) ? t : best
  })
}

/** Ids of `count` tasks of `tasks` to stop, in the order picked. */
export function pickScaleIn(
  tasks: readonly ServiceTaskView[],
  count: number,
  strategies: readonly ScaleInStrategy[],
  primaryDeployment: string | undefined,
): string[] {
  const picked: string[] = []
  const old = tasks.filter(
    t => primaryDeployment !== undefined && t.deployment !== primaryDeployment,
  )
  for (const t of [...old].sort(tieBreak)) {
    if (picked.length === count) return picked
    picked.push(t.id)
  }
  let left = tasks.filter(t => !picked.includes(t.id))
  const freed = new Map<string, { cpu: number; memory: number }>()
  while (picked.length < count && left.length > 0) {
    const task = pickOne(left, strategies[0], freed)
    picked.push(task.id)
    const was = freed.get(task.instanceId) ?? { cpu: 0, memory: 0 }
    freed.set(task.instanceId, {
      cpu: was.cpu + (task.holds?.cpu ?? 0),
      memory: was.memory + (task.holds?.memory ?? 0),
    })
    left = left.filter(t => t !== task)
  }
  return picked
}
