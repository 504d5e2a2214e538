import t from 'tap'
import { TASK_ARN_LABEL } from '../../src/docker/identity.js'
import { dockerVolumes, taskVolumeNames } from '../../src/docker/mounts.js'
import { InvalidTaskError, TaskUnsupportedError } from '../../src/errors.js'
import type { Volume } from '../../src/task-definition.js'
import { TASK_ARN, containerDef, fakeTask } from '../fixtures/tasks.js'

const fsx = {
  fileSystemId: 'fs-2',
  rootDirectory: 'share',
  authorizationConfig: { credentialsParameter: 'arn', domain: 'example' },
}
const volumes: Volume[] = [
  { name: 'logs', host: { sourcePath: '/var/log/app' } },
  { name: 'scratch' },
  {
    name: 'cache',
    dockerVolumeConfiguration: {
      scope: 'shared',
      driver: 'local',
      driverOpts: { type: 'tmpfs' },
      labels: { a: 'b' },
    },
  },
  { name: 'efs', efsVolumeConfiguration: { fileSystemId: 'fs-1' } },
  { name: 'fsx', fsxWindowsFileServerVolumeConfiguration: fsx },
  { name: 'ebs', configuredAtLaunch: true },
]
const names = new Map([
  ['app', 'ecs-fam-3-app-01'],
  ['data', 'ecs-fam-3-data-02'],
])

t.test('host paths bind, other volumes mount as named Docker volumes', t => {
  const task = fakeTask([], { volumes })
  const app = containerDef('app', {
    mountPoints: [
      { sourceVolume: 'logs', containerPath: '/logs' },
      { sourceVolume: 'logs', containerPath: '/ro-logs', readOnly: true },
      { sourceVolume: 'scratch', containerPath: '/tmp/scratch' },
      { sourceVolume: 'cache', containerPath: '/cache', readOnly: true },
    ],
    volumesFrom: [{ sourceContainer: 'data' }, { sourceContainer: 'data', readOnly: true }],
  })
  const got = dockerVolumes(task, app, names)
  t.same(got.Binds, ['/var/log/app:/logs', '/var/log/app:/ro-logs:ro'])
  t.same(got.Mounts, [
    {
      Type: 'volume',
      Source: 'ecs-0123456789abcdef0123456789abcdef-scratch',
      Target: '/tmp/scratch',
      ReadOnly: false,
      VolumeOptions: { DriverConfig: { Name: 'local' }, Labels: { [TASK_ARN_LABEL]: TASK_ARN } },
    },
    {
      Type: 'volume',
      Source: 'cache',
      Target: '/cache',
      ReadOnly: true,
      VolumeOptions: {
        DriverConfig: { Name: 'local', Options: { type: 'tmpfs' } },
        Labels: { a: 'b' },
      },
    },
  ])
  t.same(got.VolumesFrom, ['ecs-fam-3-data-02', 'ecs-fam-3-data-02:ro'])
  t.same(dockerVolumes(task, containerDef('bare'), names), {
    Binds: [],
    Mounts: [],
    VolumesFrom: [],
  })
  t.end()
})

t.test('a host volume with dockerVolumeConfiguration is a Docker volume, a nameless one too', t => {
  const task = fakeTask([], {
    volumes: [{ name: 'v', host: { sourcePath: '/x' }, dockerVolumeConfiguration: {} }, {}],
  })
  const got = dockerVolumes(
    task,
    containerDef('app', { mountPoints: [{ sourceVolume: 'v', containerPath: '/v' }] }),
    names,
  )
  t.equal(got.Mounts[0]?.Source, 'ecs-0123456789abcdef0123456789abcdef-v')
  t.end()
})

t.test('volumes this host cannot provide and bad references fail with a reason', t => {
  const task = fakeTask([], { volumes })
  const mount = (sourceVolume: string | undefined, containerPath?: string) =>
    containerDef('app', {
      mountPoints: [
        {
          ...(sourceVolume === undefined ? {} : { sourceVolume }),
          ...(containerPath === undefined ? {} : { containerPath }),
        },
      ],
    })
  for (const name of ['efs', 'fsx', 'ebs']) {
    t.throws(() => dockerVolumes(task, mount(name, '/m'), names), TaskUnsupportedError, name)
  }
  t.throws(() => dockerVolumes(task, mount('missing', '/m'), names), InvalidTaskError)
  t.throws(() => dockerVolumes(task, mount(undefined, '/m'), names), InvalidTaskError)
  t.throws(
    () => dockerVolumes(fakeTask(), mount('logs', '/m'), names),
    InvalidTaskError,
    'task without volumes',
  )
  t.throws(() => dockerVolumes(task, mount('logs', 'relative'), names), InvalidTaskError)
  t.throws(() => dockerVolumes(task, mount('logs', undefined), names), InvalidTaskError)
  t.throws(
    () =>
      dockerVolumes(
        task,
        containerDef('app', { volumesFrom: [{ sourceContainer: 'ghost' }] }),
        names,
      ),
    InvalidTaskError,
  )
  t.throws(
    () => dockerVolumes(task, containerDef('app', { volumesFrom: [{}] }), names),
    InvalidTaskError,
  )
  t.end()
})

t.test('taskVolumeNames: the Docker volumes the task owns, to remove at cleanup', t => {
  const volumes: Volume[] = [
    { name: 'scratch' },
    { name: 'cache', dockerVolumeConfiguration: { scope: 'task', driver: 'local' } },
    { name: 'common', dockerVolumeConfiguration: { scope: 'shared' } },
    { name: 'hostdir', host: { sourcePath: '/srv' } },
    { name: 'hosted', host: { sourcePath: '/srv' }, dockerVolumeConfiguration: {} },
    { name: 'efs', efsVolumeConfiguration: { fileSystemId: 'fs-1' } },
    { name: 'fsx', fsxWindowsFileServerVolumeConfiguration: fsx },
    { name: 'later', configuredAtLaunch: true },
    {},
  ]
  const id = '0123456789abcdef0123456789abcdef'
  t.same(taskVolumeNames(fakeTask(undefined, { volumes })), [
    `ecs-${id}-scratch`,
    `ecs-${id}-cache`,
    `ecs-${id}-hosted`,
  ])
  t.same(taskVolumeNames(fakeTask()), [], 'no volumes')
  t.end()
})
