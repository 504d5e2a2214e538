import type { AgentFrame } from '@quayside/openapi/agent-protocol'
import t from 'tap'
import { healthFrame, publishingHealth } from '../../src/channel/health-publisher.js'
import { ChangeTracker } from '../../src/engine/state-reporter.js'
import { recorder } from '../fixtures/recorder.js'
import { containerState, TASK_ARN, taskState } from '../fixtures/tasks.js'

t.test('health changes go out as PublishHealthRequest; the rest to the reporter', t => {
  const rec = recorder()
  const sent: AgentFrame[] = []
  const tracker = new ChangeTracker(
    publishingHealth(rec, frame => {
      sent.push(frame)
      return true
    }),
    () => undefined,
  )
  tracker.report(
    taskState(
      [
        containerState('web', { known: 'RUNNING', health: 'UNHEALTHY' }),
        containerState('side', { known: 'RUNNING' }),
      ],
      { known: 'RUNNING' },
    ),
  )
  t.same(rec.timeline(), ['web:RUNNING', 'side:RUNNING', 'task:RUNNING'])
  t.equal(sent.length, 1)
  t.match(sent[0], {
    type: 'PublishHealthRequest',
    message: {
      messageId: /^[0-9a-f-]{36}$/,
      tasks: [
        {
          taskArn: TASK_ARN,
          containers: [
            { containerName: 'web', healthStatus: 'UNHEALTHY' },
            { containerName: 'side', healthStatus: 'UNKNOWN' },
          ],
        },
      ],
    },
  })
  t.end()
})

t.test('the frame holds exactly the task and its containers', t => {
  const rec = recorder()
  let change: Parameters<typeof healthFrame>[0] | undefined
  new ChangeTracker(
    {
      ...rec,
      healthChanged: c => {
        change = c
      },
    },
    () => undefined,
  ).report(taskState([containerState('a', { known: 'RUNNING', health: 'HEALTHY' })]))
  t.ok(change)
  if (change)
    t.strictSame(healthFrame(change, 'm'), {
      type: 'PublishHealthRequest',
      message: {
        messageId: 'm',
        tasks: [
          { taskArn: TASK_ARN, containers: [{ containerName: 'a', healthStatus: 'HEALTHY' }] },
        ],
      },
    })
  t.end()
})
