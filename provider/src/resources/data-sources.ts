/** The data sources: quayside_cluster, quayside_task_definition, quayside_service. */
import { backendError } from '../errors.js'
import type { ApiModel } from '../values/api-model.js'
import type { DataSourceType } from './types.js'
import { dataSourceSchema, text } from './types.js'

function found(model: ApiModel | undefined, ecsName: string, what: string): ApiModel {
  if (!model) throw backendError(ecsName, `${what} not found.`)
  return model
}

/** Looks a cluster up by name or ARN. */
export const clusterData: DataSourceType = {
  typeName: 'quayside_cluster',
  schema: dataSourceSchema('quayside_cluster'),
  read: async (backends, config) =>
    found(
      await backends.cluster.read(text(config, 'cluster_name')),
      'ClusterNotFoundException',
      'Cluster',
    ),
  derive: state => ({ id: state['arn'] ?? null }),
}

/** Looks a task definition up by family, family:revision or ARN. */
export const taskDefinitionData: DataSourceType = {
  typeName: 'quayside_task_definition',
  schema: dataSourceSchema('quayside_task_definition'),
  read: async (backends, config) =>
    found(
      await backends.taskDefinition.read(text(config, 'task_definition')),
      'ClientException',
      'Task definition',
    ),
  derive: state => {
    const arn = text(state, 'arn')
    return { id: arn || null, arn_without_revision: arn === '' ? null : arn.replace(/:\d+$/, '') }
  },
}

/** Looks a service up by name in a cluster. */
export const serviceData: DataSourceType = {
  typeName: 'quayside_service',
  schema: dataSourceSchema('quayside_service'),
  read: async (backends, config) =>
    found(
      await backends.service.read(text(config, 'cluster_arn'), text(config, 'service_name')),
      'ServiceNotFoundException',
      'Service',
    ),
  derive: state => ({ id: state['arn'] ?? null }),
}
