import t from 'tap'
import { dockerMessage, dockerStatus, toAgentError } from '../../src/docker/docker-errors.js'
import { CannotStartContainerError, DockerTimeoutError } from '../../src/errors.js'

// The shape docker-modem gives a failed call.
function modemError(statusCode: number, json: unknown): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) server error - whatever`), {
    statusCode,
    json,
  })
}

t.test('dockerStatus reads the HTTP status when there is one', t => {
  t.equal(dockerStatus(modemError(404, null)), 404)
  t.equal(dockerStatus(new Error('socket')), undefined)
  t.equal(dockerStatus(Object.assign(new Error('x'), { statusCode: '500' })), undefined)
  t.equal(dockerStatus('boom'), undefined)
  t.equal(dockerStatus(null), undefined)
  t.end()
})

t.test('dockerMessage prefers the Engine message', t => {
  t.equal(
    dockerMessage(modemError(500, { message: 'port is already allocated' })),
    'port is already allocated',
  )
  t.equal(
    dockerMessage(modemError(500, { message: '' })),
    '(HTTP code 500) server error - whatever',
  )
  t.equal(dockerMessage(modemError(502, ' bad gateway \n')), 'bad gateway')
  t.equal(dockerMessage(modemError(502, '  ')), '(HTTP code 502) server error - whatever')
  t.equal(
    dockerMessage(new Error(' connect ENOENT /var/run/docker.sock ')),
    'connect ENOENT /var/run/docker.sock',
  )
  t.equal(dockerMessage({}), 'unknown Docker Engine error')
  t.equal(dockerMessage('plain'), 'plain')
  t.equal(dockerMessage(null), 'null')
  t.end()
})

t.test('toAgentError wraps foreign errors and passes agent errors through', t => {
  const cause = modemError(500, { message: 'driver failed' })
  const error = toAgentError(cause, CannotStartContainerError)
  t.ok(error instanceof CannotStartContainerError)
  t.equal(error.message, 'driver failed')
  t.equal(error.cause, cause)
  const timeout = new DockerTimeoutError('startContainer', 5)
  t.equal(toAgentError(timeout, CannotStartContainerError), timeout)
  t.end()
})
