import t from 'tap'
import { containerLabels } from '../../src/docker/identity.js'
import type { ContainerDetails } from '../../src/docker/runtime.js'
import { discoverTasks, groupByTask } from '../../src/engine/reconcile.js'
import { fakeRuntime } from '../fixtures/fake-runtime.js'
import { TASK_ARN, fakeTask } from '../fixtures/tasks.js'

function found(id: string, container: string, status: string, arn = TASK_ARN): ContainerDetails {
  return {
    id,
    name: `ecs-fam-3-${container}-${id}`,
    image: 'busybox',
    imageId: 'sha256:x',
    labels: containerLabels(fakeTask(undefined, undefined, { arn }), container),
    networkMode: 'bridge',
    ports: {},
    state: {
      status,
      running: status === 'running',
      exitCode: 0,
      oomKilled: false,
      error: '',
      startedAt: undefined,
      finishedAt: undefined,
      health: undefined,
    },
  }
}

t.test('groupByTask groups by task and keeps the most useful of namesakes', t => {
  const grouped = groupByTask([
    found('1', 'app', 'exited'),
    found('2', 'app', 'running'),
    found('3', 'app', 'created'),
    found('4', 'db', 'created'),
    found('5', 'db', 'exited'),
    found('6', 'app', 'running', 'arn:other'),
    { ...found('7', 'x', 'running'), labels: { unrelated: 'yes' } },
  ])
  t.same([...grouped.keys()], [TASK_ARN, 'arn:other'])
  const ours = grouped.get(TASK_ARN)!
  t.same(
    [...ours.containers].map(([name, d]) => [name, d.id]),
    [
      ['app', '2'],
      ['db', '4'],
    ],
  )
  t.same(ours.duplicates.map(d => d.id).sort(), ['1', '3', '5'])
  t.same(grouped.get('arn:other')?.duplicates, [])
  t.end()
})

t.test('discoverTasks lists by label, inspects, and skips containers that vanished', async t => {
  const runtime = fakeRuntime()
  const task = fakeTask()
  const id = await runtime.createContainer({
    name: 'a',
    Image: 'busybox',
    Labels: containerLabels(task, 'app'),
    HostConfig: { NetworkMode: 'bridge', CpuShares: 2 },
  })
  await runtime.createContainer({
    name: 'b',
    Image: 'busybox',
    Labels: containerLabels(task, 'gone'),
    HostConfig: { NetworkMode: 'bridge', CpuShares: 2 },
  })
  await runtime.createContainer({
    name: 'c',
    Image: 'busybox',
    Labels: { other: 'x' },
    HostConfig: { NetworkMode: 'bridge', CpuShares: 2 },
  })
  const inspect = runtime.inspectContainer.bind(runtime)
  runtime.inspectContainer = async containerId =>
    containerId === id ? inspect(containerId) : undefined
  const tasks = await discoverTasks(runtime)
  t.same([...(tasks.get(TASK_ARN)?.containers.keys() ?? [])], ['app'])
  t.same(runtime.calls.find(c => c.method === 'listContainers')?.arg, {
    'com.amazonaws.ecs.task-arn': true,
  })
})
