import { readFileSync } from 'node:fs'
import t from 'tap'
import type { ContainerDefinition, RegisterTaskDefinitionRequest } from '@quayside/openapi/types'
import type { NormalizedTaskDefinition } from '../../src/task-definitions/index.js'
import { normalizeTaskDefinition } from '../../src/task-definitions/index.js'
import { container, definition } from './fixtures/definitions.js'

interface ModelShape {
  members?: Record<string, unknown>
}
const model = JSON.parse(
  readFileSync(new URL('../../../openapi/model/service-2.json', import.meta.url), 'utf8'),
) as {
  shapes: Record<string, ModelShape>
}
const membersOf = (shape: string): string[] =>
  Object.keys(model.shapes[shape]?.members ?? {}).sort()

function normalized(input: RegisterTaskDefinitionRequest): NormalizedTaskDefinition {
  const result = normalizeTaskDefinition(input)
  if (!result.ok) throw new Error(result.message)
  return result.value
}

/** Every ContainerDefinition member of the model, each with a plausible value. */
const rich: ContainerDefinition = {
  name: 'web',
  image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:2.1',
  repositoryCredentials: {
    credentialsParameter: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:registry',
  },
  cpu: 256,
  memory: 512,
  memoryReservation: 256,
  links: ['cache:redis'],
  portMappings: [
    { containerPort: 8080, hostPort: 80, protocol: 'tcp', name: 'http', appProtocol: 'http' },
  ],
  essential: true,
  restartPolicy: { enabled: true, ignoredExitCodes: [0], restartAttemptPeriod: 300 },
  entryPoint: ['/bin/sh', '-c'],
  command: ['exec web --port 8080'],
  environment: [{ name: 'MODE', value: 'production' }],
  environmentFiles: [{ value: 'arn:aws:s3:::config/web.env', type: 's3' }],
  mountPoints: [{ sourceVolume: 'data', containerPath: '/var/lib/web', readOnly: false }],
  volumesFrom: [{ sourceContainer: 'cache', readOnly: true }],
  linuxParameters: {
    capabilities: { add: ['NET_ADMIN'], drop: ['MKNOD'] },
    devices: [
      { hostPath: '/dev/fuse', containerPath: '/dev/fuse', permissions: ['read', 'write'] },
    ],
    initProcessEnabled: true,
    sharedMemorySize: 64,
    tmpfs: [{ containerPath: '/tmp', size: 128, mountOptions: ['noexec'] }],
    maxSwap: 1024,
    swappiness: 10,
  },
  secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/db' }],
  dependsOn: [{ containerName: 'cache', condition: 'HEALTHY' }],
  startTimeout: 120,
  stopTimeout: 30,
  versionConsistency: 'enabled',
  hostname: 'web',
  user: '1000:1000',
  workingDirectory: '/srv',
  disableNetworking: false,
  privileged: false,
  readonlyRootFilesystem: true,
  dnsServers: ['10.0.0.2'],
  dnsSearchDomains: ['internal'],
  extraHosts: [{ hostname: 'db.local', ipAddress: '10.0.0.10' }],
  dockerSecurityOptions: ['no-new-privileges'],
  interactive: false,
  pseudoTerminal: false,
  dockerLabels: { team: 'platform' },
  ulimits: [{ name: 'nofile', softLimit: 4096, hardLimit: 8192 }],
  logConfiguration: {
    logDriver: 'awslogs',
    options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1' },
    secretOptions: [
      { name: 'token', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/log' },
    ],
  },
  healthCheck: {
    command: ['CMD-SHELL', 'curl -f http://localhost:8080/ || exit 1'],
    interval: 30,
    timeout: 5,
    retries: 3,
    startPeriod: 10,
  },
  systemControls: [{ namespace: 'net.core.somaxconn', value: '1024' }],
  resourceRequirements: [{ value: '1', type: 'GPU' }],
  firelensConfiguration: { type: 'fluentbit', options: { 'enable-ecs-log-metadata': 'true' } },
  credentialSpecs: ['credentialspec:arn:aws:s3:::bucket/spec.json'],
}
const cache: ContainerDefinition = {
  name: 'cache',
  image: 'redis:7',
  memory: 128,
  essential: false,
  healthCheck: { command: ['CMD', 'redis-cli', 'ping'] },
}
/** Every RegisterTaskDefinitionRequest member of the model. */
const richInput: RegisterTaskDefinitionRequest = {
  family: 'web-app',
  taskRoleArn: 'arn:aws:iam::123456789012:role/web-task',
  executionRoleArn: 'arn:aws:iam::123456789012:role/web-exec',
  networkMode: 'bridge',
  containerDefinitions: [rich, cache],
  volumes: [
    {
      name: 'data',
      dockerVolumeConfiguration: {
        scope: 'shared',
        autoprovision: true,
        driver: 'local',
        driverOpts: { type: 'tmpfs' },
        labels: { a: 'b' },
      },
    },
  ],
  placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.os-type == linux' }],
  requiresCompatibilities: ['EC2'],
  cpu: '1024',
  memory: '2048',
  tags: [{ key: 'team', value: 'platform' }],
  pidMode: 'task',
  ipcMode: 'task',
  proxyConfiguration: {
    type: 'APPMESH',
    containerName: 'web',
    properties: [{ name: 'AppPorts', value: '8080' }],
  },
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the model still carries it, and a definition given it keeps it
  inferenceAccelerators: [{ deviceName: 'device1', deviceType: 'eia2.medium' }],
  ephemeralStorage: { sizeInGiB: 30 },
  runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
  enableFaultInjection: false,
}

t.test('the rich fixtures cover every member of the model', t => {
  t.same(Object.keys(rich).sort(), membersOf('ContainerDefinition'), 'ContainerDefinition')
  t.same(
    Object.keys(richInput).sort(),
    membersOf('RegisterTaskDefinitionRequest'),
    'RegisterTaskDefinitionRequest',
  )
  t.end()
})

t.test('a rich definition round-trips unchanged apart from the computed members', t => {
  const before = structuredClone(richInput)
  const result = normalized(richInput)
  const { requiresAttributes, compatibilities, ...rest } = result
  const withCacheDefaults = {
    ...cache,
    cpu: 0,
    portMappings: [],
    environment: [],
    mountPoints: [],
    volumesFrom: [],
  }
  t.same(rest, { ...richInput, containerDefinitions: [rich, withCacheDefaults] })
  t.same(compatibilities, ['EC2', 'EXTERNAL'])
  t.ok(requiresAttributes.length > 10, 'rich definitions require many capabilities')
  t.same(richInput, before, 'the input is not modified')
  t.not(result.containerDefinitions[0], rich, 'the result is a copy')
  t.end()
})

t.test('members the model does not know are kept', t => {
  const input = { ...definition(), futureMember: { nested: [1, 2] } }
  const first = input.containerDefinitions[0]!
  const withExtra = { ...input, containerDefinitions: [{ ...first, futureContainerMember: 'x' }] }
  const result: Record<string, unknown> = normalized(withExtra)
  t.same(result['futureMember'], { nested: [1, 2] })
  t.same(
    (result['containerDefinitions'] as Record<string, unknown>[])[0]?.['futureContainerMember'],
    'x',
  )
  t.end()
})

const conversions: [
  string,
  { given: RegisterTaskDefinitionRequest; want: Partial<NormalizedTaskDefinition> },
][] = [
  ['vCPU to units', { given: definition({ cpu: '0.5 vCPU' }), want: { cpu: '512' } }],
  ['GB to MiB', { given: definition({ memory: '1 GB' }), want: { memory: '1024' } }],
  [
    'units stay',
    { given: definition({ cpu: '2048', memory: '4096' }), want: { cpu: '2048', memory: '4096' } },
  ],
  ['spaces trimmed', { given: definition({ cpu: ' 256 ' }), want: { cpu: '256' } }],
  [
    'task lists default to empty',
    { given: definition(), want: { networkMode: 'bridge', volumes: [], placementConstraints: [] } },
  ],
  [
    'container defaults',
    {
      given: definition({}, { name: 'app', image: 'nginx', memory: 128 }),
      want: {
        containerDefinitions: [
          {
            name: 'app',
            image: 'nginx',
            memory: 128,
            cpu: 0,
            essential: true,
            portMappings: [],
            environment: [],
            mountPoints: [],
            volumesFrom: [],
          },
        ],
      },
    },
  ],
  [
    'essential false kept',
    {
      given: definition({}, container({ essential: false }), container({ name: 'b' })),
      want: {
        containerDefinitions: [
          {
            ...container(),
            cpu: 0,
            essential: false,
            portMappings: [],
            environment: [],
            mountPoints: [],
            volumesFrom: [],
          },
          {
            ...container({ name: 'b' }),
            cpu: 0,
            essential: true,
            portMappings: [],
            environment: [],
            mountPoints: [],
            volumesFrom: [],
          },
        ],
      },
    },
  ],
  [
    'protocol defaults to tcp; bridge hostPort left alone',
    {
      given: definition(
        {},
        container({
          portMappings: [{ containerPort: 80 }, { containerPort: 53, protocol: 'udp' }],
        }),
      ),
      want: {
        containerDefinitions: [
          {
            ...container(),
            cpu: 0,
            essential: true,
            portMappings: [
              { containerPort: 80, protocol: 'tcp' },
              { containerPort: 53, protocol: 'udp' },
            ],
            environment: [],
            mountPoints: [],
            volumesFrom: [],
          },
        ],
      },
    },
  ],
  [
    'awsvpc hostPort filled from containerPort',
    {
      given: definition(
        { networkMode: 'awsvpc' },
        container({ portMappings: [{ containerPort: 80 }, { containerPortRange: '90-95' }] }),
      ),
      want: {
        containerDefinitions: [
          {
            ...container(),
            cpu: 0,
            essential: true,
            portMappings: [
              { containerPort: 80, hostPort: 80, protocol: 'tcp' },
              { containerPortRange: '90-95', protocol: 'tcp' },
            ],
            environment: [],
            mountPoints: [],
            volumesFrom: [],
          },
        ],
      },
    },
  ],
  [
    'host hostPort filled from containerPort',
    {
      given: definition(
        { networkMode: 'host' },
        container({ portMappings: [{ containerPort: 9090, protocol: 'tcp' }] }),
      ),
      want: {
        containerDefinitions: [
          {
            ...container(),
            cpu: 0,
            essential: true,
            portMappings: [{ containerPort: 9090, hostPort: 9090, protocol: 'tcp' }],
            environment: [],
            mountPoints: [],
            volumesFrom: [],
          },
        ],
      },
    },
  ],
]

t.test('conversions and defaults', t => {
  for (const [name, { given, want }] of conversions) {
    const result: Record<string, unknown> = normalized(given)
    const picked = Object.fromEntries(Object.keys(want).map(key => [key, result[key]]))
    t.same(picked, want, name)
  }
  t.end()
})

t.test('an EFS volume without rootDirectory gets ECS\'s default "/"', t => {
  const volumes = normalized(
    definition({
      volumes: [
        { name: 'plain', efsVolumeConfiguration: { fileSystemId: 'fs-1' } },
        { name: 'sub', efsVolumeConfiguration: { fileSystemId: 'fs-1', rootDirectory: '/data' } },
        { name: 'scratch', host: {} },
      ],
    }),
  ).volumes
  t.same(volumes, [
    { name: 'plain', efsVolumeConfiguration: { fileSystemId: 'fs-1', rootDirectory: '/' } },
    { name: 'sub', efsVolumeConfiguration: { fileSystemId: 'fs-1', rootDirectory: '/data' } },
    { name: 'scratch', host: {} },
  ])
  t.end()
})
