/**
 * A container instance's books, kept so that `remainingResources` is derived rather than counted:
 * the instance stores the sum of what its tasks hold (`reserved`, not on the wire) and
 * `remainingResources` is always `remainingOf(registeredResources, reserved)`. A re-registration
 * (an agent restarting from saved state, possibly with other totals) then only replaces the
 * registered side, and a stop only takes its task's share off the sum: free capacity can never
 * exceed what the instance registered, nor go below zero (ECS-NOTES section 3).
 *
 * CPU and MEMORY count down from the registered amount, clamped at zero: an instance that
 * re-registered with less than its tasks hold has nothing left, and nothing more is placed on it
 * until enough of them stop. PORTS and PORTS_UDP are the ports in use: the registered reserved
 * ports together with the static host ports of the tasks.
 */
import type { TaskResources } from '../task-definitions/index.js'
import type { Resource } from '@quayside/openapi/types'
import type { ContainerInstanceDocument } from './container-instances.js'

/** What the tasks on one instance hold together; ports once per task holding them. */
export type Reserved = TaskResources

/** Nothing held. */
export const NOTHING_RESERVED: Reserved = { cpu: 0, memory: 0, tcpPorts: [], udpPorts: [] }

/** `reserved` with one more task's reservation (a new value; the inputs are not changed). */
export function addReservation(reserved: Reserved, need: TaskResources): Reserved {
  return {
    cpu: reserved.cpu + need.cpu,
    memory: reserved.memory + need.memory,
    tcpPorts: [...reserved.tcpPorts, ...need.tcpPorts],
    udpPorts: [...reserved.udpPorts, ...need.udpPorts],
  }
}

const withoutOnce = (ports: readonly number[], drop: readonly number[]): number[] => {
  const out = [...ports]
  for (const port of drop) {
    const at = out.indexOf(port)
    if (at >= 0) out.splice(at, 1)
  }
  return out
}

/** `reserved` without one task's reservation, never below nothing. */
export function removeReservation(reserved: Reserved, need: TaskResources): Reserved {
  return {
    cpu: Math.max(0, reserved.cpu - need.cpu),
    memory: Math.max(0, reserved.memory - need.memory),
    tcpPorts: withoutOnce(reserved.tcpPorts, need.tcpPorts),
    udpPorts: withoutOnce(reserved.udpPorts, need.udpPorts),
  }
}

/** The sum of the reservations of the given tasks (null: a task that gave its share back). */
export function sumReservations(held: Iterable<TaskResources | null>): Reserved {
  let sum = NOTHING_RESERVED
  for (const need of held) if (need) sum = addReservation(sum, need)
  return sum
}

const amount = (r: Resource): number => r.integerValue ?? r.longValue ?? r.doubleValue ?? 0

/** `r` with its amount set, in whichever numeric member the agent registered it with. */
function withAmount(r: Resource, value: number): Resource {
  if (r.integerValue !== undefined) return { ...r, integerValue: value }
  if (r.longValue !== undefined) return { ...r, longValue: value }
  if (r.doubleValue !== undefined) return { ...r, doubleValue: value }
  return { ...r, integerValue: value }
}

const union = (registered: readonly string[] | undefined, ports: readonly number[]): string[] => [
  ...new Set([...(registered ?? []), ...ports.map(String)]),
]

const withPorts = (r: Resource, ports: readonly number[]): Resource =>
  ports.length === 0 && r.stringSetValue === undefined
    ? { ...r }
    : { ...r, stringSetValue: union(r.stringSetValue, ports) }

/**
 * The instance's `remainingResources`: `registered` minus `reserved` (CPU, MEMORY; at least 0),
 * ports in use = registered ∪ reserved; every other resource as registered.
 */
export function remainingOf(registered: readonly Resource[], reserved: Reserved): Resource[] {
  const out = registered.map((r): Resource => {
    if (r.name === 'CPU') return withAmount(r, Math.max(0, amount(r) - reserved.cpu))
    if (r.name === 'MEMORY') return withAmount(r, Math.max(0, amount(r) - reserved.memory))
    if (r.name === 'PORTS') return withPorts(r, reserved.tcpPorts)
    if (r.name === 'PORTS_UDP') return withPorts(r, reserved.udpPorts)
    return r.stringSetValue === undefined
      ? { ...r }
      : { ...r, stringSetValue: [...r.stringSetValue] }
  })
  const portSet = (name: string, ports: readonly number[]) => {
    if (ports.length > 0 && !registered.some(r => r.name === name))
      out.push({ name, type: 'STRINGSET', stringSetValue: union([], ports) })
  }
  portSet('PORTS', reserved.tcpPorts)
  portSet('PORTS_UDP', reserved.udpPorts)
  return out
}

const find = (resources: readonly Resource[], name: string) => resources.find(r => r.name === name)

/**
 * What the instance's tasks hold. Documents written before `reserved` was kept carry only the
 * counted `remainingResources`; their sum is read back from the difference.
 */
export function reservedOf(
  instance: Pick<
    ContainerInstanceDocument,
    'reserved' | 'registeredResources' | 'remainingResources'
  >,
): Reserved {
  if (instance.reserved) return instance.reserved
  const { registeredResources: registered, remainingResources: remaining } = instance
  const used = (name: string) => {
    const total = find(registered, name)
    const left = find(remaining, name)
    return Math.max(0, (total ? amount(total) : 0) - (left ? amount(left) : 0))
  }
  const ports = (name: string) => {
    const own = new Set(find(registered, name)?.stringSetValue ?? [])
    return (find(remaining, name)?.stringSetValue ?? [])
      .filter(p => !own.has(p))
      .map(Number)
      .filter(Number.isInteger)
  }
  return {
    cpu: used('CPU'),
    memory: used('MEMORY'),
    tcpPorts: ports('PORTS'),
    udpPorts: ports('PORTS_UDP'),
  }
}

/** The parts of an instance document the books set: `reserved` and the derived remainder. */
export function books(
  registered: readonly Resource[],
  reserved: Reserved,
): Pick<ContainerInstanceDocument, 'reserved' | 'remainingResources'> {
  return { reserved, remainingResources: remainingOf(registered, reserved) }
}
