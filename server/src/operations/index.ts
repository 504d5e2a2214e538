/**
 * The registry: the operations this server builds, by wire name, each mapped to its handler (one
 * file per operation, named after it) and typed by the spec through {@link BuiltOperations}. An
 * operation of the spec that is not here answers UnsupportedFeatureException; that list, and
 * server/README.md's, follow from this one (test/operations/index.ts and test/readme.ts check).
 */
import { operationNames } from '@quayside/openapi'
import type { BuiltOperations, OperationContext, OperationHandler } from './context.js'
import { unsupported } from './unsupported.js'
import { createCluster } from './create-cluster.js'
import { createService } from './create-service.js'
import { deleteAccountSetting } from './delete-account-setting.js'
import { deleteAttributes } from './delete-attributes.js'
import { deleteCluster } from './delete-cluster.js'
import { deleteService } from './delete-service.js'
import { deleteTaskDefinitions } from './delete-task-definitions.js'
import { deregisterContainerInstance } from './deregister-container-instance.js'
import { deregisterTaskDefinition } from './deregister-task-definition.js'
import { describeClusters } from './describe-clusters.js'
import { describeContainerInstances } from './describe-container-instances.js'
import { describeServices } from './describe-services.js'
import { describeTaskDefinition } from './describe-task-definition.js'
import { describeTasks } from './describe-tasks.js'
import { discoverPollEndpoint } from './discover-poll-endpoint.js'
import { getTaskProtection } from './get-task-protection.js'
import { listAccountSettings } from './list-account-settings.js'
import { listAttributes } from './list-attributes.js'
import { listClusters } from './list-clusters.js'
import { listContainerInstances } from './list-container-instances.js'
import { listServices } from './list-services.js'
import { listServicesByNamespace } from './list-services-by-namespace.js'
import { listTagsForResource } from './list-tags-for-resource.js'
import { listTaskDefinitionFamilies } from './list-task-definition-families.js'
import { listTaskDefinitions } from './list-task-definitions.js'
import { listTasks } from './list-tasks.js'
import { putAccountSetting } from './put-account-setting.js'
import { putAccountSettingDefault } from './put-account-setting-default.js'
import { putAttributes } from './put-attributes.js'
import { putClusterCapacityProviders } from './put-cluster-capacity-providers.js'
import { registerContainerInstance } from './register-container-instance.js'
import { registerTaskDefinition } from './register-task-definition.js'
import { runTask } from './run-task.js'
import { startTask } from './start-task.js'
import { stopTask } from './stop-task.js'
import { submitAttachmentStateChanges } from './submit-attachment-state-changes.js'
import { submitContainerStateChange } from './submit-container-state-change.js'
import { submitTaskStateChange } from './submit-task-state-change.js'
import { tagResource } from './tag-resource.js'
import { untagResource } from './untag-resource.js'
import { updateCluster } from './update-cluster.js'
import { updateClusterSettings } from './update-cluster-settings.js'
import { updateContainerAgent } from './update-container-agent.js'
import { updateContainerInstancesState } from './update-container-instances-state.js'
import { updateService } from './update-service.js'
import { updateTaskProtection } from './update-task-protection.js'

/** The built operations: one typed handler each. */
export const builtOperations: BuiltOperations = {
  CreateCluster: createCluster,
  CreateService: createService,
  DeleteAccountSetting: deleteAccountSetting,
  DeleteAttributes: deleteAttributes,
  DeleteCluster: deleteCluster,
  DeleteService: deleteService,
  DeleteTaskDefinitions: deleteTaskDefinitions,
  DeregisterContainerInstance: deregisterContainerInstance,
  DeregisterTaskDefinition: deregisterTaskDefinition,
  DescribeClusters: describeClusters,
  DescribeContainerInstances: describeContainerInstances,
  DescribeServices: describeServices,
  DescribeTaskDefinition: describeTaskDefinition,
  DescribeTasks: describeTasks,
  DiscoverPollEndpoint: discoverPollEndpoint,
  GetTaskProtection: getTaskProtection,
  ListAccountSettings: listAccountSettings,
  ListAttributes: listAttributes,
  ListClusters: listClusters,
  ListContainerInstances: listContainerInstances,
  ListServices: listServices,
  ListServicesByNamespace: listServicesByNamespace,
  ListTagsForResource: listTagsForResource,
  ListTaskDefinitionFamilies: listTaskDefinitionFamilies,
  ListTaskDefinitions: listTaskDefinitions,
  ListTasks: listTasks,
  PutAccountSetting: putAccountSetting,
  PutAccountSettingDefault: putAccountSettingDefault,
  PutAttributes: putAttributes,
  PutClusterCapacityProviders: putClusterCapacityProviders,
  RegisterContainerInstance: registerContainerInstance,
  RegisterTaskDefinition: registerTaskDefinition,
  RunTask: runTask,
  StartTask: startTask,
  StopTask: stopTask,
  SubmitAttachmentStateChanges: submitAttachmentStateChanges,
  SubmitContainerStateChange: submitContainerStateChange,
  SubmitTaskStateChange: submitTaskStateChange,
  TagResource: tagResource,
  UntagResource: untagResource,
  UpdateCluster: updateCluster,
  UpdateClusterSettings: updateClusterSettings,
  UpdateContainerAgent: updateContainerAgent,
  UpdateContainerInstancesState: updateContainerInstancesState,
  UpdateService: updateService,
  UpdateTaskProtection: updateTaskProtection,
}

/**
 * The pipeline's view of a built handler. The pipeline calls it only once the operation's input
 * validator has accepted the input, which makes the input that operation's request type; `never`
 * stands for that type here, where the operation is known only at run time.
 */
function dispatch(
  handler: (input: never, context: OperationContext) => Promise<object>,
): OperationHandler {
  return (input, context) => handler(input as never, context)
}

const isBuilt = (name: string): name is keyof BuiltOperations =>
  Object.hasOwn(builtOperations, name)

/** The spec's operations that are not built: each answers UnsupportedFeatureException. */
export const UNSUPPORTED_OPERATIONS: readonly string[] = operationNames.filter(
  name => !isBuilt(name),
)

/** Operation name -> handler, for all 77 operations of ECS 2014-11-13, as the pipeline calls them. */
export const operations: ReadonlyMap<string, OperationHandler> = new Map(
  operationNames.map((name): [string, OperationHandler] => {
    const handler = isBuilt(name) ? builtOperations[name] : undefined
    return [name, handler ? dispatch(handler) : unsupported(name)]
  }),
)
