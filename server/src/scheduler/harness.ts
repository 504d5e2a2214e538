/**
 * A harness that runs the placement stack over an in-memory cluster, without HTTP or a store (as
 * nomad's `scheduler/tests` Harness does): instances of given sizes and attributes, the tasks on
 * them, and placements applied to its books the way RunTask's transaction applies them (the
 * reservation added to the instance, the task's group recorded on it). Tests and the bench read
 * the placements, their ranks, and each instance's utilisation.
 */
import type { PlacementConstraint, PlacementStrategy, Resource } from '@quayside/openapi/types'
import type { ContainerInstanceDocument } from '../resources/container-instances.js'
import { addReservation, books, NOTHING_RESERVED, type Reserved } from '../resources/remaining.js'
import type { TaskResources } from '../task-definitions/index.js'
import { parseConstraints, parseStrategies } from './placement-strategy.js'
import { place } from './stack.js'
import type { InstanceSnapshot, PlacementRequest, PlacementResult, Random } from './types.js'

/** One instance of the in-memory cluster. */
export interface HarnessInstance {
  /** Defaults to `i<index>`, zero-padded to four digits. */
  readonly id?: string
  /** CPU units and MiB registered. */
  readonly cpu: number
  readonly memory: number
  /** TCP ports the agent reserves; none when omitted. */
  readonly ports?: readonly number[]
  readonly attributes?: Readonly<Record<string, string>>
  readonly status?: 'ACTIVE' | 'DRAINING'
  readonly agentConnected?: boolean
}

/** A task on an instance: its group and what it holds. */
export interface HarnessTask {
  readonly instanceId: string
  readonly group: string
  readonly resources: TaskResources
}

/** What one instance holds, for reading how a strategy filled the cluster. */
export interface Utilisation {
  readonly instanceId: string
  readonly cpu: { readonly registered: number; readonly reserved: number }
  readonly memory: { readonly registered: number; readonly reserved: number }
  readonly tasks: number
  /** Tasks per group. */
  readonly groups: Readonly<Record<string, number>>
}

/** A request in the shape a test writes it; strategies and constraints as on the wire. */
export interface HarnessRequest {
  readonly count?: number
  readonly cpu?: number
  readonly memory?: number
  readonly tcpPorts?: readonly number[]
  readonly udpPorts?: readonly number[]
  readonly group?: string
  readonly requiresAttributes?: PlacementRequest['requiresAttributes']
  readonly constraints?: readonly PlacementConstraint[]
  readonly strategies?: readonly PlacementStrategy[]
}

/** A parsed placement request from the test's shape (throws as RunTask would on bad input). */
export function harnessRequest(given: HarnessRequest = {}): PlacementRequest {
  return {
    count: given.count ?? 1,
    resources: {
      cpu: given.cpu ?? 0,
      memory: given.memory ?? 0,
      tcpPorts: [...(given.tcpPorts ?? [])],
      udpPorts: [...(given.udpPorts ?? [])],
    },
    group: given.group ?? 'family:app',
    requiresAttributes: given.requiresAttributes ?? [],
    constraints: parseConstraints(given.constraints ?? []),
    strategies: parseStrategies(given.strategies ?? []),
  }
}

/** A deterministic random source (mulberry32) for reproducible runs. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  return n => {
    state = (state + 0x6d2b79f5) >>> 0
    let x = state
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    const unit = ((x ^ (x >>> 14)) >>> 0) / 2 ** 32
    return Math.floor(unit * n)
  }
}

interface Slot {
  readonly id: string
  readonly registered: Resource[]
  reserved: Reserved
  readonly groups: string[]
  document: ContainerInstanceDocument
}

const ARN_PREFIX = 'arn:aws:ecs:us-east-1:000000000000:container-instance/harness/'

function documentOf(slot: Omit<Slot, 'document'>, given: HarnessInstance) {
  const document: ContainerInstanceDocument = {
    containerInstanceArn: ARN_PREFIX + slot.id,
    version: 1,
    ...books(slot.registered, slot.reserved),
    registeredResources: slot.registered,
    status: given.status ?? 'ACTIVE',
    agentConnected: given.agentConnected ?? true,
    runningTasksCount: slot.groups.length,
    pendingTasksCount: 0,
    attributes: Object.entries(given.attributes ?? {}).map(([name, value]) => ({ name, value })),
    registeredAt: 0,
    attachments: [],
    tags: [],
  }
  return document
}

/** The in-memory cluster. */
export class Harness {
  private readonly slots: Slot[]
  private readonly byId = new Map<string, { slot: Slot; given: HarnessInstance }>()
  private readonly random: Random | undefined

  constructor(
    instances: readonly HarnessInstance[],
    options: { tasks?: readonly HarnessTask[]; random?: Random } = {},
  ) {
    this.random = options.random
    this.slots = instances.map((given, i) => {
      const id = given.id ?? `i${String(i).padStart(4, '0')}`
      const registered: Resource[] = [
        { name: 'CPU', type: 'INTEGER', integerValue: given.cpu },
        { name: 'MEMORY', type: 'INTEGER', integerValue: given.memory },
        { name: 'PORTS', type: 'STRINGSET', stringSetValue: (given.ports ?? []).map(String) },
        { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
      ]
      const bare = { id, registered, reserved: NOTHING_RESERVED, groups: [] }
      const slot = { ...bare, document: documentOf(bare, given) }
      this.byId.set(id, { slot, given })
      return slot
    })
    for (const task of options.tasks ?? []) this.hold(task.instanceId, task.group, task.resources)
  }

  /** The instances as the stack sees them now. */
  snapshots(): InstanceSnapshot[] {
    return this.slots.map(s => ({ id: s.id, instance: s.document, taskGroups: s.groups }))
  }

  /** Runs the stack and applies its placements to the books; returns its result. */
  place(request: PlacementRequest): PlacementResult {
    const result = place(this.snapshots(), request, this.random ? { random: this.random } : {})
    for (const p of result.placements) this.hold(p.instanceId, request.group, request.resources)
    return result
  }

  /** Every instance's reservations and tasks. */
  utilisation(): Utilisation[] {
    return this.slots.map(s => {
      const groups: Record<string, number> = {}
      for (const g of s.groups) groups[g] = (groups[g] ?? 0) + 1
      return {
        instanceId: s.id,
        cpu: { registered: registeredAmount(s, 'CPU'), reserved: s.reserved.cpu },
        memory: { registered: registeredAmount(s, 'MEMORY'), reserved: s.reserved.memory },
        tasks: s.groups.length,
        groups,
      }
    })
  }

  /**
   * The instances whose tasks hold more than they registered: CPU or memory over the total, or
   * a host port held twice (by two tasks, or by a task and the agent's reserved set).
   */
  overCommitted(): string[] {
    return this.slots
      .filter(s => {
        if (s.reserved.cpu > registeredAmount(s, 'CPU')) return true
        if (s.reserved.memory > registeredAmount(s, 'MEMORY')) return true
        const own = s.registered.find(r => r.name === 'PORTS')?.stringSetValue ?? []
        const tcp = [...own.map(Number), ...s.reserved.tcpPorts]
        return (
          new Set(tcp).size < tcp.length ||
          new Set(s.reserved.udpPorts).size < s.reserved.udpPorts.length
        )
      })
      .map(s => s.id)
  }

  private hold(instanceId: string, group: string, resources: TaskResources): void {
    const entry = this.byId.get(instanceId)
    if (!entry) throw new RangeError(`no instance ${instanceId} in the harness`)
    const { slot, given } = entry
    slot.reserved = addReservation(slot.reserved, resources)
    slot.groups.push(group)
    slot.document = documentOf(slot, given)
  }
}

function registeredAmount(slot: Slot, name: string): number {
  const r = slot.registered.find(x => x.name === name)
  return r?.integerValue ?? 0
}
