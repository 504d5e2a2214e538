import t from 'tap'
import { parseCredentials } from '../../src/auth/credentials.js'
import {
  DEFAULT_THROTTLE_RATES,
  parseThrottleRate,
  TokenBuckets,
  type ThrottleRates,
} from '../../src/auth/throttle.js'
import { rawCall, testServer } from '../fixtures/server.js'

const rates: ThrottleRates = {
  ...DEFAULT_THROTTLE_RATES,
  read: { burst: 3, refillPerSecond: 2 },
  write: { burst: 1, refillPerSecond: 0.5 },
}

t.test('buckets empty, refill at their rate and never beyond their burst', t => {
  // [ms on the clock, group, account, want]
  const steps: [number, 'read' | 'write', string, boolean][] = [
    [0, 'read', 'a', true],
    [0, 'read', 'a', true],
    [0, 'read', 'a', true],
    [0, 'read', 'a', false], // burst of 3 spent
    [0, 'read', 'b', true], // another account has its own bucket
    [0, 'write', 'a', true], // another group too
    [0, 'write', 'a', false],
    [499, 'read', 'a', false], // 0.998 tokens: not yet one
    [500, 'read', 'a', true], // one token after half a second at 2/s
    [500, 'read', 'a', false],
    [1999, 'write', 'a', false], // 0.5/s: one token takes two seconds
    [2000, 'write', 'a', true],
    [60_000, 'read', 'a', true], // a long pause refills to the burst only
    [60_000, 'read', 'a', true],
    [60_000, 'read', 'a', true],
    [60_000, 'read', 'a', false],
  ]
  let now = 0
  const buckets = new TokenBuckets(rates, () => now)
  for (const [at, group, account, want] of steps) {
    now = at
    t.equal(buckets.take(account, 'us-east-1', group), want, `${String(at)} ms ${account} ${group}`)
  }
  t.equal(buckets.take('a', 'eu-west-1', 'read'), true, 'regions have their own buckets')
  t.end()
})

t.test('ECS documents a bucket of 50 refilled at 20/s for cluster reads', t => {
  t.same(DEFAULT_THROTTLE_RATES['cluster-read'], { burst: 50, refillPerSecond: 20 })
  let now = 0
  const buckets = new TokenBuckets(DEFAULT_THROTTLE_RATES, () => now)
  let taken = 0
  while (buckets.take('a', 'r', 'cluster-read')) taken++
  t.equal(taken, 50)
  now = 1000
  taken = 0
  while (buckets.take('a', 'r', 'cluster-read')) taken++
  t.equal(taken, 20)
  t.end()
})

t.test('full buckets are dropped once many are held', t => {
  let now = 0
  const buckets = new TokenBuckets(rates, () => now)
  for (let i = 0; i < 10_000; i++) buckets.take('a', `r-${String(i)}`, 'read')
  t.equal(buckets.size, 10_000)
  t.equal(buckets.take('a', 'r-0', 'read'), true, 'a bucket in use keeps its count')
  now = 10_000
  buckets.take('a', 'fresh', 'read')
  t.equal(buckets.size, 1, 'all the refilled ones went; the new one stays')
  t.end()
})

t.test('--throttle GROUP=BURST/RATE', t => {
  t.same(parseThrottleRate('read=10/2.5', DEFAULT_THROTTLE_RATES).read, {
    burst: 10,
    refillPerSecond: 2.5,
  })
  t.same(
    parseThrottleRate('launch=1/1', DEFAULT_THROTTLE_RATES).write,
    DEFAULT_THROTTLE_RATES.write,
  )
  for (const bad of ['read', 'read=10', 'reads=1/1', 'read=0/1', 'read=1/0', 'read=-1/2', '=1/1']) {
    t.throws(() => parseThrottleRate(bad, DEFAULT_THROTTLE_RATES), /--throttle/, bad)
  }
  t.end()
})

t.test(
  'through the server: ThrottlingException "Rate exceeded", per account and group',
  async t => {
    const server = await testServer(t, {
      credentials: parseCredentials(
        JSON.stringify([
          { accessKeyId: 'test', secretAccessKey: 'test' },
          { accessKeyId: 'other', secretAccessKey: 'o', accountId: '111111111111' },
        ]),
        '000000000000',
        'test',
      ),
      throttling: {
        ...DEFAULT_THROTTLE_RATES,
        'cluster-read': { burst: 3, refillPerSecond: 0.01 },
      },
    })
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await rawCall(server, 'ListClusters', {})).status)
    t.same(statuses, [200, 200, 200, 400])
    const throttled = await rawCall(server, 'DescribeClusters', {})
    t.same(throttled.body, { __type: 'ThrottlingException', message: 'Rate exceeded' })
    t.equal(throttled.headers['x-amzn-errortype'], 'ThrottlingException')
    t.equal(
      (await rawCall(server, 'ListTasks', {})).body['__type'],
      'ClusterNotFoundException',
      'other groups are not throttled',
    )
    const other = await rawCall(
      server,
      'ListClusters',
      {},
      { credentials: { accessKeyId: 'other', secretAccessKey: 'o' } },
    )
    t.equal(other.status, 200, 'another account has its own bucket')
    const elsewhere = await rawCall(server, 'ListClusters', {}, { region: 'eu-west-1' })
    t.equal(elsewhere.status, 200, 'another region too')
  },
)

t.test('without throttling options nothing is throttled', async t => {
  const server = await testServer(t)
  const statuses = await Promise.all(
    Array.from({ length: 80 }, async () => (await rawCall(server, 'ListClusters', {})).status),
  )
  t.ok(
    statuses.every(s => s === 200),
    '80 concurrent cluster reads, beyond the burst of 50',
  )
})
