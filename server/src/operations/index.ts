/**
 * The registry: every ECS operation of the spec, by its wire name, mapped to its handler (one file
 * per operation, named after it). test/operations/index.ts checks it against the spec.
 */
import type { OperationHandler } from './context.js'
import { continueServiceDeployment } from './continue-service-deployment.js'
import { createCapacityProvider } from './create-capacity-provider.js'
import { createCluster } from './create-cluster.js'
import { createDaemon } from './create-daemon.js'
import { createExpressGatewayService } from './create-express-gateway-service.js'
import { createService } from './create-service.js'
import { createTaskSet } from './create-task-set.js'
import { deleteAccountSetting } from './delete-account-setting.js'
import { deleteAttributes } from './delete-attributes.js'
import { deleteCapacityProvider } from './delete-capacity-provider.js'
import { deleteCluster } from './delete-cluster.js'
import { deleteDaemon } from './delete-daemon.js'
import { deleteDaemonTaskDefinition } from './delete-daemon-task-definition.js'
import { deleteExpressGatewayService } from './delete-express-gateway-service.js'
import { deleteService } from './delete-service.js'
import { deleteTaskDefinitions } from './delete-task-definitions.js'
import { deleteTaskSet } from './delete-task-set.js'
import { deregisterContainerInstance } from './deregister-container-instance.js'
import { deregisterTaskDefinition } from './deregister-task-definition.js'
import { describeCapacityProviders } from './describe-capacity-providers.js'
import { describeClusters } from './describe-clusters.js'
import { describeContainerInstances } from './describe-container-instances.js'
import { describeDaemon } from './describe-daemon.js'
import { describeDaemonDeployments } from './describe-daemon-deployments.js'
import { describeDaemonRevisions } from './describe-daemon-revisions.js'
import { describeDaemonTaskDefinition } from './describe-daemon-task-definition.js'
import { describeExpressGatewayService } from './describe-express-gateway-service.js'
import { describeServiceDeployments } from './describe-service-deployments.js'
import { describeServiceRevisions } from './describe-service-revisions.js'
import { describeServices } from './describe-services.js'
import { describeTaskDefinition } from './describe-task-definition.js'
import { describeTaskSets } from './describe-task-sets.js'
import { describeTasks } from './describe-tasks.js'
import { discoverPollEndpoint } from './discover-poll-endpoint.js'
import { executeCommand } from './execute-command.js'
import { getTaskProtection } from './get-task-protection.js'
import { listAccountSettings } from './list-account-settings.js'
import { listAttributes } from './list-attributes.js'
import { listClusters } from './list-clusters.js'
import { listContainerInstances } from './list-container-instances.js'
import { listDaemonDeployments } from './list-daemon-deployments.js'
import { listDaemonTaskDefinitions } from './list-daemon-task-definitions.js'
import { listDaemons } from './list-daemons.js'
import { listServiceDeployments } from './list-service-deployments.js'
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
import { registerDaemonTaskDefinition } from './register-daemon-task-definition.js'
import { registerTaskDefinition } from './register-task-definition.js'
import { runTask } from './run-task.js'
import { startTask } from './start-task.js'
import { stopServiceDeployment } from './stop-service-deployment.js'
import { stopTask } from './stop-task.js'
import { submitAttachmentStateChanges } from './submit-attachment-state-changes.js'
import { submitContainerStateChange } from './submit-container-state-change.js'
import { submitTaskStateChange } from './submit-task-state-change.js'
import { tagResource } from './tag-resource.js'
import { untagResource } from './untag-resource.js'
import { updateCapacityProvider } from './update-capacity-provider.js'
import { updateCluster } from './update-cluster.js'
import { updateClusterSettings } from './update-cluster-settings.js'
import { updateContainerAgent } from './update-container-agent.js'
import { updateContainerInstancesState } from './update-container-instances-state.js'
import { updateDaemon } from './update-daemon.js'
import { updateExpressGatewayService } from './update-express-gateway-service.js'
import { updateService } from './update-service.js'
import { updateServicePrimaryTaskSet } from './update-service-primary-task-set.js'
import { updateTaskProtection } from './update-task-protection.js'
import { updateTaskSet } from './update-task-set.js'

/** Operation name -> handler, for all 77 operations of ECS 2014-11-13. */
export const operations: ReadonlyMap<string, OperationHandler> = new Map<string, OperationHandler>([
  ['ContinueServiceDeployment', continueServiceDeployment],
  ['CreateCapacityProvider', createCapacityProvider],
  ['CreateCluster', createCluster],
  ['CreateDaemon', createDaemon],
  ['CreateExpressGatewayService', createExpressGatewayService],
  ['CreateService', createService],
  ['CreateTaskSet', createTaskSet],
  ['DeleteAccountSetting', deleteAccountSetting],
  ['DeleteAttributes', deleteAttributes],
  ['DeleteCapacityProvider', deleteCapacityProvider],
  ['DeleteCluster', deleteCluster],
  ['DeleteDaemon', deleteDaemon],
  ['DeleteDaemonTaskDefinition', deleteDaemonTaskDefinition],
  ['DeleteExpressGatewayService', deleteExpressGatewayService],
  ['DeleteService', deleteService],
  ['DeleteTaskDefinitions', deleteTaskDefinitions],
  ['DeleteTaskSet', deleteTaskSet],
  ['DeregisterContainerInstance', deregisterContainerInstance],
  ['DeregisterTaskDefinition', deregisterTaskDefinition],
  ['DescribeCapacityProviders', describeCapacityProviders],
  ['DescribeClusters', describeClusters],
  ['DescribeContainerInstances', describeContainerInstances],
  ['DescribeDaemon', describeDaemon],
  ['DescribeDaemonDeployments', describeDaemonDeployments],
  ['DescribeDaemonRevisions', describeDaemonRevisions],
  ['DescribeDaemonTaskDefinition', describeDaemonTaskDefinition],
  ['DescribeExpressGatewayService', describeExpressGatewayService],
  ['DescribeServiceDeployments', describeServiceDeployments],
  ['DescribeServiceRevisions', describeServiceRevisions],
  ['DescribeServices', describeServices],
  ['DescribeTaskDefinition', describeTaskDefinition],
  ['DescribeTaskSets', describeTaskSets],
  ['DescribeTasks', describeTasks],
  ['DiscoverPollEndpoint', discoverPollEndpoint],
  ['ExecuteCommand', executeCommand],
  ['GetTaskProtection', getTaskProtection],
  ['ListAccountSettings', listAccountSettings],
  ['ListAttributes', listAttributes],
  ['ListClusters', listClusters],
  ['ListContainerInstances', listContainerInstances],
  ['ListDaemonDeployments', listDaemonDeployments],
  ['ListDaemonTaskDefinitions', listDaemonTaskDefinitions],
  ['ListDaemons', listDaemons],
  ['ListServiceDeployments', listServiceDeployments],
  ['ListServices', listServices],
  ['ListServicesByNamespace', listServicesByNamespace],
  ['ListTagsForResource', listTagsForResource],
  ['ListTaskDefinitionFamilies', listTaskDefinitionFamilies],
  ['ListTaskDefinitions', listTaskDefinitions],
  ['ListTasks', listTasks],
  ['PutAccountSetting', putAccountSetting],
  ['PutAccountSettingDefault', putAccountSettingDefault],
  ['PutAttributes', putAttributes],
  ['PutClusterCapacityProviders', putClusterCapacityProviders],
  ['RegisterContainerInstance', registerContainerInstance],
  ['RegisterDaemonTaskDefinition', registerDaemonTaskDefinition],
  ['RegisterTaskDefinition', registerTaskDefinition],
  ['RunTask', runTask],
  ['StartTask', startTask],
  ['StopServiceDeployment', stopServiceDeployment],
  ['StopTask', stopTask],
  ['SubmitAttachmentStateChanges', submitAttachmentStateChanges],
  ['SubmitContainerStateChange', submitContainerStateChange],
  ['SubmitTaskStateChange', submitTaskStateChange],
  ['TagResource', tagResource],
  ['UntagResource', untagResource],
  ['UpdateCapacityProvider', updateCapacityProvider],
  ['UpdateCluster', updateCluster],
  ['UpdateClusterSettings', updateClusterSettings],
  ['UpdateContainerAgent', updateContainerAgent],
  ['UpdateContainerInstancesState', updateContainerInstancesState],
  ['UpdateDaemon', updateDaemon],
  ['UpdateExpressGatewayService', updateExpressGatewayService],
  ['UpdateService', updateService],
  ['UpdateServicePrimaryTaskSet', updateServicePrimaryTaskSet],
  ['UpdateTaskProtection', updateTaskProtection],
  ['UpdateTaskSet', updateTaskSet],
])

/** Operations that answer UnsupportedFeatureException in this version (see server/README.md). */
export const UNSUPPORTED_OPERATIONS: readonly string[] = [
  'ContinueServiceDeployment',
  'CreateCapacityProvider',
  'CreateDaemon',
  'CreateExpressGatewayService',
  'CreateTaskSet',
  'DeleteCapacityProvider',
  'DeleteDaemon',
  'DeleteDaemonTaskDefinition',
  'DeleteExpressGatewayService',
  'DeleteTaskSet',
  'DescribeCapacityProviders',
  'DescribeDaemon',
  'DescribeDaemonDeployments',
  'DescribeDaemonRevisions',
  'DescribeDaemonTaskDefinition',
  'DescribeExpressGatewayService',
  'DescribeServiceDeployments',
  'DescribeServiceRevisions',
  'DescribeTaskSets',
  'ExecuteCommand',
  'ListDaemonDeployments',
  'ListDaemonTaskDefinitions',
  'ListDaemons',
  'ListServiceDeployments',
  'RegisterDaemonTaskDefinition',
  'StopServiceDeployment',
  'UpdateCapacityProvider',
  'UpdateDaemon',
  'UpdateExpressGatewayService',
  'UpdateServicePrimaryTaskSet',
  'UpdateTaskSet',
]
