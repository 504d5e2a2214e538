import type { PayloadTask } from '@quayside/openapi/agent-protocol'
import t from 'tap'
import { Convergence, NOT_LISTED_REASON } from '../../src/channel/converge.js'
import type { EngineTask, TaskDefinition } from '../../src/task-definition.js'

const DEFINITION: TaskDefinition = {
  family: 'web',
  revision: 1,
  containerDefinitions: [{ name: 'web', image: 'busybox' }],
}

const wire = (taskArn: string, desiredStatus: 'RUNNING' | 'STOPPED', lastStatus: string) =>
  ({ taskArn, taskDefinitionArn: 'td', desiredStatus, lastStatus }) as PayloadTask

/** An engine that records what it is asked, and a definition fetch the test releases. */
function setup() {
  const managed = new Map<string, 'RUNNING' | 'STOPPED'>()
  const calls: string[] = []
  let release: (() => void) | undefined
  const gate = new Promise<void>(resolve => {
    release = resolve
  })
  const errors: unknown[] = []
  const convergence = new Convergence({
    engine: {
      tasks: () => [...managed].map(([arn, desired]) => ({ arn, desired })),
      stopTask(arn, reason) {
        calls.push(`stop ${arn} ${reason ?? '(default)'}`)
        managed.set(arn, 'STOPPED')
        return true
      },
      addTask(task: EngineTask) {
        calls.push(`add ${task.arn} ${task.desiredStatus}`)
        managed.set(task.arn, task.desiredStatus)
      },
    },
    definition: async () => {
      await gate
      return DEFINITION
    },
    cluster: 'c',
    onError: error => errors.push(error),
  })
  return { managed, calls, convergence, errors, open: () => release?.() }
}

t.test('a forged STOPPED, then a full list: stopped once, by the first', async t => {
  const { managed, calls, convergence, open } = setup()
  open()
  managed.set('a', 'RUNNING')
  managed.set('b', 'RUNNING')
  await convergence.apply([wire('a', 'STOPPED', 'STOPPED')], false)
  await convergence.apply([], true)
  t.same(calls, ['stop a (default)', `stop b ${NOT_LISTED_REASON}`])
})

t.test('a task stopped while its definition is on its way is added stopped', async t => {
  const { calls, convergence, open } = setup()
  const adding = convergence.apply([wire('a', 'RUNNING', 'PENDING')], false)
  await convergence.apply([wire('a', 'STOPPED', 'PENDING')], false)
  open()
  await adding
  t.same(calls, ['add a STOPPED'], 'added in its latest state, to be reported STOPPED')
})

t.test('a task a full list drops while its definition is on its way is never added', async t => {
  const { calls, convergence, open } = setup()
  const adding = convergence.apply([wire('a', 'RUNNING', 'PENDING')], false)
  const listed = convergence.apply([wire('b', 'RUNNING', 'PENDING')], true)
  open()
  await Promise.all([adding, listed])
  t.same(calls, ['add b RUNNING'])
})

t.test('a definition that cannot be fetched is reported and the task left out', async t => {
  const errors: unknown[] = []
  const calls: string[] = []
  const convergence = new Convergence({
    engine: {
      tasks: () => [],
      stopTask: () => false,
      addTask: (task: EngineTask) => calls.push(task.arn),
    },
    definition: () => Promise.reject(new Error('no such definition')),
    cluster: 'c',
    onError: error => errors.push(error),
  })
  await convergence.apply([wire('a', 'RUNNING', 'PENDING')], false)
  t.same(calls, [])
  t.match(errors, [{ message: 'no such definition' }])
})
