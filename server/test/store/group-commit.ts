import t from 'tap'
import { GroupCommit } from '../../src/store/group-commit.js'

/** A database that logs what it is asked; `failOn` names a statement (or 'apply') that throws. */
function fakeDb(failOn?: string) {
  const log: string[] = []
  let next = 0
  return {
    log,
    exec(sql: string) {
      log.push(sql)
      if (sql === failOn) throw new Error(`${sql} failed`)
    },
    begin() {
      const name = `tx${String(++next)}`
      return {
        tx: name,
        apply() {
          log.push(`apply ${name}`)
          if (failOn === 'apply') throw new Error('apply failed')
        },
      }
    },
    durable() {
      log.push('durable')
      return Promise.resolve()
    },
    rolledBack() {
      log.push('rolled back')
    },
  }
}

t.test('concurrent transactions share one commit; a failing one is never applied', async t => {
  const db = fakeDb()
  const queue = new GroupCommit(db)
  const results = await Promise.allSettled([
    queue.run(tx => Promise.resolve(`${tx}-1`)),
    queue.run(() => Promise.reject(new Error('boom'))),
    queue.run(tx => Promise.resolve(`${tx}-3`)),
  ])
  t.match(results, [
    { status: 'fulfilled', value: 'tx1-1' },
    { status: 'rejected', reason: { message: 'boom' } },
    { status: 'fulfilled', value: 'tx3-3' },
  ])
  t.same(db.log, ['BEGIN IMMEDIATE', 'apply tx1', 'apply tx3', 'COMMIT', 'durable'])
  const later = await queue.run(() => Promise.resolve('again'))
  t.equal(later, 'again', 'a caller woken by a settled batch can queue more work')
  await queue.idle()
})

t.test('writes the database cannot take fail the whole batch', async t => {
  const db = fakeDb('apply')
  const queue = new GroupCommit(db)
  const results = await Promise.allSettled([
    queue.run(() => Promise.resolve(1)),
    queue.run(() => Promise.resolve(2)),
  ])
  t.match(results, [
    { status: 'rejected', reason: { message: 'apply failed' } },
    { status: 'rejected', reason: { message: 'apply failed' } },
  ])
  t.same(db.log.slice(-2), ['ROLLBACK', 'rolled back'])
})

t.test('a batch that cannot commit fails every transaction in it', async t => {
  const db = fakeDb('COMMIT')
  const queue = new GroupCommit(db)
  const results = await Promise.allSettled([
    queue.run(() => Promise.resolve(1)),
    queue.run(() => Promise.resolve(2)),
  ])
  t.match(results, [
    { status: 'rejected', reason: { message: 'COMMIT failed' } },
    { status: 'rejected', reason: { message: 'COMMIT failed' } },
  ])
  t.same(db.log.slice(-2), ['ROLLBACK', 'rolled back'])
  const beginFails = new GroupCommit(fakeDb('BEGIN IMMEDIATE'))
  await t.rejects(
    beginFails.run(() => Promise.resolve(1)),
    { message: 'BEGIN IMMEDIATE failed' },
  )
})

t.test(
  'callers hear back only once their batch is durable; the next batch does not wait',
  async t => {
    const log: string[] = []
    const flushes: { resolve: () => void; reject: (error: Error) => void }[] = []
    const db = {
      exec(sql: string) {
        log.push(sql)
      },
      begin: () => ({ tx: 'tx', apply: () => undefined }),
      durable() {
        return new Promise<void>((resolve, reject) => flushes.push({ resolve, reject }))
      },
      beforeBatch() {
        log.push('beforeBatch')
      },
    }
    const queue = new GroupCommit(db)
    let firstSettled = false
    const first = queue.run(() => Promise.resolve('first')).finally(() => (firstSettled = true))
    while (flushes.length < 1) await new Promise(resolve => setImmediate(resolve))
    const second = queue.run(() => Promise.resolve('second'))
    while (flushes.length < 2) await new Promise(resolve => setImmediate(resolve))
    t.equal(firstSettled, false, 'the first caller still waits for its flush')
    t.same(
      log.filter(s => s === 'COMMIT' || s === 'beforeBatch'),
      ['beforeBatch', 'COMMIT', 'beforeBatch', 'COMMIT'],
      'the second batch committed while the first one was being flushed',
    )
    flushes[0]?.resolve()
    t.equal(await first, 'first')
    flushes[1]?.reject(new Error('fsync failed'))
    await t.rejects(second, { message: 'fsync failed' }, 'a failed flush fails its batch')
    await queue.idle()
  },
)
