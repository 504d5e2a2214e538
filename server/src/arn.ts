/**
 * ECS ARNs: `arn:aws:ecs:<region>:<account>:<resource>` with the long (cluster-scoped) resource
 * formats of ECS-NOTES section 1. Parsing accepts any partition.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { Scope } from './store/index.js'

/** The resource part of an ECS ARN, by type. */
export type ArnResource =
  | { type: 'cluster'; cluster: string }
  | { type: 'container-instance'; cluster: string; id: string }
  | { type: 'task-definition'; family: string; revision: number }
  | { type: 'task'; cluster: string; id: string }
  | { type: 'service'; cluster: string; name: string }
  | { type: 'capacity-provider'; name: string }
  | { type: 'other'; resource: string }

/** A parsed ARN. */
export interface ParsedArn {
  readonly partition: string
  readonly region: string
  readonly account: string
  readonly resource: ArnResource
}

const prefix = (scope: Scope) => `arn:aws:ecs:${scope.region}:${scope.account}:`

export const clusterArn = (scope: Scope, name: string) => `${prefix(scope)}cluster/${name}`
export const containerInstanceArn = (scope: Scope, cluster: string, id: string) =>
  `${prefix(scope)}container-instance/${cluster}/${id}`
export const taskDefinitionArn = (scope: Scope, family: string, revision: number) =>
  `${prefix(scope)}task-definition/${family}:${revision}`

/** The IAM principal ARN of an account's root user: the principal of every request here. */
export const rootPrincipal = (account: string) => `arn:aws:iam::${account}:root`

/** A new long-format resource id: 32 lowercase hex characters. */
export const newId = () => randomBytes(16).toString('hex')

/**
 * A task id: 32 hex digits like ECS's, the first 12 being the creation time in milliseconds and
 * the other 20 random. Tasks created together get neighbouring ids, so the store appends them to
 * the same index pages instead of scattering them over the tree: fewer pages written per commit,
 * which is what a RunTask of many tasks mostly pays for. Ids stay unique and unguessable.
 */
export function newTaskId(now = Date.now()): string {
  // randomUUID draws from a cached pool of random bytes, unlike randomBytes' call per id; its
  // first 8 and last 12 hex digits are fully random (the version and variant sit in between).
  const random = randomUUID()
  return now.toString(16).padStart(12, '0').slice(-12) + random.slice(0, 8) + random.slice(24, 36)
}

/** Parses an ECS ARN; undefined when `text` is not one. */
export function parseArn(text: string): ParsedArn | undefined {
  const m = /^arn:(aws[a-z-]*):ecs:([a-z0-9-]+):(\d{12}):(.+)$/.exec(text)
  if (!m) return undefined
  const [, partition = '', region = '', account = '', rest = ''] = m
  return { partition, region, account, resource: parseResource(rest) }
}

function parseResource(rest: string): ArnResource {
  const [type = '', ...parts] = rest.split('/')
  if (type === 'cluster' && parts.length === 1 && parts[0]) return { type, cluster: parts[0] }
  if (
    (type === 'container-instance' || type === 'task') &&
    parts.length === 2 &&
    parts[0] &&
    parts[1]
  ) {
    return { type, cluster: parts[0], id: parts[1] }
  }
  if (type === 'service' && parts.length === 2 && parts[0] && parts[1]) {
    return { type, cluster: parts[0], name: parts[1] }
  }
  if (type === 'capacity-provider' && parts.length === 1 && parts[0])
    return { type, name: parts[0] }
  if (type === 'task-definition' && parts.length === 1) {
    const td = /^([A-Za-z0-9_-]{1,255}):(\d{1,10})$/.exec(parts[0] ?? '')
    if (td?.[1] && td[2]) return { type, family: td[1], revision: Number(td[2]) }
  }
  return { type: 'other', resource: rest }
}

/** A cluster reference (name or ARN) -> name; ARNs of another account or region never match. */
export function clusterName(scope: Scope, reference: string | undefined): string {
  if (reference === undefined || reference === '') return 'default'
  if (!reference.startsWith('arn:')) return reference
  const arn = parseArn(reference)
  if (
    arn?.resource.type === 'cluster' &&
    arn.account === scope.account &&
    arn.region === scope.region
  ) {
    return arn.resource.cluster
  }
  // An unusable ARN names no cluster; callers then answer ClusterNotFoundException.
  return ` ${reference}`
}
