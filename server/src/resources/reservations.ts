/**
 * Reservations on a container instance's `remainingResources`: pure arithmetic over the wire
 * `Resource` list. CPU and MEMORY count down from the registered amount; PORTS and PORTS_UDP are
 * the set of host ports in use (registered reserved ports plus the static ports of tasks), so a
 * reservation adds to them (ECS-NOTES section 3). The placement stages reserve on their working
 * copy with these; the stored books are derived in ./remaining.ts.
 */
import type { TaskResources } from '../task-definitions/index.js'
import type { Resource } from '@quayside/openapi/types'

/** ECS's reason strings for an instance that lacks a resource. */
export type ResourceReason =
  'RESOURCE:CPU' | 'RESOURCE:MEMORY' | 'RESOURCE:PORTS' | 'RESOURCE:PORTS_UDP'

/** The resource named `name` (a loop: placement asks this of every instance, every request). */
const named = (resources: readonly Resource[], name: string): Resource | undefined => {
  for (const r of resources) if (r.name === name) return r
  return undefined
}

const amount = (resources: readonly Resource[], name: string): number => {
  const r = named(resources, name)
  return r?.integerValue ?? r?.longValue ?? r?.doubleValue ?? 0
}

const anyInUse = (resources: readonly Resource[], name: string, ports: readonly number[]) => {
  if (ports.length === 0) return false
  const inUse = new Set(named(resources, name)?.stringSetValue ?? [])
  return ports.some(p => inUse.has(String(p)))
}

/** A copy deep enough that the with* functions below never touch `resources`. */
const copy = (resources: readonly Resource[]): Resource[] =>
  resources.map(r =>
    r.stringSetValue === undefined ? { ...r } : { ...r, stringSetValue: [...r.stringSetValue] },
  )

/** The first resource `need` lacks on `remaining`, or undefined when it fits. */
export function shortfall(
  remaining: readonly Resource[],
  need: TaskResources,
): ResourceReason | undefined {
  if (need.cpu > amount(remaining, 'CPU')) return 'RESOURCE:CPU'
  if (need.memory > amount(remaining, 'MEMORY')) return 'RESOURCE:MEMORY'
  if (anyInUse(remaining, 'PORTS', need.tcpPorts)) return 'RESOURCE:PORTS'
  if (anyInUse(remaining, 'PORTS_UDP', need.udpPorts)) return 'RESOURCE:PORTS_UDP'
  return undefined
}

function withAmount(resources: Resource[], name: string, delta: number): void {
  let r = resources.find(x => x.name === name)
  if (!r) {
    if (delta === 0) return
    r = { name, type: 'INTEGER', integerValue: 0 }
    resources.push(r)
  }
  // Keep whichever numeric member the agent registered the resource with.
  if (r.longValue !== undefined && r.integerValue === undefined) r.longValue += delta
  else if (r.doubleValue !== undefined && r.integerValue === undefined) r.doubleValue += delta
  else r.integerValue = (r.integerValue ?? 0) + delta
}

function withPorts(resources: Resource[], name: string, ports: number[]): void {
  if (ports.length === 0) return
  let r = resources.find(x => x.name === name)
  if (!r) {
    r = { name, type: 'STRINGSET', stringSetValue: [] }
    resources.push(r)
  }
  const set = new Set(r.stringSetValue ?? [])
  for (const p of ports) set.add(String(p))
  r.stringSetValue = [...set]
}

/** `remaining` after reserving `need` (a new list; the input is not changed). */
export function reserve(remaining: readonly Resource[], need: TaskResources): Resource[] {
  const out = copy(remaining)
  withAmount(out, 'CPU', -need.cpu)
  withAmount(out, 'MEMORY', -need.memory)
  withPorts(out, 'PORTS', need.tcpPorts)
  withPorts(out, 'PORTS_UDP', need.udpPorts)
  return out
}
