import t from 'tap'
import { containerLabels } from '../../src/docker/identity.js'
import type { ContainerDetails } from '../../src/docker/runtime.js'
import {
  discoverTasks,
  groupByTask,
  restorePlan,
  taskFromLabels,
  type RestoreEntry,
} from '../../src/engine/reconcile.js'
import type { TaskRecord } from '../../src/engine/task-record.js'
import { fakeRuntime } from '../fixtures/fake-runtime.js'
import { TASK_ARN, containerDef, fakeTask } from '../fixtures/tasks.js'

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

t.test("discoverTasks for one instance leaves another agent's containers alone", async t => {
  const runtime = fakeRuntime()
  const task = fakeTask()
  const other = fakeTask(undefined, undefined, { arn: `${TASK_ARN}0` })
  const create = (name: string, labels: Record<string, string>) =>
    runtime.createContainer({
      name,
      Image: 'busybox',
      Labels: labels,
      HostConfig: { NetworkMode: 'bridge', CpuShares: 2 },
    })
  await create('mine', containerLabels(task, 'app', {}, 'arn:instance/mine'))
  await create('theirs', containerLabels(other, 'app', {}, 'arn:instance/theirs'))
  const tasks = await discoverTasks(runtime, task.cluster, 'arn:instance/mine')
  t.same([...tasks.keys()], [TASK_ARN])
  t.same(runtime.calls.find(c => c.method === 'listContainers')?.arg, {
    'com.amazonaws.ecs.task-arn': true,
    'com.amazonaws.ecs.cluster': task.cluster,
    'quayside.container-instance-arn': 'arn:instance/mine',
  })
})

const OTHER = 'arn:aws:ecs:us-east-1:000000000000:task/test/ffffffffffffffffffffffffffffffff'
const LABELS_ONLY = 'arn:aws:ecs:us-east-1:000000000000:task/test/llllllllllllllllllllllllllllllll'
const twoContainers = (arn = TASK_ARN) =>
  fakeTask([containerDef('app'), containerDef('side')], undefined, { arn })

function record(arn: string, containers: TaskRecord['containers']): TaskRecord {
  return { version: 1, task: twoContainers(arn), containers }
}

/** An entry as `[arn, desired, orphan, found names, vanished name → id]`, for tables. */
const summary = (e: RestoreEntry) => [
  e.task.arn,
  e.task.desiredStatus,
  e.orphan,
  [...e.found.keys()],
  [...e.vanished].map(([name, v]) => `${name}:${v.runtimeId}`),
]

t.test('restorePlan: listed tasks resume, vanished containers are named, orphans stop', t => {
  const cases: {
    name: string
    listed: ReturnType<typeof twoContainers>[]
    found: ContainerDetails[]
    records: TaskRecord[]
    keep?: string[]
    want: unknown[]
  }[] = [
    {
      name: 'nothing anywhere',
      listed: [],
      found: [],
      records: [],
      want: [],
    },
    {
      name: 'listed, never created: created as usual (nothing found, nothing vanished)',
      listed: [twoContainers()],
      found: [],
      records: [record(TASK_ARN, [{ name: 'app', dockerName: 'd-app' }])],
      want: [[TASK_ARN, 'RUNNING', false, [], []]],
    },
    {
      name: 'listed, both containers still in Docker: adopted',
      listed: [twoContainers()],
      found: [found('1', 'app', 'running'), found('2', 'side', 'exited')],
      records: [
        record(TASK_ARN, [
          { name: 'app', dockerName: 'd-app', runtimeId: 'old' },
          { name: 'side', dockerName: 'd-side', runtimeId: '2' },
        ]),
      ],
      want: [[TASK_ARN, 'RUNNING', false, ['app', 'side'], []]],
    },
    {
      name: 'listed, one removed while away: vanished, the other adopted',
      listed: [twoContainers()],
      found: [found('1', 'app', 'running')],
      records: [
        record(TASK_ARN, [
          { name: 'app', dockerName: 'd-app', runtimeId: '1' },
          { name: 'side', dockerName: 'd-side', runtimeId: '2' },
          { name: 'extra', dockerName: 'd-extra', runtimeId: '3' },
        ]),
      ],
      want: [[TASK_ARN, 'RUNNING', false, ['app'], ['side:2']]],
    },
    {
      name: 'not listed, recorded and running: an orphan to stop',
      listed: [],
      found: [found('1', 'app', 'running', OTHER)],
      records: [record(OTHER, [{ name: 'app', dockerName: 'd-app', runtimeId: '1' }])],
      want: [[OTHER, 'STOPPED', true, ['app'], []]],
    },
    {
      name: 'not listed, recorded, containers gone: an orphan with vanished containers',
      listed: [],
      found: [],
      records: [record(OTHER, [{ name: 'app', dockerName: 'd-app', runtimeId: '1' }])],
      want: [[OTHER, 'STOPPED', true, [], ['app:1']]],
    },
    {
      name: 'not listed, no record, labelled containers: an orphan rebuilt from labels',
      listed: [twoContainers()],
      found: [found('9', 'web', 'running', LABELS_ONLY)],
      records: [],
      want: [
        [TASK_ARN, 'RUNNING', false, [], []],
        [LABELS_ONLY, 'STOPPED', true, ['web'], []],
      ],
    },
    {
      name: 'listed but not runnable yet (kept): left alone, not an orphan',
      listed: [],
      found: [found('1', 'app', 'running', OTHER)],
      records: [record(OTHER, [{ name: 'app', dockerName: 'd-app', runtimeId: '1' }])],
      keep: [OTHER],
      want: [],
    },
    {
      name: 'a record twice: one orphan',
      listed: [],
      found: [],
      records: [record(OTHER, []), record(OTHER, [])],
      want: [[OTHER, 'STOPPED', true, [], []]],
    },
  ]
  for (const c of cases) {
    const plan = restorePlan(c.listed, groupByTask(c.found), c.records, c.keep)
    t.same(plan.map(summary), c.want, c.name)
  }
  t.end()
})

t.test('restorePlan keeps the Docker name and the start of a vanished container', t => {
  const [entry] = restorePlan([twoContainers()], new Map(), [
    record(TASK_ARN, [
      { name: 'app', dockerName: 'd-app', runtimeId: '1', startedAt: '2026-01-01T00:00:00Z' },
      { name: 'side', dockerName: 'd-side', runtimeId: '2', startedAt: 'garbage' },
    ]),
  ])
  t.same(entry?.vanished.get('app'), {
    dockerName: 'd-app',
    runtimeId: '1',
    startedAt: new Date('2026-01-01T00:00:00Z'),
  })
  t.same(entry?.vanished.get('side'), { dockerName: 'd-side', runtimeId: '2' })
  t.end()
})

t.test('taskFromLabels rebuilds enough of a task to stop it', t => {
  const grouped = groupByTask([found('1', 'web', 'running'), found('2', 'db', 'exited')])
  t.same(taskFromLabels(grouped.get(TASK_ARN)!), {
    arn: TASK_ARN,
    cluster: 'test',
    desiredStatus: 'STOPPED',
    definition: {
      family: 'fam',
      revision: 3,
      containerDefinitions: [
        { name: 'web', image: 'busybox' },
        { name: 'db', image: 'busybox' },
      ],
    },
  })
  const bare = taskFromLabels({
    taskArn: 'arn:x',
    containers: new Map([
      [
        'c',
        {
          ...found('3', 'c', 'running'),
          labels: { 'com.amazonaws.ecs.task-definition-version': 'x' },
        },
      ],
    ]),
    duplicates: [],
  })
  t.match(bare, { cluster: '', definition: { family: 'unknown', revision: 0 } })
  t.match(taskFromLabels({ taskArn: 'arn:y', containers: new Map(), duplicates: [] }), {
    definition: { containerDefinitions: [] },
  })
  t.end()
})
