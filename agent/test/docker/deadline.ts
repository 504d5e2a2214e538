import t from 'tap'
import { withDeadline } from '../../src/docker/deadline.js'
import { DockerTimeoutError } from '../../src/errors.js'

t.test('a call that answers in time returns its value', async t => {
  t.equal(await withDeadline('fast', 1000, () => Promise.resolve(42)), 42)
  await t.rejects(
    withDeadline('failing', 1000, () => Promise.reject(new Error('nope'))),
    { message: 'nope' },
  )
})

t.test('a call past its deadline is aborted and rejects with DockerTimeoutError', async t => {
  let aborted = false
  const started = Date.now()
  const call = withDeadline(
    'slow',
    20,
    signal =>
      new Promise<never>((_, reject) => {
        signal.addEventListener('abort', () => {
          aborted = true
          reject(new Error('AbortError'))
        })
      }),
  )
  await t.rejects(call, DockerTimeoutError)
  await t.rejects(call, { name: 'DockerTimeoutError', operation: 'slow', timeoutMs: 20 })
  t.ok(aborted, 'the signal aborted the call')
  t.ok(Date.now() - started < 1000)
})
