/** Custom attributes on container instances (Put/List/DeleteAttributes). */
import type { Attribute } from '@quayside/openapi/types'
import { errors } from '../errors.js'
import type { Scope, Transaction } from '../store/index.js'
import {
  findInstance,
  saveInstance,
  type ContainerInstanceDocument,
} from './container-instances.js'

/** Custom (non `ecs.`) attributes one instance may hold. */
export const MAX_CUSTOM_ATTRIBUTES = 10

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_./-]{0,127}$/
const VALUE = /^[a-zA-Z0-9_.@/: -]{1,128}$/

/**
 * Checks names, values and targets; refuses more than 10 per call. (`targetType` can only be
 * `container-instance`: the validator holds it to the spec's enum.)
 */
export function checkAttributes(attributes: readonly Attribute[], needValues: boolean): void {
  if (attributes.length > 10)
    throw errors.invalidParameter('At most 10 attributes can be given per call.')
  for (const a of attributes) {
    if (!NAME.test(a.name)) throw errors.invalidParameter(`Invalid attribute name: ${a.name}`)
    if (needValues && a.value !== undefined && !VALUE.test(a.value)) {
      throw errors.invalidParameter(`Invalid value for attribute ${a.name}: ${a.value}`)
    }
    if (a.targetId === undefined || a.targetId === '') {
      throw errors.invalidParameter(
        `Attribute ${a.name} needs a targetId (a container instance id or ARN).`,
      )
    }
  }
}

/** Loads the live instance an attribute targets, or throws TargetNotFoundException. */
export async function attributeTarget(
  tx: Transaction,
  scope: Scope,
  cluster: string,
  attribute: Attribute,
): Promise<ContainerInstanceDocument> {
  const instance = await findInstance(tx, scope, cluster, attribute.targetId ?? '')
  if (!instance || instance.status === 'INACTIVE') {
    throw errors.targetNotFound(
      `Could not find the target ${attribute.targetId ?? ''} in cluster ${cluster}.`,
    )
  }
  return instance
}

/**
 * Applies `edit` to the instance each attribute targets and saves every changed instance once,
 * with its version bumped: the shared body of PutAttributes and DeleteAttributes.
 */
export async function editAttributes(
  tx: Transaction,
  scope: Scope,
  cluster: string,
  attributes: readonly Attribute[],
  edit: (instance: ContainerInstanceDocument, attribute: Attribute) => void,
): Promise<void> {
  const changed = new Map<string, ContainerInstanceDocument>()
  for (const attribute of attributes) {
    const loaded = await attributeTarget(tx, scope, cluster, attribute)
    const instance = changed.get(loaded.containerInstanceArn) ?? loaded
    edit(instance, attribute)
    changed.set(instance.containerInstanceArn, instance)
  }
  for (const instance of changed.values()) {
    instance.version += 1
    await saveInstance(tx, scope, cluster, instance)
  }
}
