import type {
  Attribute,
  ContainerDefinition,
  RegisterTaskDefinitionRequest,
} from '@quayside/openapi/types'

const LEGACY = 'com.amazonaws.ecs.capability.'
const CAPABILITY = 'ecs.capability.'
const ECR_IMAGE = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//

/*
 * The capability attributes a definition requires of the instance it runs on: the names the
 * ECS container agent advertises for the features below. Placement refuses an instance that lacks
 * one (reason ATTRIBUTE). The list keeps to features whose requirement ECS documents (the
 * ContainerDefinition reference's "requires version 1.xx of the Docker Remote API" notes, and
 * the attributes ECS shows on registered definitions):
 *
 * | feature in the definition                         | required attribute                                  |
 * |---------------------------------------------------|-----------------------------------------------------|
 * | dockerLabels, ulimits, logConfiguration           | com.amazonaws.ecs.capability.docker-remote-api.1.18 |
 * | logDriver awslogs                                 | ...docker-remote-api.1.19                           |
 * | memoryReservation                                 | ...docker-remote-api.1.21                           |
 * | healthCheck                                       | ...docker-remote-api.1.24, ecs.capability.container-health-check |
 * | linuxParameters.initProcessEnabled                | ...docker-remote-api.1.25                           |
 * | logConfiguration (driver d)                       | com.amazonaws.ecs.capability.logging-driver.d       |
 * | privileged                                        | com.amazonaws.ecs.capability.privileged-container   |
 * | image in ECR                                      | com.amazonaws.ecs.capability.ecr-auth               |
 * | ... with executionRoleArn                         | ecs.capability.execution-role-ecr-pull              |
 * | awslogs with executionRoleArn                     | ecs.capability.execution-role-awslogs               |
 * | taskRoleArn                                       | com.amazonaws.ecs.capability.task-iam-role (+ -network-host in host mode) |
 * | networkMode awsvpc                                | ecs.capability.task-eni                             |
 * | dependsOn                                         | ecs.capability.container-ordering                   |
 * | pidMode or ipcMode                                | ecs.capability.pid-ipc-namespace-sharing            |
 * | secrets from SSM / Secrets Manager                | ecs.capability.secrets.ssm|asm.environment-variables |
 * | logConfiguration.secretOptions from SSM / ASM     | ecs.capability.secrets.ssm|asm.bootstrap.log-driver |
 * | repositoryCredentials                             | ecs.capability.private-registry-authentication.secretsmanager |
 * | environmentFiles                                  | ecs.capability.env-files.s3                         |
 * | firelensConfiguration (type t)                    | ecs.capability.firelens.t                           |
 * | restartPolicy enabled                             | ecs.capability.container-restart-policy             |
 * | containerPortRange                                | ecs.capability.network.container-port-range         |
 * | efsVolumeConfiguration (+ authorizationConfig)    | ecs.capability.efs (+ ecs.capability.efsAuth)       |
 * | dockerVolumeConfiguration with driver d != local  | ecs.capability.docker-plugin.d                      |
 *
 * Names are returned sorted and once each, as `{ name }` objects like ECS's own.
 */

function secretSource(valueFrom: string): 'asm' | 'ssm' {
  return valueFrom.includes(':secretsmanager:') ? 'asm' : 'ssm'
}

function containerAttributes(
  c: ContainerDefinition,
  input: RegisterTaskDefinitionRequest,
  names: Set<string>,
): void {
  const add = (name: string): void => {
    names.add(name)
  }
  const log = c.logConfiguration
  if (c.dockerLabels !== undefined || c.ulimits !== undefined || log !== undefined)
    add(`${LEGACY}docker-remote-api.1.18`)
  if (c.memoryReservation !== undefined) add(`${LEGACY}docker-remote-api.1.21`)
  if (c.healthCheck !== undefined) {
    add(`${LEGACY}docker-remote-api.1.24`)
    add(`${CAPABILITY}container-health-check`)
  }
  if (c.linuxParameters?.initProcessEnabled === true) add(`${LEGACY}docker-remote-api.1.25`)
  if (c.privileged === true) add(`${LEGACY}privileged-container`)
  if (log !== undefined) {
    add(`${LEGACY}logging-driver.${log.logDriver}`)
    if (log.logDriver === 'awslogs') {
      add(`${LEGACY}docker-remote-api.1.19`)
      if (input.executionRoleArn !== undefined) add(`${CAPABILITY}execution-role-awslogs`)
    }
    for (const secret of log.secretOptions ?? [])
      add(`${CAPABILITY}secrets.${secretSource(secret.valueFrom)}.bootstrap.log-driver`)
  }
  if (ECR_IMAGE.test(c.image ?? '')) {
    add(`${LEGACY}ecr-auth`)
    if (input.executionRoleArn !== undefined) add(`${CAPABILITY}execution-role-ecr-pull`)
  }
  if (c.dependsOn !== undefined && c.dependsOn.length > 0) add(`${CAPABILITY}container-ordering`)
  for (const secret of c.secrets ?? [])
    add(`${CAPABILITY}secrets.${secretSource(secret.valueFrom)}.environment-variables`)
  if (c.repositoryCredentials !== undefined)
    add(`${CAPABILITY}private-registry-authentication.secretsmanager`)
  if (c.environmentFiles !== undefined && c.environmentFiles.length > 0)
    add(`${CAPABILITY}env-files.s3`)
  if (c.firelensConfiguration !== undefined)
    add(`${CAPABILITY}firelens.${c.firelensConfiguration.type}`)
  if (c.restartPolicy?.enabled === true) add(`${CAPABILITY}container-restart-policy`)
  if ((c.portMappings ?? []).some(m => m.containerPortRange !== undefined))
    add(`${CAPABILITY}network.container-port-range`)
}

/** The `requiresAttributes` ECS derives for a definition (see the table above). */
export function requiresAttributes(input: RegisterTaskDefinitionRequest): Attribute[] {
  const names = new Set<string>()
  for (const container of input.containerDefinitions) containerAttributes(container, input, names)
  if (input.taskRoleArn !== undefined) {
    names.add(`${LEGACY}task-iam-role`)
    if (input.networkMode === 'host') names.add(`${LEGACY}task-iam-role-network-host`)
  }
  if (input.networkMode === 'awsvpc') names.add(`${CAPABILITY}task-eni`)
  if (input.pidMode !== undefined || input.ipcMode !== undefined)
    names.add(`${CAPABILITY}pid-ipc-namespace-sharing`)
  for (const volume of input.volumes ?? []) {
    const efs = volume.efsVolumeConfiguration
    if (efs !== undefined) {
      names.add(`${CAPABILITY}efs`)
      if (efs.authorizationConfig !== undefined) names.add(`${CAPABILITY}efsAuth`)
    }
    const driver = volume.dockerVolumeConfiguration?.driver
    if (driver !== undefined && driver !== 'local')
      names.add(`${CAPABILITY}docker-plugin.${driver}`)
  }
  return [...names].sort().map(name => ({ name }))
}
