/**
 * What each ECS operation is to authorization and throttling: its IAM action (`ecs:<Operation>`),
 * the resources it acts on, derived from its validated input, and its throttling group.
 *
 * Resources follow the resource types of ECS's IAM reference where it names one: the cluster for
 * calls on a cluster or its contents, the task, service, container instance or task definition
 * ARN for calls on those, the ARN given for tagging, and `*` for account-wide and create-style
 * calls (ListClusters, RegisterTaskDefinition, account settings, ...). References are expanded to
 * full ARNs of the caller's account and region (`web` -> `...:service/<cluster>/web`); a reference
 * that is already an ARN is checked as written. A task definition named by family alone is
 * checked as `task-definition/<family>:*`, so a policy must allow every revision of the family
 * for it (naming one revision in a Deny does not catch a call by family). Batch calls check
 * every resource they name.
 */
import type { Scope } from '../store/index.js'
import { LOGS_ACTIONS } from './actions-logs.js'
import { SECRETS_MANAGER_ACTIONS } from './actions-secretsmanager.js'
import { SSM_ACTIONS } from './actions-ssm.js'

/** Throttling groups: each has its own token bucket per account and region. */
export type ActionGroup = 'cluster-read' | 'read' | 'write' | 'launch' | 'agent'

/** The validated input as the table reads it. */
type Input = Readonly<Record<string, unknown>>

/** Derives the ARNs (or `*`) a call acts on; never empty. */
type Resolver = (input: Input, scope: Scope) => string[]

/** One row of {@link ACTIONS}. */
export interface ActionInfo {
  readonly group: ActionGroup
  readonly resources: Resolver
}

const text = (input: Input, name: string): string | undefined => {
  const value = input[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

const texts = (input: Input, name: string): string[] => {
  const value = input[name]
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v !== '')
    : []
}

const arnPrefix = (scope: Scope) => `arn:aws:ecs:${scope.region}:${scope.account}:`

/** A reference (name or ARN) -> the ARN of `type/<path>` in the caller's scope. */
const expand = (scope: Scope, type: string, reference: string, path = reference) =>
  reference.startsWith('arn:') ? reference : `${arnPrefix(scope)}${type}/${path}`

/** The cluster a call names (`cluster`, default `default`) as a name for child ARNs. */
function clusterPart(input: Input, field = 'cluster'): string {
  const reference = text(input, field) ?? 'default'
  if (!reference.startsWith('arn:')) return reference
  const slash = reference.indexOf(':cluster/')
  return slash < 0 ? reference : reference.slice(slash + ':cluster/'.length)
}

const ANY: Resolver = () => ['*']

const cluster =
  (field = 'cluster'): Resolver =>
  (input, scope) => [expand(scope, 'cluster', text(input, field) ?? 'default')]

const clusters: Resolver = (input, scope) => {
  const names = texts(input, 'clusters')
  return (names.length === 0 ? ['default'] : names).map(n => expand(scope, 'cluster', n))
}

/** Children of a cluster (`task/<cluster>/<id>`, `service/<cluster>/<name>`, ...). */
const children =
  (type: string, field: string, orCluster = false): Resolver =>
  (input, scope) => {
    const single = text(input, field)
    const refs = single === undefined ? texts(input, field) : [single]
    if (refs.length === 0) return orCluster ? cluster()(input, scope) : ['*']
    const parent = clusterPart(input)
    return refs.map(r => expand(scope, type, r, `${parent}/${r}`))
  }

/** `family`, `family:revision` or an ARN -> a task definition ARN (`family:*` without revision). */
const taskDefinitions =
  (field: string): Resolver =>
  (input, scope) => {
    const single = text(input, field)
    const refs = single === undefined ? texts(input, field) : [single]
    if (refs.length === 0) return ['*']
    return refs.map(r => expand(scope, 'task-definition', r, r.includes(':') ? r : `${r}:*`))
  }

/** An ARN-valued member checked as given (`*` when absent). */
const arns =
  (field: string): Resolver =>
  input => {
    const single = text(input, field)
    const refs = single === undefined ? texts(input, field) : [single]
    return refs.length === 0 ? ['*'] : refs
  }

const capacityProvider =
  (field: string): Resolver =>
  (input, scope) => {
    const single = text(input, field)
    const refs = single === undefined ? texts(input, field) : [single]
    return refs.length === 0 ? ['*'] : refs.map(r => expand(scope, 'capacity-provider', r))
  }

const newService: Resolver = (input, scope) => [
  expand(
    scope,
    'service',
    text(input, 'serviceName') ?? '*',
    `${clusterPart(input)}/${text(input, 'serviceName') ?? '*'}`,
  ),
]

/** Every operation of the spec (checked against the registry by the tests). */
export const ACTIONS: Readonly<Record<string, ActionInfo>> = {
  ContinueServiceDeployment: { group: 'write', resources: arns('serviceDeploymentArn') },
  CreateCapacityProvider: { group: 'write', resources: capacityProvider('name') },
  CreateCluster: { group: 'write', resources: ANY },
  CreateDaemon: { group: 'write', resources: ANY },
  CreateExpressGatewayService: { group: 'write', resources: ANY },
  CreateService: { group: 'write', resources: newService },
  CreateTaskSet: { group: 'write', resources: children('service', 'service') },
  DeleteAccountSetting: { group: 'write', resources: ANY },
  DeleteAttributes: { group: 'write', resources: cluster() },
  DeleteCapacityProvider: { group: 'write', resources: capacityProvider('capacityProvider') },
  DeleteCluster: { group: 'write', resources: cluster() },
  DeleteDaemon: { group: 'write', resources: arns('daemonArn') },
  DeleteDaemonTaskDefinition: { group: 'write', resources: arns('daemonTaskDefinition') },
  DeleteExpressGatewayService: { group: 'write', resources: arns('serviceArn') },
  DeleteService: { group: 'write', resources: children('service', 'service') },
  DeleteTaskDefinitions: { group: 'write', resources: taskDefinitions('taskDefinitions') },
  DeleteTaskSet: { group: 'write', resources: children('service', 'service') },
  DeregisterContainerInstance: { group: 'write', resources: cluster() },
  DeregisterTaskDefinition: { group: 'write', resources: taskDefinitions('taskDefinition') },
  DescribeCapacityProviders: { group: 'read', resources: capacityProvider('capacityProviders') },
  DescribeClusters: { group: 'cluster-read', resources: clusters },
  DescribeContainerInstances: {
    group: 'read',
    resources: children('container-instance', 'containerInstances'),
  },
  DescribeDaemon: { group: 'read', resources: arns('daemonArn') },
  DescribeDaemonDeployments: { group: 'read', resources: arns('daemonDeploymentArns') },
  DescribeDaemonRevisions: { group: 'read', resources: arns('daemonRevisionArns') },
  DescribeDaemonTaskDefinition: { group: 'read', resources: arns('daemonTaskDefinition') },
  DescribeExpressGatewayService: { group: 'read', resources: arns('serviceArn') },
  DescribeServiceDeployments: { group: 'read', resources: arns('serviceDeploymentArns') },
  DescribeServiceRevisions: { group: 'read', resources: arns('serviceRevisionArns') },
  DescribeServices: { group: 'read', resources: children('service', 'services') },
  DescribeTaskDefinition: { group: 'read', resources: taskDefinitions('taskDefinition') },
  DescribeTaskSets: { group: 'read', resources: children('service', 'service') },
  DescribeTasks: { group: 'read', resources: children('task', 'tasks') },
  DiscoverPollEndpoint: { group: 'agent', resources: ANY },
  ExecuteCommand: { group: 'write', resources: children('task', 'task') },
  GetTaskProtection: { group: 'read', resources: children('task', 'tasks', true) },
  ListAccountSettings: { group: 'read', resources: ANY },
  ListAttributes: { group: 'read', resources: cluster() },
  ListClusters: { group: 'cluster-read', resources: ANY },
  ListContainerInstances: { group: 'read', resources: cluster() },
  ListDaemonDeployments: { group: 'read', resources: arns('daemonArn') },
  ListDaemonTaskDefinitions: { group: 'read', resources: ANY },
  ListDaemons: { group: 'read', resources: arns('clusterArn') },
  ListServiceDeployments: { group: 'read', resources: children('service', 'service') },
  ListServices: { group: 'read', resources: cluster() },
  ListServicesByNamespace: { group: 'read', resources: ANY },
  ListTagsForResource: { group: 'read', resources: arns('resourceArn') },
  ListTaskDefinitionFamilies: { group: 'read', resources: ANY },
  ListTaskDefinitions: { group: 'read', resources: ANY },
  ListTasks: { group: 'read', resources: cluster() },
  PutAccountSetting: { group: 'write', resources: ANY },
  PutAccountSettingDefault: { group: 'write', resources: ANY },
  PutAttributes: { group: 'write', resources: cluster() },
  PutClusterCapacityProviders: { group: 'write', resources: cluster() },
  RegisterContainerInstance: { group: 'agent', resources: cluster() },
  RegisterDaemonTaskDefinition: { group: 'write', resources: ANY },
  RegisterTaskDefinition: { group: 'write', resources: ANY },
  RunTask: { group: 'launch', resources: taskDefinitions('taskDefinition') },
  StartTask: { group: 'launch', resources: taskDefinitions('taskDefinition') },
  StopServiceDeployment: { group: 'write', resources: arns('serviceDeploymentArn') },
  StopTask: { group: 'write', resources: children('task', 'task') },
  SubmitAttachmentStateChanges: { group: 'agent', resources: cluster() },
  SubmitContainerStateChange: { group: 'agent', resources: cluster() },
  SubmitTaskStateChange: { group: 'agent', resources: cluster() },
  TagResource: { group: 'write', resources: arns('resourceArn') },
  UntagResource: { group: 'write', resources: arns('resourceArn') },
  UpdateCapacityProvider: { group: 'write', resources: capacityProvider('name') },
  UpdateCluster: { group: 'write', resources: cluster() },
  UpdateClusterSettings: { group: 'write', resources: cluster() },
  UpdateContainerAgent: {
    group: 'write',
    resources: children('container-instance', 'containerInstance'),
  },
  UpdateContainerInstancesState: {
    group: 'write',
    resources: children('container-instance', 'containerInstances'),
  },
  UpdateDaemon: { group: 'write', resources: arns('daemonArn') },
  UpdateExpressGatewayService: { group: 'write', resources: arns('serviceArn') },
  UpdateService: { group: 'write', resources: children('service', 'service') },
  UpdateServicePrimaryTaskSet: { group: 'write', resources: children('service', 'service') },
  UpdateTaskProtection: { group: 'write', resources: children('task', 'tasks') },
  UpdateTaskSet: { group: 'write', resources: children('service', 'service') },
}

/**
 * The other APIs' tables, by the API part of an operation key (`ssm:GetParameter`): each in its
 * own file (./actions-<api>.ts), keyed by operation name.
 */
export const API_ACTIONS: Readonly<Record<string, Readonly<Record<string, ActionInfo>>>> = {
  ssm: SSM_ACTIONS,
  secretsmanager: SECRETS_MANAGER_ACTIONS,
  logs: LOGS_ACTIONS,
}

/** The IAM action of an operation key: `ecs:RunTask` for `RunTask`, the key itself otherwise. */
export function actionName(operation: string): string {
  return operation.includes(':') ? operation : `ecs:${operation}`
}

/** The row of `operation`; operations outside the tables count as writes on `*`. */
export function actionOf(operation: string): ActionInfo {
  const colon = operation.indexOf(':')
  const table = colon < 0 ? ACTIONS : API_ACTIONS[operation.slice(0, colon)]
  const name = operation.slice(colon + 1)
  return table !== undefined && Object.hasOwn(table, name)
    ? (table[name] as ActionInfo)
    : { group: 'write', resources: ANY }
}
