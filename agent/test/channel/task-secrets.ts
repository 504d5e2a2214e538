// The agent's side of TaskSecretsRequest: tasks without secrets go as they are, answers become
// the task's secrets or its start failure, and no answer is a failure too (bounded wait).
import type { AgentFrame, TaskSecretsMessage } from '@quayside/openapi/agent-protocol'
import t from 'tap'
import {
  needsSecrets,
  TaskSecretsBroker,
  UNANSWERED_REASON,
} from '../../src/channel/task-secrets.js'
import { containerDef, fakeTask } from '../fixtures/tasks.js'

const withSecrets = fakeTask([
  containerDef('app', { secrets: [{ name: 'A', valueFrom: '/a' }] }),
  containerDef('side'),
])
const withLogin = fakeTask([
  containerDef('app', { repositoryCredentials: { credentialsParameter: 'login' } }),
])
const plain = fakeTask([containerDef('app')])

t.test('needsSecrets', t => {
  t.ok(needsSecrets(withSecrets.definition))
  t.ok(needsSecrets(withLogin.definition))
  t.notOk(needsSecrets(plain.definition))
  t.notOk(needsSecrets(fakeTask([containerDef('app', { secrets: [] })]).definition))
  t.end()
})

/** A broker whose channel answers each request with `answer` (or nothing, or refuses to send). */
function broker(
  answer: ((taskArn: string) => Omit<TaskSecretsMessage, 'messageId'>) | 'silent' | 'closed',
) {
  const sent: AgentFrame[] = []
  const b: TaskSecretsBroker = new TaskSecretsBroker({
    timeoutMs: 50,
    send: frame => {
      if (answer === 'closed') return false
      sent.push(frame)
      if (answer !== 'silent' && frame.type === 'TaskSecretsRequest')
        queueMicrotask(() => {
          b.receive({ messageId: frame.message.messageId, ...answer(frame.message.taskArn) })
        })
      return true
    },
  })
  return { b, sent }
}

t.test('answers become secrets or the start failure', async t => {
  const containers = [{ containerName: 'app', environment: [{ name: 'A', value: 'v' }] }]
  const cases = [
    { given: broker(taskArn => ({ taskArn, containers })), want: { secrets: containers } },
    {
      given: broker(taskArn => ({
        taskArn,
        reason: 'ResourceInitializationError: unable to pull secrets or registry auth: x',
      })),
      want: {
        startFailure: 'ResourceInitializationError: unable to pull secrets or registry auth: x',
      },
    },
    { given: broker('silent'), want: { startFailure: UNANSWERED_REASON } },
    { given: broker('closed'), want: { startFailure: UNANSWERED_REASON } },
  ]
  for (const { given, want } of cases) {
    const resolved = await given.b.resolve(withSecrets)
    t.match(resolved, { arn: withSecrets.arn, ...want })
    if (given.sent.length > 0)
      t.match(given.sent[0], { type: 'TaskSecretsRequest', message: { taskArn: withSecrets.arn } })
  }
  const { b, sent } = broker(taskArn => ({ taskArn, containers }))
  t.equal(await b.resolve(plain), plain, 'a task without secrets is not asked about')
  t.equal(sent.length, 0)
  b.receive({ messageId: 'unknown', taskArn: 'x', containers: [] })
})
