/**
 * Building a new task: the resources a task of a definition reserves once overrides apply, and
 * the task document itself (ARNs, containers, timestamps). Pure.
 */
import { randomUUID } from 'node:crypto'
import type { Scope } from '../store/index.js'
import type { ContainerDefinition, LaunchType, Tag, TaskOverride } from '@quayside/openapi/types'
import type { StoredContainer, TaskRecord } from '../resources/tasks.js'
import {
  parseTaskCpu,
  parseTaskMemory,
  type NormalizedTaskDefinition,
  type TaskResources,
} from '../task-definitions/index.js'

/** The definition as it runs: container and task-level overrides applied. */
export function applyOverrides(
  def: NormalizedTaskDefinition,
  overrides: TaskOverride,
): NormalizedTaskDefinition {
  const byName = new Map((overrides.containerOverrides ?? []).map(o => [o.name, o]))
  const containerDefinitions = def.containerDefinitions.map(c => {
    const o = byName.get(c.name)
    if (!o) return c
    const out: ContainerDefinition = { ...c }
    if (o.cpu !== undefined) out.cpu = o.cpu
    if (o.memory !== undefined) out.memory = o.memory
    if (o.memoryReservation !== undefined) out.memoryReservation = o.memoryReservation
    return out
  })
  const out: NormalizedTaskDefinition = { ...def, containerDefinitions }
  const cpu = overrides.cpu === undefined ? undefined : parseTaskCpu(overrides.cpu)
  const memory = overrides.memory === undefined ? undefined : parseTaskMemory(overrides.memory)
  if (cpu !== undefined) out.cpu = String(cpu)
  if (memory !== undefined) out.memory = String(memory)
  return out
}

/** What a new task is made of. */
export interface NewTaskInput {
  readonly scope: Scope
  readonly cluster: string
  readonly clusterArn: string
  readonly taskDefinitionArn: string
  readonly definition: NormalizedTaskDefinition
  readonly resources: TaskResources
  readonly instanceId: string
  readonly containerInstanceArn: string
  readonly availabilityZone: string | undefined
  readonly overrides: TaskOverride
  readonly group: string
  readonly startedBy: string | undefined
  readonly launchType: LaunchType
  readonly tags: Tag[]
  readonly now: number
  readonly id: string
}

/** The stored record of a task just placed: PENDING, desired RUNNING, version 1. */
export function newTask(input: NewTaskInput): TaskRecord {
  const prefix = `arn:aws:ecs:${input.scope.region}:${input.scope.account}:`
  const taskArn = `${prefix}task/${input.cluster}/${input.id}`
  const containers: StoredContainer[] = input.definition.containerDefinitions.map(c => ({
    containerArn: `${prefix}container/${input.cluster}/${input.id}/${randomUUID()}`,
    taskArn,
    name: c.name ?? '',
    ...(c.image !== undefined ? { image: c.image } : {}),
    lastStatus: 'PENDING',
    networkBindings: [],
    networkInterfaces: [],
    healthStatus: 'UNKNOWN',
    cpu: String(c.cpu ?? 0),
    ...(c.memory !== undefined ? { memory: String(c.memory) } : {}),
    ...(c.memoryReservation !== undefined
      ? { memoryReservation: String(c.memoryReservation) }
      : {}),
  }))
  const healthChecked = input.definition.containerDefinitions
    .filter(c => c.essential !== false && c.healthCheck !== undefined)
    .map(c => c.name ?? '')
  return {
    family: input.definition.family,
    instanceId: input.instanceId,
    reserved: input.resources,
    ...(healthChecked.length > 0 ? { healthChecked } : {}),
    task: {
      taskArn,
      clusterArn: input.clusterArn,
      taskDefinitionArn: input.taskDefinitionArn,
      containerInstanceArn: input.containerInstanceArn,
      ...(input.availabilityZone !== undefined ? { availabilityZone: input.availabilityZone } : {}),
      overrides: input.overrides,
      lastStatus: 'PENDING',
      desiredStatus: 'RUNNING',
      cpu: String(input.resources.cpu),
      memory: String(input.resources.memory),
      containers,
      ...(input.startedBy !== undefined ? { startedBy: input.startedBy } : {}),
      version: 1,
      createdAt: input.now,
      group: input.group,
      launchType: input.launchType,
      attachments: [],
      healthStatus: 'UNKNOWN',
      enableExecuteCommand: false,
      tags: input.tags,
    },
  }
}
