/** The catalogue: every class with its literal name, its code, its brand and its cause. */
import t from 'tap'
import * as errors from '../src/errors.js'
import {
  AbortError,
  ConfigError,
  CredentialsError,
  EcsSdkError,
  EcsServiceError,
  isEcsSdkError,
  isEcsServiceError,
  NetworkError,
  PaginationError,
  ProtocolError,
  TimeoutError,
  WaiterFailureError,
  WaiterTimeoutError,
} from '../src/errors.js'

const cause = new Error('underlying')
const state = { waiter: 'TasksRunning', attempts: 2, elapsedMs: 10, lastError: cause }
const serviceError = new EcsServiceError({
  name: 'ClusterNotFoundException',
  message: 'Cluster not found.',
  operation: 'DescribeServices',
  statusCode: 400,
  requestId: 'r',
  data: {},
  response: { statusCode: 400, headers: {}, body: '' },
})

const catalogue: [EcsSdkError, string, errors.EcsSdkErrorCode][] = [
  [serviceError, 'ClusterNotFoundException', 'ECS_SDK_SERVICE'],
  [new NetworkError('refused', { cause }), 'NetworkError', 'ECS_SDK_NETWORK'],
  [new TimeoutError(100), 'TimeoutError', 'ECS_SDK_TIMEOUT'],
  [new AbortError({ cause }), 'AbortError', 'ECS_SDK_ABORTED'],
  [new CredentialsError('none', { cause }), 'CredentialsError', 'ECS_SDK_CREDENTIALS'],
  [new ConfigError('no region', { cause }), 'ConfigError', 'ECS_SDK_CONFIG'],
  [new ProtocolError('bad', 200, { cause }), 'ProtocolError', 'ECS_SDK_PROTOCOL'],
  [new PaginationError('ListTasks', 'tok'), 'PaginationError', 'ECS_SDK_PAGINATION'],
  [new WaiterTimeoutError(state), 'WaiterTimeoutError', 'ECS_SDK_WAITER_TIMEOUT'],
  [
    new WaiterFailureError(state, {
      matcher: 'pathAny',
      state: 'failure',
      expected: 'STOPPED',
      argument: 'tasks[].lastStatus',
    }),
    'WaiterFailureError',
    'ECS_SDK_WAITER_FAILURE',
  ],
]

t.test('each class has its literal name, its own code, and the brand', t => {
  const codes = new Set<string>()
  for (const [error, name, code] of catalogue) {
    t.equal(error.name, name)
    t.equal(error.code, code)
    t.ok(error instanceof EcsSdkError && error instanceof Error)
    t.ok(isEcsSdkError(error), `${name} is branded`)
    codes.add(code)
  }
  t.equal(codes.size, catalogue.length, 'codes are unique')
  t.end()
})

t.test('every exported error class is in the catalogue above', t => {
  const classes = Object.values(errors).filter(
    (value): value is typeof EcsSdkError =>
      typeof value === 'function' && value.prototype instanceof EcsSdkError,
  )
  t.equal(classes.length, catalogue.length)
  for (const cls of classes)
    t.ok(
      catalogue.some(([error]) => error.constructor === cls),
      cls.name,
    )
  t.end()
})

t.test('cause is forwarded', t => {
  t.equal(new NetworkError('x', { cause }).cause, cause)
  t.equal(new WaiterTimeoutError(state).cause, cause)
  t.equal(new AbortError({ cause }).cause, cause)
  t.end()
})

t.test('the brand survives a second copy of the class (no instanceof needed)', t => {
  const foreign = Object.create({ [Symbol.for('@quayside/sdk.EcsSdkError')]: true }) as unknown
  t.ok(isEcsSdkError(foreign))
  t.notOk(isEcsSdkError(new Error('plain')))
  t.notOk(isEcsSdkError(null))
  t.notOk(isEcsSdkError('string'))
  t.end()
})

t.test('isEcsServiceError narrows by operation', t => {
  t.ok(isEcsServiceError(serviceError))
  t.ok(isEcsServiceError(serviceError, 'DescribeServices'))
  t.notOk(isEcsServiceError(serviceError, 'ListClusters'))
  t.notOk(isEcsServiceError(new TimeoutError(1)))
  t.equal(serviceError.fault, 'client')
  t.end()
})

t.test('messages say what happened', t => {
  t.match(new TimeoutError(250).message, /250 ms/)
  t.match(new PaginationError('ListTasks', 'tok').message, /ListTasks.*tok/)
  t.match(new WaiterTimeoutError(state).message, /TasksRunning.*2 attempts/)
  const failure = new WaiterFailureError(state, {
    matcher: 'error',
    state: 'failure',
    expected: 'X',
  })
  t.match(failure.message, /TasksRunning failed: error matched "X"/)
  t.same(failure.acceptor.expected, 'X')
  t.end()
})
