import t from 'tap'
import {
  beginTransaction,
  type Row,
  type SqliteAccess,
} from '../../src/store/sqlite-transaction.js'
import { compareIds, matches } from '../../src/store/own-writes.js'

const scope = { account: '000000000000', region: 'us-east-1' }

/** A database of task rows in memory that logs what reaches it. */
function fakeAccess(rows: Row[]) {
  const log: string[] = []
  const access: SqliteAccess = {
    stored: (_s, _k, id) => rows.find(r => r.id === id),
    storedRows(_s, _k, options) {
      log.push(`rows ${options.after ?? ''} ${String(options.limit ?? '')}`)
      const found = rows
        .filter(r => matches(r.id, r.parent, options))
        .sort((a, b) => compareIds(a.id, b.id))
      return options.limit === undefined ? found : found.slice(0, options.limit)
    },
    count: (_s, _k, parent) => rows.filter(r => parent === undefined || r.parent === parent).length,
    counter: () => 41,
    write(bucket, id, parent, text) {
      log.push(`write ${bucket.split('\n')[2] ?? ''} ${id} ${parent} ${text ?? 'deleted'}`)
    },
    setCounter(key, value) {
      log.push(`counter ${key.split('\n')[2] ?? ''} ${String(value)}`)
    },
  }
  return { access, log }
}

t.test('nothing reaches the database before apply; then every write, once, in order', async t => {
  const rows = ['a', 'b', 'c'].map(id => ({ id, parent: 'p', body: `{"id":"${id}"}` }))
  const { access, log } = fakeAccess(rows)
  const { tx, apply } = beginTransaction(access)
  await tx.put(scope, 'task', 'd', 'p', { id: 'd' })
  await tx.put(scope, 'task', 'd', 'p', { id: 'd', v: 2 })
  t.equal(await tx.delete(scope, 'task', 'a'), true)
  t.equal(await tx.increment(scope, 'n'), 42)
  t.equal(await tx.increment(scope, 'n'), 43)
  t.same((await tx.get(scope, 'task', 'd'))?.body, { id: 'd', v: 2 })
  t.equal(await tx.get(scope, 'task', 'a'), undefined)
  t.equal(await tx.count(scope, 'task', 'p'), 3)
  t.notOk(
    log.some(line => line.startsWith('write') || line.startsWith('counter')),
    'no write yet',
  )
  apply()
  t.same(
    log.filter(line => line.startsWith('write') || line.startsWith('counter')),
    ['write task d p {"id":"d","v":2}', 'write task a p deleted', 'counter n 43'],
  )
})

t.test('a list reads further pages when its own writes took rows away', async t => {
  const rows = ['a', 'b', 'c', 'd'].map(id => ({ id, parent: 'p', body: `{"id":"${id}"}` }))
  const { access, log } = fakeAccess(rows)
  const { tx } = beginTransaction(access)
  await tx.delete(scope, 'task', 'a')
  await tx.delete(scope, 'task', 'b')
  const listed = await tx.list<{ id: string }>(scope, 'task', { parent: 'p', limit: 2 })
  t.same(
    listed.map(d => d.body.id),
    ['c', 'd'],
  )
  t.same(
    log.filter(line => line.startsWith('rows')),
    ['rows  2', 'rows b 2'],
    'a second page after the first one ran short',
  )
})
