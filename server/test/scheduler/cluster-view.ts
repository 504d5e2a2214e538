import t from 'tap'
import type { ContainerInstanceDocument } from '../../src/resources/container-instances.js'
import { ClusterView } from '../../src/scheduler/cluster-view.js'

/** An instance document with what the view compares: its status and its version. */
const instance = (
  id: string,
  over: Partial<ContainerInstanceDocument> = {},
): { id: string; body: ContainerInstanceDocument } => ({
  id,
  body: {
    containerInstanceArn: `arn:aws:ecs:us-east-1:000000000000:container-instance/c/${id}`,
    status: 'ACTIVE',
    version: 1,
    agentConnected: true,
    remainingResources: [],
    registeredResources: [],
    runningTasksCount: 0,
    pendingTasksCount: 0,
    attributes: [],
    registeredAt: 0,
    attachments: [],
    tags: [],
    ...over,
  },
})

const groupsOf = (view: ClusterView) =>
  Object.fromEntries(view.snapshots().map(s => [s.id, [...s.taskGroups]]))

t.test('built from what the caller read: INACTIVE instances left out, tasks by instance', t => {
  const view = new ClusterView(
    [instance('a'), instance('b'), instance('gone', { status: 'INACTIVE' })],
    [
      { id: 't1', instanceId: 'a', group: 'family:web' },
      { id: 't2', instanceId: 'a', group: 'service:api' },
      { id: 't3', instanceId: 'b', group: 'family:web' },
    ],
    { builtAt: 42 },
  )
  t.equal(view.builtAt, 42)
  t.same(groupsOf(view), { a: ['family:web', 'service:api'], b: ['family:web'] })
  t.equal(view.instance('gone'), undefined)
  t.end()
})

t.test('update: true only when the document differs, and the view follows it', t => {
  const cases: {
    name: string
    given: ContainerInstanceDocument | undefined
    want: { changed: boolean; ids: string[]; version?: number }
  }[] = [
    {
      name: 'the same document',
      given: instance('a').body,
      want: { changed: false, ids: ['a', 'b'], version: 1 },
    },
    {
      name: 'a newer version',
      given: instance('a', { version: 2 }).body,
      want: { changed: true, ids: ['a', 'b'], version: 2 },
    },
    {
      name: 'the same version with other books (another writer)',
      given: instance('a', { pendingTasksCount: 3 }).body,
      want: { changed: true, ids: ['a', 'b'], version: 1 },
    },
    {
      name: 'deregistered (INACTIVE)',
      given: instance('a', { status: 'INACTIVE' }).body,
      want: { changed: true, ids: ['b'] },
    },
    { name: 'gone from the cluster', given: undefined, want: { changed: true, ids: ['b'] } },
  ]
  for (const { name, given, want } of cases) {
    const view = new ClusterView([instance('a'), instance('b')], [], { builtAt: 0 })
    view.snapshots()
    t.equal(view.update('a', given), want.changed, `${name}: changed`)
    t.same(
      view.snapshots().map(s => s.id),
      want.ids,
      `${name}: the snapshots follow`,
    )
    t.equal(view.instance('a')?.version, want.version, `${name}: the copy's document`)
  }
  const view = new ClusterView([instance('a')], [], { builtAt: 0 })
  t.equal(view.update('new', undefined), false, 'an unknown instance that is gone changes nothing')
  t.equal(view.update('new', instance('new').body), true, 'a new instance joins')
  t.same(
    view.snapshots().map(s => s.id),
    ['a', 'new'],
  )
  t.end()
})

t.test('tasks placed and stopped move the groups; repeated notices change nothing', t => {
  const view = new ClusterView([instance('a'), instance('b')], [], { builtAt: 0 })
  const before = view.snapshots()
  view.taskPlaced({ id: 't1', instanceId: 'a', group: 'family:web' })
  view.taskPlaced({ id: 't1', instanceId: 'a', group: 'family:web' })
  view.taskPlaced({ id: 't2', instanceId: 'a', group: 'family:web' })
  view.taskPlaced({ id: 't3', instanceId: 'b', group: 'family:db' })
  t.same(groupsOf(view), { a: ['family:web', 'family:web'], b: ['family:db'] })
  t.equal(view.snapshots(), before, 'tasks alone keep the snapshots (their groups are live)')
  view.taskStopped('t1')
  view.taskStopped('t1')
  view.taskStopped('never-placed')
  t.same(groupsOf(view), { a: ['family:web'], b: ['family:db'] })
  t.end()
})

t.test(
  'a changed document replaces its entry in the snapshots; a new or gone one rebuilds them',
  t => {
    const view = new ClusterView([instance('a'), instance('b')], [], { builtAt: 0 })
    view.taskPlaced({ id: 't1', instanceId: 'b', group: 'family:web' })
    const before = view.snapshots()
    const b = before[1]
    view.update('b', instance('b', { version: 2 }).body)
    const after = view.snapshots()
    t.equal(after, before, 'the same list')
    t.not(after[1], b, 'a new entry for b')
    t.same(
      after.map(s => [s.id, s.instance.version, [...s.taskGroups]]),
      [
        ['a', 1, []],
        ['b', 2, ['family:web']],
      ],
      'with the new document and its groups',
    )
    view.update('c', instance('c').body)
    const joined = view.snapshots()
    t.not(joined, before, 'a new instance: a new list')
    t.same(
      joined.map(s => s.id),
      ['a', 'b', 'c'],
    )
    view.update('a', undefined)
    t.same(
      view.snapshots().map(s => s.id),
      ['b', 'c'],
      'one gone: rebuilt without it',
    )
    view.update('c', instance('c', { version: 5 }).body)
    t.same(
      view.snapshots().map(s => [s.id, s.instance.version]),
      [
        ['b', 2],
        ['c', 5],
      ],
      'entries found where the rebuilt list holds them',
    )
    t.end()
  },
)
