import t from 'tap'
import * as errors from '../src/errors.js'
import {
  AgentError,
  CannotPullContainerError,
  DockerTimeoutError,
  isAgentError,
  type AgentErrorCode,
  type AgentErrorName,
} from '../src/errors.js'

// The catalogue, pinned: name → [code, retriable]. Adding an error means adding a row here.
const CATALOGUE: Record<Exclude<AgentErrorName, 'AgentError'>, [AgentErrorCode, boolean]> = {
  CannotPullContainerError: ['ECS_AGENT_CANNOT_PULL_CONTAINER', true],
  CannotCreateContainerError: ['ECS_AGENT_CANNOT_CREATE_CONTAINER', false],
  CannotStartContainerError: ['ECS_AGENT_CANNOT_START_CONTAINER', false],
  CannotStopContainerError: ['ECS_AGENT_CANNOT_STOP_CONTAINER', true],
  CannotInspectContainerError: ['ECS_AGENT_CANNOT_INSPECT_CONTAINER', true],
  CannotRemoveContainerError: ['ECS_AGENT_CANNOT_REMOVE_CONTAINER', true],
  CannotRemoveVolumeError: ['ECS_AGENT_CANNOT_REMOVE_VOLUME', true],
  CannotListContainersError: ['ECS_AGENT_CANNOT_LIST_CONTAINERS', true],
  ContainerVanishedError: ['ECS_AGENT_CONTAINER_VANISHED', false],
  OutOfMemoryError: ['ECS_AGENT_OUT_OF_MEMORY', false],
  DockerTimeoutError: ['ECS_AGENT_DOCKER_TIMEOUT', true],
  DockerUnavailableError: ['ECS_AGENT_DOCKER_UNAVAILABLE', true],
  TaskUnsupportedError: ['ECS_AGENT_TASK_UNSUPPORTED', false],
  InvalidTaskError: ['ECS_AGENT_INVALID_TASK', false],
  AgentConfigError: ['ECS_AGENT_CONFIG', false],
  ChannelError: ['ECS_AGENT_CHANNEL', true],
}

type Ctor = new (message: string, options?: { cause?: unknown }) => AgentError

t.test('every exported error class is in the catalogue and the catalogue is complete', t => {
  const exported = Object.entries(errors)
    .filter(([, value]) => typeof value === 'function' && value.prototype instanceof AgentError)
    .map(([name]) => name)
    .sort()
  t.same(exported, Object.keys(CATALOGUE).sort())
  t.end()
})

t.test('each error has its literal name, stable code, retriability and reason', t => {
  for (const [name, [code, retriable]] of Object.entries(CATALOGUE)) {
    const Class = (errors as unknown as Record<string, Ctor>)[name]!
    const cause = new Error('root')
    const error =
      name === 'DockerTimeoutError'
        ? new DockerTimeoutError('createContainer', 10, { cause })
        : new Class('it broke', { cause })
    t.equal(error.name, name)
    t.equal(error.code, code)
    t.equal(error.retriable, retriable, `${name} retriable`)
    t.equal(error.cause, cause)
    t.ok(error instanceof AgentError && error instanceof Error)
    t.ok(isAgentError(error))
    t.match(error.reason, new RegExp(`^${name}: `))
  }
  t.end()
})

t.test('the base error and its options', t => {
  const error = new AgentError('plain')
  t.equal(error.name, 'AgentError')
  t.equal(error.code, 'ECS_AGENT_ERROR')
  t.equal(error.retriable, false)
  t.notOk('cause' in error, 'no cause property when none was given')
  t.equal(error.reason, 'AgentError: plain')
  t.end()
})

t.test('reason is cut to the 1024 characters ECS accepts', t => {
  const error = new CannotPullContainerError('x'.repeat(2000))
  t.equal(error.reason.length, 1024)
  t.ok(error.reason.startsWith('CannotPullContainerError: xxx'))
  t.end()
})

t.test('DockerTimeoutError names the operation and the deadline', t => {
  const error = new DockerTimeoutError('stopContainer', 2500)
  t.equal(error.operation, 'stopContainer')
  t.equal(error.timeoutMs, 2500)
  t.equal(error.message, 'stopContainer did not complete within 2500 ms')
  t.end()
})

t.test('isAgentError recognises the brand across copies and rejects everything else', t => {
  const foreign = { [Symbol.for('@quayside/agent.AgentError')]: true }
  t.ok(isAgentError(foreign), 'another copy of the package carries the same brand')
  for (const value of [new Error('x'), null, undefined, 'CannotPullContainerError', 42, {}]) {
    t.notOk(isAgentError(value))
  }
  t.end()
})
