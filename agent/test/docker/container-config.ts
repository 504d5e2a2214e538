import t from 'tap'
import {
  containerConfig,
  cpuShares,
  stopTimeoutOf,
  type ConfigContext,
} from '../../src/docker/container-config.js'
import { CLUSTER_LABEL, TASK_ARN_LABEL } from '../../src/docker/identity.js'
import { InvalidTaskError } from '../../src/errors.js'
import type { ContainerDefinition, TaskDefinition } from '../../src/task-definition.js'
import { TASK_ARN, containerDef, fakeTask } from '../fixtures/tasks.js'

const MIB = 1024 * 1024
const context: ConfigContext = {
  dockerNames: new Map([
    ['web', 'ecs-fam-3-web-aa'],
    ['db', 'ecs-fam-3-db-bb'],
  ]),
  defaultStopTimeout: 30,
  region: 'eu-west-1',
  executionEnv: 'AWS_ECS_EC2',
}

function config(web: Partial<ContainerDefinition>, task: Partial<TaskDefinition> = {}) {
  return containerConfig(
    fakeTask([containerDef('web', web), containerDef('db')], task),
    'web',
    context,
  )
}

t.test('a full container definition maps onto the Docker create body', t => {
  const got = config(
    {
      image: 'nginx:1.25',
      command: ['nginx', '-g', 'daemon off;'],
      entryPoint: ['/docker-entrypoint.sh'],
      environment: [{ name: 'MODE', value: 'prod' }, { name: 'EMPTY' }],
      workingDirectory: '/srv',
      user: '1000:1000',
      hostname: 'web1',
      privileged: true,
      readonlyRootFilesystem: true,
      disableNetworking: true,
      interactive: true,
      pseudoTerminal: true,
      cpu: 512,
      memory: 256,
      memoryReservation: 128,
      ulimits: [{ name: 'nofile', softLimit: 1024, hardLimit: 4096 }],
      dockerLabels: { team: 'blue' },
      logConfiguration: { logDriver: 'json-file', options: { 'max-size': '10m' } },
      healthCheck: {
        command: ['CMD-SHELL', 'wget -q -O- localhost || exit 1'],
        interval: 10,
        retries: 5,
      },
      stopTimeout: 2,
      portMappings: [{ containerPort: 80 }, { containerPort: 80, hostPort: 8080 }],
      links: ['db:database'],
      dnsServers: ['10.0.0.2'],
      dnsSearchDomains: ['corp'],
      extraHosts: [{ hostname: 'api', ipAddress: '10.0.0.9' }],
      dockerSecurityOptions: ['no-new-privileges'],
      systemControls: [{ namespace: 'net.core.somaxconn', value: '1024' }, {}],
    },
    { pidMode: 'host', ipcMode: 'none' },
  )
  t.same(got, {
    name: 'ecs-fam-3-web-aa',
    Image: 'nginx:1.25',
    Labels: {
      team: 'blue',
      [TASK_ARN_LABEL]: TASK_ARN,
      'com.amazonaws.ecs.container-name': 'web',
      'com.amazonaws.ecs.task-definition-family': 'fam',
      'com.amazonaws.ecs.task-definition-version': '3',
      [CLUSTER_LABEL]: 'test',
    },
    Env: [
      'MODE=prod',
      'EMPTY=',
      'AWS_EXECUTION_ENV=AWS_ECS_EC2',
      'AWS_REGION=eu-west-1',
      'AWS_DEFAULT_REGION=eu-west-1',
    ],
    ExposedPorts: { '80/tcp': {} },
    StopTimeout: 2,
    Cmd: ['nginx', '-g', 'daemon off;'],
    Entrypoint: ['/docker-entrypoint.sh'],
    WorkingDir: '/srv',
    User: '1000:1000',
    Hostname: 'web1',
    Healthcheck: {
      Test: ['CMD-SHELL', 'wget -q -O- localhost || exit 1'],
      Interval: 10e9,
      Timeout: 5e9,
      Retries: 5,
      StartPeriod: 0,
    },
    NetworkDisabled: true,
    OpenStdin: true,
    Tty: true,
    HostConfig: {
      NetworkMode: 'bridge',
      PortBindings: {
        '80/tcp': [
          { HostIp: '', HostPort: '' },
          { HostIp: '', HostPort: '8080' },
        ],
      },
      Links: ['ecs-fam-3-db-bb:database'],
      Binds: [],
      Mounts: [],
      VolumesFrom: [],
      Privileged: true,
      ReadonlyRootfs: true,
      CpuShares: 512,
      Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 4096 }],
      LogConfig: { Type: 'json-file', Config: { 'max-size': '10m' } },
      Memory: 256 * MIB,
      MemoryReservation: 128 * MIB,
      Dns: ['10.0.0.2'],
      DnsSearch: ['corp'],
      ExtraHosts: ['api:10.0.0.9'],
      SecurityOpt: ['no-new-privileges'],
      Sysctls: { 'net.core.somaxconn': '1024', '': '' },
      PidMode: 'host',
      IpcMode: 'none',
    },
  })
  t.end()
})

t.test('a minimal definition gets defaults and nothing it did not ask for', t => {
  const got = containerConfig(fakeTask([containerDef('web')]), 'web', {
    dockerNames: new Map([['web', 'n']]),
    defaultStopTimeout: 30,
  })
  t.same(got.Env, [], 'no region and no execution env: nothing injected')
  t.equal(got.StopTimeout, 30)
  t.equal(got.HostConfig.CpuShares, 2)
  t.same(Object.keys(got).sort(), [
    'Env',
    'ExposedPorts',
    'HostConfig',
    'Image',
    'Labels',
    'StopTimeout',
    'name',
  ])
  t.same(Object.keys(got.HostConfig).sort(), [
    'Binds',
    'CpuShares',
    'Links',
    'Mounts',
    'NetworkMode',
    'PortBindings',
    'Privileged',
    'ReadonlyRootfs',
    'Ulimits',
    'VolumesFrom',
  ])
  t.equal(config({}, { ipcMode: 'host' }).HostConfig.IpcMode, 'host')
  t.notOk('IpcMode' in config({}, { ipcMode: 'task' }).HostConfig)
  t.equal(config({}, { networkMode: 'host' }).HostConfig.NetworkMode, 'host')
  t.end()
})

t.test('the container environment wins over what the agent injects', t => {
  const got = config({
    environment: [
      { name: 'AWS_REGION', value: 'local' },
      { name: 'AWS_EXECUTION_ENV', value: 'mine' },
    ],
  })
  t.same(got.Env, ['AWS_REGION=local', 'AWS_EXECUTION_ENV=mine', 'AWS_DEFAULT_REGION=eu-west-1'])
  t.end()
})

t.test(
  'the task environment of the agent is added per container, below the container values',
  t => {
    const calls: string[] = []
    const got = containerConfig(
      fakeTask([
        containerDef('web', {
          environment: [{ name: 'ECS_CONTAINER_METADATA_URI_V4', value: 'mine' }],
        }),
        containerDef('db'),
      ]),
      'web',
      {
        ...context,
        taskEnvironment: (task, name) => {
          calls.push(`${task.arn} ${name}`)
          return {
            ECS_CONTAINER_METADATA_URI_V4: 'agent',
            ECS_CONTAINER_METADATA_URI: `v3/${name}`,
          }
        },
      },
    )
    t.same(calls, [`${TASK_ARN} web`])
    t.same(got.Env, [
      'ECS_CONTAINER_METADATA_URI_V4=mine',
      'AWS_EXECUTION_ENV=AWS_ECS_EC2',
      'AWS_REGION=eu-west-1',
      'AWS_DEFAULT_REGION=eu-west-1',
      'ECS_CONTAINER_METADATA_URI=v3/web',
    ])
    t.end()
  },
)

t.test('cpu → CpuShares: unset, 0 and 1 become 2; capped at 262144', t => {
  const rows: [number | undefined, number][] = [
    [undefined, 2],
    [0, 2],
    [1, 2],
    [2, 2],
    [128, 128],
    [1023.7, 1023],
    [262144, 262144],
    [300000, 262144],
    [Number.NaN, 2],
  ]
  for (const [cpu, shares] of rows) t.equal(cpuShares(cpu), shares, `cpu ${String(cpu)}`)
  t.end()
})

t.test('memory below Docker minimum is raised to 6 MiB', t => {
  t.equal(config({ memory: 4 }).HostConfig.Memory, 6 * MIB)
  t.equal(config({ memory: 6 }).HostConfig.Memory, 6 * MIB)
  t.end()
})

t.test('stopTimeout: the container value, rounded up, else the default', t => {
  t.equal(stopTimeoutOf(containerDef('a', { stopTimeout: 2.5 }), 30), 3)
  t.equal(stopTimeoutOf(containerDef('a', { stopTimeout: 0 }), 30), 30)
  t.equal(stopTimeoutOf(containerDef('a'), 7), 7)
  t.end()
})

t.test('health check defaults follow ECS (30 s, 5 s, 3 retries, no start period)', t => {
  t.same(
    config({ healthCheck: { command: ['CMD', 'true'], startPeriod: 60, timeout: 2 } }).Healthcheck,
    {
      Test: ['CMD', 'true'],
      Interval: 30e9,
      Timeout: 2e9,
      Retries: 3,
      StartPeriod: 60e9,
    },
  )
  t.same(config({ healthCheck: { command: ['CMD', 'true'] } }).Healthcheck?.Timeout, 5e9)
  t.end()
})

t.test('linuxParameters map to their HostConfig fields', t => {
  const host = config({
    memory: 100,
    linuxParameters: {
      capabilities: { add: ['NET_ADMIN'], drop: ['MKNOD'] },
      initProcessEnabled: true,
      sharedMemorySize: 64,
      devices: [
        { hostPath: '/dev/fuse' },
        { hostPath: '/dev/x', containerPath: '/dev/y', permissions: ['read', 'write'] },
      ],
      tmpfs: [
        { containerPath: '/run', size: 16, mountOptions: ['noexec'] },
        { containerPath: '/tmp', size: 8 },
      ],
      maxSwap: 50,
      swappiness: 10,
    },
  }).HostConfig
  t.same(host.CapAdd, ['NET_ADMIN'])
  t.same(host.CapDrop, ['MKNOD'])
  t.equal(host.Init, true)
  t.equal(host.ShmSize, 64 * MIB)
  t.same(host.Devices, [
    { PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' },
    { PathOnHost: '/dev/x', PathInContainer: '/dev/y', CgroupPermissions: 'rw' },
  ])
  t.same(host.Tmpfs, { '/run': 'size=16m,noexec', '/tmp': 'size=8m' })
  t.equal(host.MemorySwap, 150 * MIB)
  t.equal(host.MemorySwappiness, 10)
  t.same(config({ linuxParameters: {} }).HostConfig.CapAdd, undefined)
  t.same(config({ linuxParameters: { capabilities: {} } }).HostConfig.CapAdd, undefined)
  t.end()
})

t.test('definitions that cannot be expressed fail with InvalidTaskError', t => {
  const bad: [string, () => unknown][] = [
    ['no image', () => config({ image: '' })],
    ['image not a string', () => config({ image: undefined as unknown as string })],
    ['an environment entry without a name', () => config({ environment: [{ value: 'x' }] })],
    ['a link to no container', () => config({ links: ['ghost'] })],
    ['links outside bridge mode', () => config({ links: ['db'] }, { networkMode: 'host' })],
    ['maxSwap without memory', () => config({ linuxParameters: { maxSwap: 10 } })],
    ['an empty health check', () => config({ healthCheck: { command: [] } })],
    [
      'a health check that is not a list',
      () => config({ healthCheck: { command: 'true' as unknown as string[] } }),
    ],
    ['a container the task lacks', () => containerConfig(fakeTask(), 'ghost', context)],
    [
      'a container without a Docker name',
      () => containerConfig(fakeTask([containerDef('x')]), 'x', context),
    ],
  ]
  for (const [why, build] of bad) t.throws(build, InvalidTaskError, why)
  t.end()
})

t.test('task-level cpu and memory reach the container as limits', t => {
  const task = fakeTask([containerDef('app', { memoryReservation: 32 })], {
    cpu: '512',
    memory: '128',
  })
  const config = containerConfig(task, 'app', {
    dockerNames: new Map([['app', 'n']]),
    defaultStopTimeout: 30,
  })
  t.match(config.HostConfig, { Memory: 128 * MIB, MemoryReservation: 32 * MIB, NanoCpus: 5e8 })
  t.end()
})
