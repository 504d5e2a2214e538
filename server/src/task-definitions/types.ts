/**
 * Structural types for task definitions, member for member as the ECS model (2014-11-13) spells
 * them: `RegisterTaskDefinitionRequest`, `TaskDefinition`, `ContainerDefinition` and the shapes
 * they hold. A member is required only where the model says so; everything else is optional and,
 * being JSON, absent rather than `undefined`.
 */

export type NetworkMode = 'bridge' | 'host' | 'awsvpc' | 'none'
export type Compatibility = 'EC2' | 'FARGATE' | 'EXTERNAL' | 'MANAGED_INSTANCES'
export type TransportProtocol = 'tcp' | 'udp'

export interface KeyValuePair {
  name?: string
  value?: string
}
export interface Secret {
  name: string
  valueFrom: string
}
export interface PortMapping {
  containerPort?: number
  hostPort?: number
  protocol?: TransportProtocol
  name?: string
  appProtocol?: 'http' | 'http2' | 'grpc'
  containerPortRange?: string
}
export interface MountPoint {
  sourceVolume?: string
  containerPath?: string
  readOnly?: boolean
}
export interface VolumeFrom {
  sourceContainer?: string
  readOnly?: boolean
}
export interface ContainerDependency {
  containerName: string
  condition: 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY'
}
export interface LinuxParameters {
  capabilities?: { add?: string[]; drop?: string[] }
  devices?: {
    hostPath: string
    containerPath?: string
    permissions?: ('read' | 'write' | 'mknod')[]
  }[]
  initProcessEnabled?: boolean
  sharedMemorySize?: number
  tmpfs?: { containerPath: string; size: number; mountOptions?: string[] }[]
  maxSwap?: number
  swappiness?: number
}
export type LogDriver =
  'json-file' | 'syslog' | 'journald' | 'gelf' | 'fluentd' | 'awslogs' | 'splunk' | 'awsfirelens'
export interface LogConfiguration {
  logDriver: LogDriver
  options?: Record<string, string>
  secretOptions?: Secret[]
}
export interface HealthCheck {
  command: string[]
  interval?: number
  timeout?: number
  retries?: number
  startPeriod?: number
}

/** One container of a task definition (model shape `ContainerDefinition`; no member required). */
export interface ContainerDefinition {
  name?: string
  image?: string
  repositoryCredentials?: { credentialsParameter: string }
  cpu?: number
  memory?: number
  memoryReservation?: number
  links?: string[]
  portMappings?: PortMapping[]
  essential?: boolean
  restartPolicy?: { enabled: boolean; ignoredExitCodes?: number[]; restartAttemptPeriod?: number }
  entryPoint?: string[]
  command?: string[]
  environment?: KeyValuePair[]
  environmentFiles?: { value: string; type: 's3' }[]
  mountPoints?: MountPoint[]
  volumesFrom?: VolumeFrom[]
  linuxParameters?: LinuxParameters
  secrets?: Secret[]
  dependsOn?: ContainerDependency[]
  startTimeout?: number
  stopTimeout?: number
  versionConsistency?: 'enabled' | 'disabled'
  hostname?: string
  user?: string
  workingDirectory?: string
  disableNetworking?: boolean
  privileged?: boolean
  readonlyRootFilesystem?: boolean
  dnsServers?: string[]
  dnsSearchDomains?: string[]
  extraHosts?: { hostname: string; ipAddress: string }[]
  dockerSecurityOptions?: string[]
  interactive?: boolean
  pseudoTerminal?: boolean
  dockerLabels?: Record<string, string>
  ulimits?: { name: string; softLimit: number; hardLimit: number }[]
  logConfiguration?: LogConfiguration
  healthCheck?: HealthCheck
  systemControls?: { namespace?: string; value?: string }[]
  resourceRequirements?: { value: string; type: 'GPU' | 'InferenceAccelerator' }[]
  firelensConfiguration?: { type: 'fluentd' | 'fluentbit'; options?: Record<string, string> }
  credentialSpecs?: string[]
}

/** A task-level data volume (model shape `Volume`). */
export interface Volume {
  name?: string
  host?: { sourcePath?: string }
  dockerVolumeConfiguration?: {
    scope?: 'task' | 'shared'
    autoprovision?: boolean
    driver?: string
    driverOpts?: Record<string, string>
    labels?: Record<string, string>
  }
  efsVolumeConfiguration?: {
    fileSystemId: string
    rootDirectory?: string
    transitEncryption?: 'ENABLED' | 'DISABLED'
    transitEncryptionPort?: number
    authorizationConfig?: { accessPointId?: string; iam?: 'ENABLED' | 'DISABLED' }
  }
  s3filesVolumeConfiguration?: {
    fileSystemArn: string
    rootDirectory?: string
    transitEncryptionPort?: number
    accessPointArn?: string
  }
  fsxWindowsFileServerVolumeConfiguration?: {
    fileSystemId: string
    rootDirectory: string
    authorizationConfig: { credentialsParameter: string; domain: string }
  }
  configuredAtLaunch?: boolean
}

export interface TaskDefinitionPlacementConstraint {
  type?: 'memberOf'
  expression?: string
}

/** A capability attribute a container instance must carry (model shape `Attribute`). */
export interface Attribute {
  name: string
  value?: string
  targetType?: 'container-instance'
  targetId?: string
}

/** The members RegisterTaskDefinition takes (model shape `RegisterTaskDefinitionRequest`). */
export interface RegisterTaskDefinitionInput {
  family: string
  taskRoleArn?: string
  executionRoleArn?: string
  networkMode?: NetworkMode
  containerDefinitions: ContainerDefinition[]
  volumes?: Volume[]
  placementConstraints?: TaskDefinitionPlacementConstraint[]
  requiresCompatibilities?: Compatibility[]
  cpu?: string
  memory?: string
  tags?: { key?: string; value?: string }[]
  pidMode?: 'host' | 'task'
  ipcMode?: 'host' | 'task' | 'none'
  proxyConfiguration?: { type?: 'APPMESH'; containerName: string; properties?: KeyValuePair[] }
  inferenceAccelerators?: { deviceName: string; deviceType: string }[]
  ephemeralStorage?: { sizeInGiB: number }
  runtimePlatform?: {
    cpuArchitecture?: 'X86_64' | 'ARM64'
    operatingSystemFamily?: string
  }
  enableFaultInjection?: boolean
}

/**
 * A registered task definition before the store gives it identity: the input with its documented
 * conversions (see normalize.ts) plus the computed `requiresAttributes` and `compatibilities`.
 * The store adds `taskDefinitionArn`, `revision`, `status`, `registeredAt` and `registeredBy`
 * (model shape `TaskDefinition`); `tags` is carried through for the handler to store and answer
 * separately, as RegisterTaskDefinition's response does.
 */
export interface NormalizedTaskDefinition extends RegisterTaskDefinitionInput {
  requiresAttributes: Attribute[]
  compatibilities: Compatibility[]
}

/**
 * Outcome of a task-definition check: the value, or the ECS exception type and message the
 * operation should answer with. Never thrown.
 */
export type TaskDefinitionCheck<T> =
  | { ok: true; value: T }
  | { ok: false; error: 'ClientException' | 'InvalidParameterException'; message: string }

/** Shorthand for a ClientException result. */
export function clientError(message: string): {
  ok: false
  error: 'ClientException'
  message: string
} {
  return { ok: false, error: 'ClientException', message }
}

/** Shorthand for an InvalidParameterException result. */
export function invalidParameter(message: string): {
  ok: false
  error: 'InvalidParameterException'
  message: string
} {
  return { ok: false, error: 'InvalidParameterException', message }
}
