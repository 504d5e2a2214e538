/**
 * The seam between the provider's RPC handlers and whatever makes resources real. Each resource
 * has ONE narrow interface taking and returning plain API models (ECS member names, generated from
 * the spec with the schemas), so the handlers are tested against an in-memory fake now and the
 * SDK-backed implementation plugs in later without touching them.
 *
 * Contract shared by every backend: methods reject with a BackendError (named after the ECS
 * exception) when the API refuses; `read` resolves undefined when the object does not exist any
 * more (deleted, INACTIVE), which Terraform turns into a planned re-create.
 */
import type {
  AccountSettingDefaultModel,
  ClusterModel,
  ContainerInstanceAttributesModel,
  ServiceModel,
  TaskDefinitionModel,
} from '../generated/schemas.js'

/** Clusters: CreateCluster / DescribeClusters / UpdateCluster + tagging / DeleteCluster. */
export interface ClusterBackend {
  /** Creates the cluster `input.clusterName`; answers the cluster as described. */
  create(input: ClusterModel): Promise<ClusterModel>
  /** The ACTIVE cluster named `cluster` (name or ARN), or undefined. */
  read(cluster: string): Promise<ClusterModel | undefined>
  /** Sets `settings` and replaces `tags` of an existing cluster. */
  update(cluster: string, input: ClusterModel): Promise<ClusterModel>
  delete(cluster: string): Promise<void>
}

/** Task definitions: RegisterTaskDefinition / DescribeTaskDefinition / DeregisterTaskDefinition. */
export interface TaskDefinitionBackend {
  /** Registers a new revision of `input.family`. */
  create(input: TaskDefinitionModel): Promise<TaskDefinitionModel>
  /**
   * The task definition `taskDefinition` names (family = latest ACTIVE revision, family:revision,
   * or ARN), with its tags; undefined when unknown or INACTIVE.
   */
  read(taskDefinition: string): Promise<TaskDefinitionModel | undefined>
  /** Deregisters the revision (`family:revision` or ARN). Revisions are immutable: no update. */
  delete(taskDefinition: string): Promise<void>
}

/** Services: CreateService / DescribeServices / UpdateService + tagging / DeleteService. */
export interface ServiceBackend {
  create(input: ServiceModel): Promise<ServiceModel>
  /** The ACTIVE service `service` (name or ARN) of `cluster`, or undefined (also when DRAINING/INACTIVE). */
  read(cluster: string, service: string): Promise<ServiceModel | undefined>
  /** Applies what UpdateService can change, and replaces the tags. */
  update(cluster: string, service: string, input: ServiceModel): Promise<ServiceModel>
  /**
   * Resolves once the service is stable by ECS's ServicesStable rule (exactly one deployment,
   * runningCount == desiredCount). Rejects with a wait error (errors.ts `waitFailed`) when it is
   * DRAINING, INACTIVE or missing, or when `timeoutMs` passes first.
   */
  waitStable(cluster: string, service: string, timeoutMs: number): Promise<void>
  /**
   * Deletes the service (forced: Terraform wants it gone, not scaled down first), then waits until
   * it is INACTIVE or gone, `timeoutMs` at most (a wait error after that).
   */
  delete(cluster: string, service: string, timeoutMs: number): Promise<void>
}

/** Custom container instance attributes: PutAttributes / ListAttributes / DeleteAttributes. */
export interface ContainerInstanceAttributesBackend {
  /** Puts `input.attributes` on container instance `input.targetId` of `input.cluster`. */
  create(input: ContainerInstanceAttributesModel): Promise<ContainerInstanceAttributesModel>
  /** The custom attributes of the instance (its built-in ecs.* ones left out), or undefined if it is gone. */
  read(
    cluster: string,
    containerInstance: string,
  ): Promise<ContainerInstanceAttributesModel | undefined>
  /** Makes the instance's custom attributes exactly `input.attributes`. */
  update(input: ContainerInstanceAttributesModel): Promise<ContainerInstanceAttributesModel>
  /** Removes the named attributes. */
  delete(cluster: string, containerInstance: string, names: readonly string[]): Promise<void>
}

/** Account setting defaults: PutAccountSettingDefault / ListAccountSettings / DeleteAccountSetting. */
export interface AccountSettingDefaultBackend {
  create(input: AccountSettingDefaultModel): Promise<AccountSettingDefaultModel>
  /** The account-wide default of setting `name`, or undefined when none is set. */
  read(name: string): Promise<AccountSettingDefaultModel | undefined>
  update(input: AccountSettingDefaultModel): Promise<AccountSettingDefaultModel>
  delete(name: string): Promise<void>
}

/** Every backend the provider uses, built once per ConfigureProvider. */
export interface Backends {
  readonly cluster: ClusterBackend
  readonly taskDefinition: TaskDefinitionBackend
  readonly service: ServiceBackend
  readonly containerInstanceAttributes: ContainerInstanceAttributesBackend
  readonly accountSettingDefault: AccountSettingDefaultBackend
}

/** The provider configuration after defaults from the environment are applied. */
export interface ProviderConfig {
  readonly endpoint: string | undefined
  readonly region: string
  readonly accessKey: string | undefined
  readonly secretKey: string | undefined
  /** With a key pair from the environment, its AWS_SESSION_TOKEN (temporary credentials). */
  readonly sessionToken: string | undefined
}

/**
 * Builds the backends for a configuration. Called on every ConfigureProvider (Terraform may
 * configure one process several times), so it must not keep state of its own between calls.
 */
export type BackendFactory = (config: ProviderConfig, signal: AbortSignal) => Backends
