import t from 'tap'
import {
  canonicalJson,
  fingerprint,
  isExpired,
  judge,
  newRecord,
  readClaim,
  TOKEN_RULES,
  tokenId,
  type TokenClaim,
  type TokenRecord,
} from '../../src/idempotency/client-token.js'

t.test('canonicalJson', t => {
  const cases: { given: unknown; want: string }[] = [
    { given: { b: 1, a: 2 }, want: '{"a":2,"b":1}' },
    { given: { a: { d: [3, 1], c: 'x' } }, want: '{"a":{"c":"x","d":[3,1]}}' },
    { given: { a: null, b: undefined, c: false }, want: '{"c":false}' },
    { given: [{ y: 1, x: 2 }, null], want: '[{"x":2,"y":1},null]' },
    { given: 'text "quoted"', want: '"text \\"quoted\\""' },
    { given: { é: 1, e: 2, E: 3 }, want: '{"E":3,"e":2,"é":1}' },
    { given: 1.5, want: '1.5' },
  ]
  for (const { given, want } of cases) t.equal(canonicalJson(given), want, JSON.stringify(given))
  t.end()
})

t.test('fingerprint: the same parameters, whatever the order, token or cluster reference', t => {
  const base = fingerprint({ taskDefinition: 'web', count: 2, tags: [{ key: 'k', value: 'v' }] })
  const same: object[] = [
    { count: 2, tags: [{ value: 'v', key: 'k' }], taskDefinition: 'web' },
    { taskDefinition: 'web', count: 2, tags: [{ key: 'k', value: 'v' }], clientToken: 'x' },
    { taskDefinition: 'web', count: 2, tags: [{ key: 'k', value: 'v' }], cluster: 'arn:...' },
    { taskDefinition: 'web', count: 2, tags: [{ key: 'k', value: 'v' }], startedBy: null },
  ]
  for (const given of same) t.equal(fingerprint(given), base, JSON.stringify(given))
  const other: object[] = [
    { taskDefinition: 'web', count: 1, tags: [{ key: 'k', value: 'v' }] },
    { taskDefinition: 'web:2', count: 2, tags: [{ key: 'k', value: 'v' }] },
    { taskDefinition: 'web', count: 2, tags: [] },
    { taskDefinition: 'web', count: 2, tags: [{ key: 'k', value: 'v' }], group: 'g' },
    { taskDefinition: 'web', count: '2', tags: [{ key: 'k', value: 'v' }] },
  ]
  for (const given of other) t.not(fingerprint(given), base, JSON.stringify(given))
  t.match(base, /^[0-9a-f]{64}$/)
  t.end()
})

t.test('readClaim: absent, valid, and what ECS refuses', t => {
  t.equal(readClaim('RunTask', { taskDefinition: 'web' }), undefined, 'no token')
  t.equal(readClaim('RunTask', { clientToken: null }), undefined, 'null is absent')
  const claim = readClaim('RunTask', { taskDefinition: 'web', clientToken: 'Tok-1' })
  t.same(claim, {
    operation: 'RunTask',
    token: 'Tok-1',
    fingerprint: fingerprint({ taskDefinition: 'web' }),
  })
  const cases: { operation: 'RunTask' | 'CreateService'; token: unknown; ok: boolean }[] = [
    { operation: 'RunTask', token: 'a'.repeat(64), ok: true },
    { operation: 'RunTask', token: 'a'.repeat(65), ok: false },
    { operation: 'CreateService', token: 'a'.repeat(36), ok: true },
    { operation: 'CreateService', token: 'a'.repeat(37), ok: false },
    { operation: 'RunTask', token: '!~', ok: true },
    { operation: 'RunTask', token: 'with space', ok: false },
    { operation: 'RunTask', token: 'tab\t', ok: false },
    { operation: 'RunTask', token: 'é', ok: false },
    { operation: 'RunTask', token: '', ok: false },
    { operation: 'RunTask', token: 7, ok: false },
  ]
  for (const { operation, token, ok } of cases) {
    const name = `${operation} ${JSON.stringify(token)}`
    if (ok) t.equal(readClaim(operation, { clientToken: token })?.token, token, name)
    else
      t.throws(
        () => readClaim(operation, { clientToken: token }),
        {
          shapeName: 'InvalidParameterException',
          message: `clientToken must be 1 to ${TOKEN_RULES[operation].maxLength} ASCII characters in the range 33-126.`,
        },
        name,
      )
  }
  t.end()
})

t.test('keys: per operation and cluster, the token kept as it is', t => {
  const claim: TokenClaim = { operation: 'RunTask', token: 'AbC', fingerprint: 'f' }
  t.equal(tokenId(claim, 'prod'), 'RunTask/prod/AbC')
  t.not(tokenId(claim, 'prod'), tokenId({ ...claim, token: 'abc' }, 'prod'), 'case-sensitive')
  t.not(tokenId(claim, 'prod'), tokenId(claim, 'dev'))
  t.not(tokenId(claim, 'prod'), tokenId({ ...claim, operation: 'CreateService' }, 'prod'))
  t.end()
})

t.test('newRecord and expiry: 24 hours', t => {
  const claim: TokenClaim = { operation: 'RunTask', token: 't', fingerprint: 'f' }
  const record = newRecord(claim, 1_000, ['arn:task'], [{ arn: 'a', reason: 'AGENT', detail: 'd' }])
  t.same(record, {
    operation: 'RunTask',
    fingerprint: 'f',
    createdAt: 1_000,
    expiresAt: 1_000 + 86_400_000,
    resourceIds: ['arn:task'],
    failures: [{ arn: 'a', reason: 'AGENT', detail: 'd' }],
  })
  t.notOk('failures' in newRecord({ ...claim, operation: 'CreateService' }, 0, ['s']))
  t.equal(isExpired(record, 1_000 + 86_400_000 - 1), false)
  t.equal(isExpired(record, 1_000 + 86_400_000), true)
  t.end()
})

t.test('judge', t => {
  const claim: TokenClaim = { operation: 'RunTask', token: 't', fingerprint: 'same' }
  const record: TokenRecord = {
    operation: 'RunTask',
    fingerprint: 'same',
    createdAt: 0,
    expiresAt: 100,
    resourceIds: ['arn:1'],
  }
  const cases: { name: string; record: TokenRecord | undefined; now: number; want: string }[] = [
    { name: 'no record', record: undefined, now: 50, want: 'fresh' },
    { name: 'same parameters', record, now: 50, want: 'replay' },
    {
      name: 'other parameters',
      record: { ...record, fingerprint: 'other' },
      now: 50,
      want: 'conflict',
    },
    { name: 'expired', record, now: 100, want: 'fresh' },
    {
      name: 'expired, other parameters',
      record: { ...record, fingerprint: 'o' },
      now: 101,
      want: 'fresh',
    },
  ]
  for (const c of cases) {
    const verdict = judge(claim, c.record, c.now)
    t.equal(verdict.kind, c.want, c.name)
    if (verdict.kind !== 'fresh') t.equal(verdict.record, c.record, `${c.name}: the record`)
  }
  t.end()
})
