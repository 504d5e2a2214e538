/**
 * Resolves a resource ARN for TagResource/UntagResource/ListTagsForResource: clusters, container
 * instances, task definitions, tasks and services carry tags; ARNs of the other kinds (capacity
 * providers, task sets...) are not found, as no such resource can be created here.
 */
import { parseArn } from '../arn.js'
import { errors } from '../errors.js'
import type { Scope, Transaction } from '../store/index.js'
import type { Tag } from '@quayside/openapi/types'
import { saveCluster, type ClusterDocument } from './clusters.js'
import { saveInstance, type ContainerInstanceDocument } from './container-instances.js'
import { saveService, serviceKey, type ServiceDocument } from './services.js'
import { saveTask, type TaskRecord } from './tasks.js'
import {
  revisionKey,
  saveTaskDefinition,
  type TaskDefinitionRecord,
} from './task-definition-records.js'

/** The tags of one resource and how to store new ones. */
export interface Taggable {
  readonly tags: readonly Tag[]
  save(tags: Tag[]): Promise<void>
}

/** Loads the resource `resourceArn` names, or throws the error ECS gives. */
export async function loadTaggable(
  tx: Transaction,
  scope: Scope,
  resourceArn: string,
): Promise<Taggable> {
  const arn = parseArn(resourceArn)
  if (!arn) throw errors.invalidParameter(`Invalid resource ARN: ${resourceArn}`)
  const notFound = () =>
    errors.resourceNotFound(`The specified resource was not found: ${resourceArn}`)
  if (arn.account !== scope.account || arn.region !== scope.region) throw notFound()
  const resource = arn.resource
  switch (resource.type) {
    case 'cluster': {
      const doc = await tx.get<ClusterDocument>(scope, 'cluster', resource.cluster)
      if (!doc) throw errors.clusterNotFound()
      const cluster = doc.body
      return { tags: cluster.tags, save: tags => saveCluster(tx, scope, { ...cluster, tags }) }
    }
    case 'container-instance': {
      const doc = await tx.get<ContainerInstanceDocument>(scope, 'container-instance', resource.id)
      if (doc?.parent !== resource.cluster || doc.body.status === 'INACTIVE') throw notFound()
      const instance = doc.body
      return {
        tags: instance.tags,
        save: tags => saveInstance(tx, scope, resource.cluster, { ...instance, tags }),
      }
    }
    case 'task-definition': {
      const doc = await tx.get<TaskDefinitionRecord>(
        scope,
        'task-definition',
        revisionKey(resource.family, resource.revision),
      )
      if (!doc || doc.body.taskDefinition.status === 'DELETE_IN_PROGRESS') throw notFound()
      const record = doc.body
      return { tags: record.tags, save: tags => saveTaskDefinition(tx, scope, { ...record, tags }) }
    }
    case 'task': {
      const doc = await tx.get<TaskRecord>(scope, 'task', resource.id)
      if (doc?.parent !== resource.cluster) throw notFound()
      const record = doc.body
      return {
        tags: record.task.tags,
        save: tags =>
          saveTask(tx, scope, resource.cluster, { ...record, task: { ...record.task, tags } }),
      }
    }
    case 'service': {
      const doc = await tx.get<ServiceDocument>(
        scope,
        'service',
        serviceKey(resource.cluster, resource.name),
      )
      if (!doc || doc.body.status === 'INACTIVE') throw notFound()
      const service = doc.body
      return {
        tags: service.tags,
        save: tags => saveService(tx, scope, resource.cluster, { ...service, tags }),
      }
    }
    case 'capacity-provider':
    case 'other':
      throw notFound()
  }
}
