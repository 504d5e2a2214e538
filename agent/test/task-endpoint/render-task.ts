import t from 'tap'
import type { ContainerDetails } from '../../src/docker/runtime.js'
import {
  clusterArnOf,
  renderContainer,
  renderTask,
  type RenderContext,
} from '../../src/task-endpoint/render-task.js'
import { TASK_ARN, containerDef, containerState, fakeTask, taskState } from '../fixtures/tasks.js'

const CREATED = new Date('2026-01-01T00:00:00.000Z')
const STARTED = new Date('2026-01-01T00:00:01.000Z')
const FINISHED = new Date('2026-01-01T00:00:09.000Z')

function details(extra: Partial<ContainerDetails> = {}): ContainerDetails {
  return {
    id: 'c0ffee',
    name: 'ecs-fam-3-web-00',
    image: 'busybox',
    imageId: 'sha256:abc',
    labels: { 'com.amazonaws.ecs.task-arn': TASK_ARN },
    state: {
      status: 'running',
      running: true,
      exitCode: 0,
      oomKilled: false,
      error: '',
      startedAt: STARTED,
      finishedAt: undefined,
      health: undefined,
    },
    networkMode: 'bridge',
    ports: {},
    createdAt: CREATED,
    ipv4Addresses: ['172.17.0.5'],
    ...extra,
  }
}

const none: RenderContext = { docker: new Map() }

t.test('a container as v4 renders it', t => {
  const rows: { name: string; given: Parameters<typeof renderContainer>; want: unknown }[] = [
    {
      name: 'not created yet: names, statuses, limits, the network mode of the definition',
      given: [fakeTask([containerDef('web', { cpu: 128 })]), containerState('web'), none],
      want: {
        Name: 'web',
        DockerName: 'ecs-fam-3-web-00',
        Image: 'busybox',
        Labels: {},
        DesiredStatus: 'RUNNING',
        KnownStatus: 'NONE',
        Limits: { CPU: 128, Memory: 0 },
        Type: 'NORMAL',
        Networks: [{ NetworkMode: 'bridge', IPv4Addresses: [] }],
      },
    },
    {
      name: 'running: Docker id, image id, labels, times, addresses, ports, health, log driver',
      given: [
        fakeTask([
          containerDef('web', {
            memory: 64,
            logConfiguration: { logDriver: 'json-file', options: { 'max-size': '1m' } },
            restartPolicy: { enabled: true },
          }),
        ]),
        containerState('web', {
          known: 'RUNNING',
          runtimeId: 'c0ffee',
          imageId: 'sha256:abc',
          startedAt: STARTED,
          hasHealthCheck: true,
          health: 'HEALTHY',
          restartPolicy: { ignoredExitCodes: [], attemptPeriodSeconds: 300 },
          restartCount: 2,
          networkBindings: [
            { bindIP: '0.0.0.0', containerPort: 80, hostPort: 49153, protocol: 'tcp' },
          ],
        }),
        { docker: new Map([['web', details()]]) },
      ],
      want: {
        DockerId: 'c0ffee',
        Name: 'web',
        DockerName: 'ecs-fam-3-web-00',
        Image: 'busybox',
        ImageID: 'sha256:abc',
        Labels: { 'com.amazonaws.ecs.task-arn': TASK_ARN },
        DesiredStatus: 'RUNNING',
        KnownStatus: 'RUNNING',
        Limits: { CPU: 0, Memory: 64 },
        CreatedAt: '2026-01-01T00:00:00.000Z',
        StartedAt: '2026-01-01T00:00:01.000Z',
        Type: 'NORMAL',
        Networks: [{ NetworkMode: 'bridge', IPv4Addresses: ['172.17.0.5'] }],
        Ports: [{ ContainerPort: 80, Protocol: 'tcp', HostPort: 49153, HostIp: '0.0.0.0' }],
        Health: { status: 'HEALTHY' },
        RestartCount: 2,
        LogDriver: 'json-file',
        LogOptions: { 'max-size': '1m' },
      },
    },
    {
      name: 'stopped in host mode: exit code and finish time; Docker fills what the state lacks',
      given: [
        fakeTask([containerDef('web')], { networkMode: 'host' }),
        containerState('web', {
          known: 'STOPPED',
          desired: 'STOPPED',
          exitCode: 3,
          finishedAt: FINISHED,
        }),
        {
          docker: new Map([
            ['web', details({ networkMode: 'host', ipv4Addresses: [], createdAt: undefined })],
          ]),
        },
      ],
      want: {
        DockerId: 'c0ffee',
        Name: 'web',
        DockerName: 'ecs-fam-3-web-00',
        Image: 'busybox',
        ImageID: 'sha256:abc',
        Labels: { 'com.amazonaws.ecs.task-arn': TASK_ARN },
        DesiredStatus: 'STOPPED',
        KnownStatus: 'STOPPED',
        ExitCode: 3,
        Limits: { CPU: 0, Memory: 0 },
        StartedAt: '2026-01-01T00:00:01.000Z',
        FinishedAt: '2026-01-01T00:00:09.000Z',
        Type: 'NORMAL',
        Networks: [{ NetworkMode: 'host', IPv4Addresses: [] }],
      },
    },
  ]
  for (const { name, given, want } of rows) t.strictSame(renderContainer(...given), want, name)
  t.end()
})

t.test('a task as v4 renders it, with tags for /taskWithTags', t => {
  const task = fakeTask(
    [containerDef('web'), containerDef('db')],
    { cpu: '512', memory: '1024' },
    {
      tags: [{ key: 'team', value: 'a' }, { key: 'empty' }, { value: 'no key' }],
    },
  )
  const state = taskState([containerState('web'), containerState('db')], {
    known: 'RUNNING',
    pullStartedAt: CREATED,
    pullStoppedAt: STARTED,
    executionStoppedAt: FINISHED,
  })
  const context = { docker: new Map(), availabilityZone: 'us-east-1a' }
  const plain = renderTask(task, state, context)
  t.strictSame(
    { ...plain, Containers: plain.Containers.map(c => c.Name) },
    {
      Cluster: 'arn:aws:ecs:us-east-1:000000000000:cluster/test',
      TaskARN: TASK_ARN,
      Family: 'fam',
      Revision: '3',
      DesiredStatus: 'RUNNING',
      KnownStatus: 'RUNNING',
      Limits: { CPU: 0.5, Memory: 1024 },
      PullStartedAt: '2026-01-01T00:00:00.000Z',
      PullStoppedAt: '2026-01-01T00:00:01.000Z',
      ExecutionStoppedAt: '2026-01-01T00:00:09.000Z',
      AvailabilityZone: 'us-east-1a',
      LaunchType: 'EC2',
      Containers: ['web', 'db'],
    },
  )
  const tagged = renderTask(task, state, context, true)
  t.strictSame(tagged.TaskTags, { team: 'a', empty: '' })
  t.strictSame(tagged.ContainerInstanceTags, {})
  const bare = renderTask(fakeTask(), taskState([containerState('app')]), none, true)
  t.equal(bare.Limits, undefined, 'no task-level limits')
  t.equal(bare.PullStartedAt, undefined)
  t.strictSame(bare.TaskTags, {})
  t.end()
})

t.test('the cluster ARN comes from the task ARN unless the task names one', t => {
  const rows = [
    { given: fakeTask(), want: 'arn:aws:ecs:us-east-1:000000000000:cluster/test' },
    {
      given: fakeTask([], {}, { cluster: 'arn:aws:ecs:r:1:cluster/x' }),
      want: 'arn:aws:ecs:r:1:cluster/x',
    },
    { given: fakeTask([], {}, { arn: 'odd', cluster: 'plain' }), want: 'plain' },
  ]
  for (const { given, want } of rows) t.equal(clusterArnOf(given), want)
  t.end()
})
