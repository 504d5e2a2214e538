/** The registry of resource and data source types, by Terraform type name. */
import { accountSettingDefault } from './account-setting-default.js'
import { cluster } from './cluster.js'
import { containerInstanceAttributes } from './container-instance-attributes.js'
import { clusterData, serviceData, taskDefinitionData } from './data-sources.js'
import { service } from './service.js'
import { taskDefinition } from './task-definition.js'
import type { DataSourceType, ResourceType } from './types.js'

/** Every managed resource type. */
export const resourceTypes: ReadonlyMap<string, ResourceType> = new Map(
  [cluster, taskDefinition, service, containerInstanceAttributes, accountSettingDefault].map(r => [
    r.typeName,
    r,
  ]),
)

/** Every data source type. */
export const dataSourceTypes: ReadonlyMap<string, DataSourceType> = new Map(
  [clusterData, taskDefinitionData, serviceData].map(d => [d.typeName, d]),
)
