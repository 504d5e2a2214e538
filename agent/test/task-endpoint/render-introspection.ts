import t from 'tap'
import {
  answerTasks,
  renderIntrospectionTask,
  renderMetadata,
} from '../../src/task-endpoint/render-introspection.js'
import { TASK_ARN, containerDef, containerState, fakeTask, taskState } from '../fixtures/tasks.js'

const DOCKER_ID = 'c0ffee0123456789'
const task = fakeTask([containerDef('web'), containerDef('db')])
const state = taskState(
  [containerState('web', { known: 'RUNNING', runtimeId: DOCKER_ID }), containerState('db')],
  { known: 'RUNNING' },
)
const listed = {
  Arn: TASK_ARN,
  DesiredStatus: 'RUNNING',
  KnownStatus: 'RUNNING',
  Family: 'fam',
  Version: '3',
  Containers: [
    { DockerId: DOCKER_ID, DockerName: 'ecs-fam-3-web-00', Name: 'web' },
    { DockerName: 'ecs-fam-3-db-00', Name: 'db' },
  ],
}

t.test('/v1/metadata', t => {
  t.strictSame(renderMetadata('default', 'arn:ci', '0.1.0'), {
    Cluster: 'default',
    ContainerInstanceArn: 'arn:ci',
    Version: 'Amazon ECS Agent - v0.1.0 (quayside)',
  })
  t.end()
})

t.test('/v1/tasks: all, by task ARN, by Docker id (prefix of 12 or more)', t => {
  t.strictSame(renderIntrospectionTask(task, state), listed)
  const tasks = [{ task, state }]
  const rows: { given: string; want: { status: number; body: unknown } }[] = [
    { given: '', want: { status: 200, body: { Tasks: [listed] } } },
    { given: `taskarn=${TASK_ARN}`, want: { status: 200, body: listed } },
    { given: `dockerid=${DOCKER_ID}`, want: { status: 200, body: listed } },
    { given: `dockerid=${DOCKER_ID.slice(0, 12)}`, want: { status: 200, body: listed } },
    { given: 'dockerid=c0ffee', want: { status: 404, body: 'No task found for dockerid' } },
    { given: 'taskarn=arn:other', want: { status: 404, body: 'No task found for taskarn' } },
    {
      given: `taskarn=${TASK_ARN}&dockerid=${DOCKER_ID}`,
      want: { status: 400, body: 'Request contains both taskarn and dockerid; specify one' },
    },
  ]
  for (const { given, want } of rows)
    t.strictSame(answerTasks(tasks, new URLSearchParams(given)), want, given || '(none)')
  t.strictSame(answerTasks([], new URLSearchParams()), { status: 200, body: { Tasks: [] } })
  t.end()
})
