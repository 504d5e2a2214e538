import t from 'tap'
import type { AgentFrame, RoleCredentials } from '@quayside/openapi/agent-protocol'
import {
  REFRESH_BEFORE_MS,
  RoleCredentialsBroker,
} from '../../src/task-endpoint/role-credentials.js'

const NOW = Date.parse('2026-01-01T00:00:00Z')

function credentials(expiresInMs: number, accessKeyId = 'QSAK1'): RoleCredentials {
  return {
    roleArn: 'arn:aws:iam::000000000000:role/app',
    accessKeyId,
    secretAccessKey: 's',
    sessionToken: 't',
    expiration: new Date(NOW + expiresInMs).toISOString(),
  }
}

/** A broker whose channel answers each request with the next of `answers`. */
function broker(answers: (RoleCredentials | string | null)[], open = true) {
  const sent: AgentFrame[] = []
  const b: RoleCredentialsBroker = new RoleCredentialsBroker({
    now: () => NOW,
    timeoutMs: 50,
    send: frame => {
      if (!open) return false
      sent.push(frame)
      const answer = answers.shift()
      if (frame.type === 'IAMRoleCredentialsRequest' && answer !== null && answer !== undefined) {
        const head = { ...frame.message, roleType: 'TaskApplication' as const }
        setImmediate(() => {
          b.receive(
            typeof answer === 'string'
              ? { ...head, reason: answer }
              : { ...head, roleCredentials: answer },
          )
        })
      }
      return true
    },
  })
  return { broker: b, sent }
}

t.test('asks once, keeps the answer, asks again near expiry and after forget', async t => {
  const { broker: b, sent } = broker([
    credentials(REFRESH_BEFORE_MS + 60_000),
    credentials(REFRESH_BEFORE_MS - 1, 'QSAK2'),
    credentials(REFRESH_BEFORE_MS + 60_000, 'QSAK3'),
  ])
  t.equal((await b.get('arn:t')).accessKeyId, 'QSAK1')
  t.equal((await b.get('arn:t')).accessKeyId, 'QSAK1', 'kept')
  t.equal(sent.length, 1)
  t.match(sent[0], { type: 'IAMRoleCredentialsRequest', message: { taskArn: 'arn:t' } })
  b.forget('arn:t')
  t.equal((await b.get('arn:t')).accessKeyId, 'QSAK2')
  t.equal((await b.get('arn:t')).accessKeyId, 'QSAK3', 'near expiry: asked again')
  t.equal(sent.length, 3)
})

t.test('a refusal, silence and a closed channel reject with a ChannelError', async t => {
  await t.rejects(broker(['no key for the role']).broker.get('arn:t'), {
    name: 'ChannelError',
    message: /no role credentials for arn:t: no key for the role/,
  })
  await t.rejects(broker([null]).broker.get('arn:t'), { message: /did not answer/ })
  await t.rejects(broker([], false).broker.get('arn:t'), {
    message: /channel to the server is not open/,
  })
  const { broker: b } = broker([])
  b.receive({ messageId: 'stray', taskArn: 'arn:t', roleType: 'TaskApplication', reason: 'x' })
  t.pass('an answer nobody waits for is ignored')
})
