/**
 * Token records in both stores: verdicts from what is stored, expiry and replacement, one winner
 * among concurrent transactions with one token, and the sweep that deletes expired records.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { newRecord, type TokenClaim } from '../../src/idempotency/client-token.js'
import { verdictOf, writeRecord } from '../../src/idempotency/token-records.js'
import type { Scope, Store } from '../../src/store/index.js'
import { openPostgresStore } from '../../src/store/postgres.js'
import { openSqliteStore } from '../../src/store/sqlite.js'
import { postgresSchema } from '../fixtures/postgres-schema.js'

const scope: Scope = { account: '000000000000', region: 'us-east-1' }
const DAY = 86_400_000

const claim = (token: string, fingerprint = 'f'): TokenClaim => ({
  operation: 'RunTask',
  token,
  fingerprint,
})

async function suite(t: Test, store: Store, cluster: string): Promise<void> {
  const now = Date.now()
  await t.test('a written record decides the next calls with its token', async t => {
    await store.transaction(async tx => {
      t.same(await verdictOf(tx, scope, claim('a'), cluster, now), { kind: 'fresh' })
      await writeRecord(tx, scope, claim('a'), cluster, newRecord(claim('a'), now, ['arn:1']))
    })
    await store.transaction(async tx => {
      const replay = await verdictOf(tx, scope, claim('a'), cluster, now + 1)
      t.equal(replay.kind, 'replay')
      t.same(replay.kind === 'replay' && replay.record.resourceIds, ['arn:1'])
      t.equal((await verdictOf(tx, scope, claim('a', 'g'), cluster, now)).kind, 'conflict')
      t.equal((await verdictOf(tx, scope, claim('A'), cluster, now)).kind, 'fresh', 'case')
      t.equal((await verdictOf(tx, scope, claim('a'), `${cluster}-2`, now)).kind, 'fresh')
      const elsewhere = { ...scope, region: 'eu-west-1' }
      t.equal((await verdictOf(tx, elsewhere, claim('a'), cluster, now)).kind, 'fresh')
      const later = now + DAY
      t.equal((await verdictOf(tx, scope, claim('a', 'g'), cluster, later)).kind, 'fresh')
      await writeRecord(tx, scope, claim('a', 'g'), cluster, newRecord(claim('a', 'g'), later, []))
    })
    const replaced = await store.transaction(tx =>
      verdictOf(tx, scope, claim('a', 'g'), cluster, now + DAY + 1),
    )
    t.equal(replaced.kind, 'replay', 'an expired record is replaced by the next call')
  })

  await t.test('concurrent transactions with one token: one writes, the others replay', async t => {
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        store.transaction(async tx => {
          const verdict = await verdictOf(tx, scope, claim('race'), cluster, now)
          if (verdict.kind !== 'fresh') return verdict.record.resourceIds[0]
          const record = newRecord(claim('race'), now, [`arn:${i}`])
          await writeRecord(tx, scope, claim('race'), cluster, record)
          return `wrote arn:${i}`
        }),
      ),
    )
    const writers = outcomes.filter(o => o?.startsWith('wrote'))
    t.equal(writers.length, 1, 'one transaction wrote')
    const winner = writers[0]?.slice('wrote '.length)
    t.ok(
      outcomes.every(o => o === `wrote ${winner}` || o === winner),
      'the others replay it',
    )
  })

  await t.test('writes sweep expired records of their operation and cluster', async t => {
    const swept = `${cluster}-sweep`
    await store.transaction(async tx => {
      for (let i = 0; i < 10; i++)
        await tx.put(scope, 'client-token', `RunTask/${swept}/old-${i}`, `RunTask/${swept}`, {
          ...newRecord(claim(`old-${i}`), now - 2 * DAY, []),
        })
    })
    for (let i = 0; i < 20; i++)
      await store.transaction(tx =>
        writeRecord(tx, scope, claim(`new-${i}`), swept, newRecord(claim(`new-${i}`), now, [])),
      )
    const left = await store.transaction(tx =>
      tx.list(scope, 'client-token', { parent: `RunTask/${swept}` }),
    )
    t.same(
      left.map(d => d.id).sort(),
      Array.from({ length: 20 }, (_, i) => `RunTask/${swept}/new-${i}`).sort(),
      'every expired record is gone, every live one kept',
    )
  })
}

t.test('SQLite', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'quayside-tokens-'))
  const store = openSqliteStore(dir)
  t.teardown(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })
  await suite(t, store, 'sqlite')
})

await withExternal(t, ['postgres'], 'PostgreSQL', async t => {
  const store = await openPostgresStore(await postgresSchema(t, 'idempotency'))
  t.teardown(() => store.close())
  await suite(t, store, 'postgres')
})
