import t from 'tap'
import { parseTaskRecord, sameContainers, taskRecord } from '../../src/engine/task-record.js'
import { containerDef, containerState, fakeTask, taskState } from '../fixtures/tasks.js'

const task = fakeTask([containerDef('app'), containerDef('side')])

t.test('a record holds the task and each container name, id and start', t => {
  const state = taskState([
    containerState('app', { runtimeId: 'id-app', startedAt: new Date(Date.UTC(2026, 0, 2)) }),
    containerState('side'),
  ])
  const record = taskRecord(task, state)
  t.same(record, {
    version: 1,
    task,
    containers: [
      {
        name: 'app',
        dockerName: 'ecs-fam-3-app-00',
        runtimeId: 'id-app',
        startedAt: '2026-01-02T00:00:00.000Z',
      },
      { name: 'side', dockerName: 'ecs-fam-3-side-00' },
    ],
  })
  t.same(parseTaskRecord(JSON.parse(JSON.stringify(record))), record, 'survives JSON')
  t.end()
})

t.test('sameContainers compares what the containers say', t => {
  const base = taskRecord(task, taskState([containerState('app'), containerState('side')]))
  const cases: [string, Parameters<typeof sameContainers>[0], boolean][] = [
    ['nothing saved yet', undefined, false],
    ['identical', base, true],
    ['fewer containers', { ...base, containers: base.containers.slice(1) }, false],
    [
      'an id learnt',
      { ...base, containers: [{ ...base.containers[0]!, runtimeId: 'x' }, base.containers[1]!] },
      false,
    ],
    [
      'a start learnt',
      { ...base, containers: [base.containers[0]!, { ...base.containers[1]!, startedAt: 'y' }] },
      false,
    ],
    [
      'another name',
      { ...base, containers: [{ ...base.containers[0]!, name: 'z' }, base.containers[1]!] },
      false,
    ],
    [
      'another Docker name',
      { ...base, containers: [{ ...base.containers[0]!, dockerName: 'z' }, base.containers[1]!] },
      false,
    ],
  ]
  for (const [name, saved, want] of cases) t.equal(sameContainers(saved, base), want, name)
  t.end()
})

t.test('parseTaskRecord refuses what this agent did not write', t => {
  const good = taskRecord(task, taskState([containerState('app')]))
  const json = JSON.parse(JSON.stringify(good)) as Record<string, unknown>
  const withTask = (patch: Record<string, unknown>) => ({
    ...json,
    task: { ...(json['task'] as object), ...patch },
  })
  const definition = (patch: Record<string, unknown>) =>
    withTask({ definition: { ...task.definition, ...patch } })
  const cases: [string, unknown][] = [
    ['not an object', 'text'],
    ['an array', []],
    ['another version', { ...json, version: 2 }],
    ['no task', { ...json, task: undefined }],
    ['containers not a list', { ...json, containers: {} }],
    ['a container without a Docker name', { ...json, containers: [{ name: 'app' }] }],
    [
      'a numeric runtime id',
      { ...json, containers: [{ name: 'a', dockerName: 'b', runtimeId: 1 }] },
    ],
    ['a numeric start', { ...json, containers: [{ name: 'a', dockerName: 'b', startedAt: 1 }] }],
    ['no ARN', withTask({ arn: 1 })],
    ['no cluster', withTask({ cluster: undefined })],
    ['a strange desired status', withTask({ desiredStatus: 'PAUSED' })],
    ['no definition', withTask({ definition: 'x' })],
    ['no family', definition({ family: 3 })],
    ['no revision', definition({ revision: '3' })],
    ['no containers', definition({ containerDefinitions: 'x' })],
    ['a container without a name', definition({ containerDefinitions: [{ image: 'x' }] })],
  ]
  for (const [name, value] of cases) t.equal(parseTaskRecord(value), undefined, name)
  t.ok(parseTaskRecord(withTask({ desiredStatus: 'STOPPED' })), 'STOPPED is fine')
  t.end()
})

t.test('secret values never reach the record on disk', t => {
  const secret = {
    ...task,
    secrets: [{ containerName: 'app', environment: [{ name: 'A', value: 'hunter2' }] }],
  }
  const record = taskRecord(secret, taskState([containerState('app'), containerState('side')]))
  t.same(record.task, task)
  t.notOk(JSON.stringify(record).includes('hunter2'))
  t.end()
})
