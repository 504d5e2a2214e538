import t from 'tap'
import { syncPlan, type SyncTask } from '../../src/channel/sync.js'

const task = (
  taskArn: string,
  desiredStatus: 'RUNNING' | 'STOPPED',
  lastStatus?: string,
): SyncTask => ({ taskArn, desiredStatus, ...(lastStatus === undefined ? {} : { lastStatus }) })

const cases: {
  name: string
  given: {
    managed: [string, 'RUNNING' | 'STOPPED'][]
    tasks: SyncTask[]
    full: boolean
  }
  want: { add: string[]; stop: string[] }
}[] = [
  {
    name: 'a new task is added',
    given: { managed: [], tasks: [task('a', 'RUNNING', 'PENDING')], full: false },
    want: { add: ['a'], stop: [] },
  },
  {
    name: 'a known task still wanted: nothing to do',
    given: { managed: [['a', 'RUNNING']], tasks: [task('a', 'RUNNING', 'RUNNING')], full: false },
    want: { add: [], stop: [] },
  },
  {
    name: 'StopTask: desired STOPPED stops a running task',
    given: { managed: [['a', 'RUNNING']], tasks: [task('a', 'STOPPED', 'RUNNING')], full: false },
    want: { add: [], stop: ['a'] },
  },
  {
    name: 'a forged report: last status STOPPED stops it, whatever the desired status says',
    given: { managed: [['a', 'RUNNING']], tasks: [task('a', 'RUNNING', 'STOPPED')], full: false },
    want: { add: [], stop: ['a'] },
  },
  {
    name: 'a task already stopping here is not stopped again',
    given: { managed: [['a', 'STOPPED']], tasks: [task('a', 'STOPPED', 'STOPPED')], full: false },
    want: { add: [], stop: [] },
  },
  {
    name: 'a full list that leaves a running task out stops it',
    given: {
      managed: [
        ['a', 'RUNNING'],
        ['b', 'RUNNING'],
      ],
      tasks: [task('a', 'RUNNING', 'RUNNING')],
      full: true,
    },
    want: { add: [], stop: ['b'] },
  },
  {
    name: 'a partial payload that leaves a task out says nothing of it',
    given: {
      managed: [
        ['a', 'RUNNING'],
        ['b', 'RUNNING'],
      ],
      tasks: [task('a', 'RUNNING', 'RUNNING')],
      full: false,
    },
    want: { add: [], stop: [] },
  },
  {
    name: 'an empty full list stops every running task, and leaves the stopped ones be',
    given: {
      managed: [
        ['a', 'RUNNING'],
        ['b', 'STOPPED'],
      ],
      tasks: [],
      full: true,
    },
    want: { add: [], stop: ['a'] },
  },
  {
    name: 'a full list holding a task stopped (a change sent with it) stops it once',
    given: { managed: [['a', 'RUNNING']], tasks: [task('a', 'STOPPED', 'STOPPED')], full: true },
    want: { add: [], stop: ['a'] },
  },
  {
    name: 'an unknown task desired STOPPED but not stopped yet is added (to be reported STOPPED)',
    given: { managed: [], tasks: [task('a', 'STOPPED', 'PENDING')], full: false },
    want: { add: ['a'], stop: [] },
  },
  {
    name: 'an unknown task the server holds STOPPED is left alone',
    given: { managed: [], tasks: [task('a', 'STOPPED', 'STOPPED')], full: false },
    want: { add: [], stop: [] },
  },
  {
    name: 'a task listed twice is added once',
    given: { managed: [], tasks: [task('a', 'RUNNING'), task('a', 'RUNNING')], full: true },
    want: { add: ['a'], stop: [] },
  },
]

for (const { name, given, want } of cases) {
  t.test(name, t => {
    const plan = syncPlan(new Map(given.managed), given.tasks, given.full)
    t.same(
      { add: plan.add.map(a => a.taskArn), stop: [...plan.stop].sort() },
      { add: want.add, stop: want.stop },
    )
    t.end()
  })
}
