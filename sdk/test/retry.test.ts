import t from 'tap'
import {
  AbortError,
  CredentialsError,
  EcsServiceError,
  NetworkError,
  TimeoutError,
} from '../src/errors.js'
import {
  backoffDelay,
  DEFAULT_RETRY,
  isRetryable,
  retryPolicy,
  sleep,
  withRetries,
} from '../src/retry.js'

const service = (name: string, statusCode: number) =>
  new EcsServiceError({
    name,
    message: name,
    operation: 'ListClusters',
    statusCode,
    requestId: undefined,
    data: {},
    response: { statusCode, headers: {}, body: '' },
  })

t.test('what is retried', t => {
  const table: [string, unknown, boolean][] = [
    ['ThrottlingException 400', service('ThrottlingException', 400), true],
    ['Throttling 400', service('Throttling', 400), true],
    ['TooManyRequestsException', service('TooManyRequestsException', 400), true],
    ['RequestLimitExceeded', service('RequestLimitExceeded', 400), true],
    ['RequestTimeoutException', service('RequestTimeoutException', 400), true],
    ['429 without a name', service('UnknownError', 429), true],
    ['ServerException 500', service('ServerException', 500), true],
    ['503', service('UnknownError', 503), true],
    ['ClientException 400', service('ClientException', 400), false],
    ['ClusterNotFoundException 400', service('ClusterNotFoundException', 400), false],
    ['InvalidParameterException 400', service('InvalidParameterException', 400), false],
    ['AccessDeniedException 403', service('AccessDeniedException', 403), false],
    ['network error', new NetworkError('refused', { cause: undefined }), true],
    ['timeout', new TimeoutError(5), true],
    ['abort', new AbortError({ cause: undefined }), false],
    ['credentials', new CredentialsError('none'), false],
    ['a plain Error', new Error('x'), false],
    ['not an error', 'string', false],
  ]
  for (const [name, error, want] of table) t.equal(isRetryable(error), want, name)
  t.end()
})

t.test('policy defaults and clamping', t => {
  t.same(retryPolicy(), DEFAULT_RETRY)
  t.same(retryPolicy({ maxAttempts: 0, baseDelayMs: -1, maxDelayMs: -5 }), {
    maxAttempts: 1,
    baseDelayMs: 0,
    maxDelayMs: 0,
  })
  t.same(retryPolicy({ maxAttempts: 5.7 }).maxAttempts, 5)
  t.end()
})

t.test('full jitter: random × min(cap, base × 2^n)', t => {
  const policy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 }
  t.equal(
    backoffDelay(policy, 0, () => 0.5),
    50,
  )
  t.equal(
    backoffDelay(policy, 2, () => 0.5),
    200,
  )
  t.equal(
    backoffDelay(policy, 10, () => 0.999),
    999,
    'capped',
  )
  t.equal(
    backoffDelay(policy, 3, () => 0),
    0,
  )
  t.end()
})

t.test('withRetries repeats retryable failures up to maxAttempts', async t => {
  const policy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 }
  let calls = 0
  const result = await withRetries(attempt => {
    calls++
    if (attempt < 3) return Promise.reject(service('ThrottlingException', 400))
    return Promise.resolve('done')
  }, policy)
  t.equal(result, 'done')
  t.equal(calls, 3)

  calls = 0
  await t.rejects(
    withRetries(() => {
      calls++
      return Promise.reject(service('ServerException', 500))
    }, policy),
    { name: 'ServerException' },
  )
  t.equal(calls, 3, 'gives up after maxAttempts and throws the last error')

  calls = 0
  await t.rejects(
    withRetries(() => {
      calls++
      return Promise.reject(service('ClientException', 400))
    }, policy),
    { name: 'ClientException' },
  )
  t.equal(calls, 1, 'a non-throttling 4xx is never retried')
})

t.test('the wait between attempts is abortable', async t => {
  const controller = new AbortController()
  const started = Date.now()
  const run = withRetries(
    () => Promise.reject(service('ThrottlingException', 400)),
    { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    { signal: controller.signal, random: () => 1 },
  )
  setTimeout(() => {
    controller.abort(new Error('stop'))
  }, 20)
  await t.rejects(run, AbortError)
  t.ok(Date.now() - started < 5000)
})

t.test('sleep rejects at once on an aborted signal and resolves otherwise', async t => {
  await t.rejects(sleep(10, AbortSignal.abort()), { code: 'ECS_SDK_ABORTED' })
  const controller = new AbortController()
  await t.resolves(sleep(1, controller.signal))
  await t.resolves(sleep(1))
})
