import t from 'tap'
import {
  bucketOf,
  compareIds,
  kept,
  matches,
  mergeIds,
  WriteSet,
  type OwnWrite,
} from '../../src/store/own-writes.js'

const put = (parent: string, text = '{}'): OwnWrite => ({ parent, text })
const gone = (parent: string): OwnWrite => ({ parent, text: undefined })

t.test('ids compare by their UTF-8 bytes', t => {
  t.equal(compareIds('a', 'b'), -1)
  t.equal(compareIds('b', 'a'), 1)
  t.equal(compareIds('a', 'a'), 0)
  t.equal(compareIds('B', 'a'), -1, 'upper case first, as bytes')
  // In UTF-16 a surrogate pair (U+1F600) sorts before U+FF21; in UTF-8 bytes it comes after.
  t.equal(compareIds('\uff21', '\u{1f600}'), -1)
  t.equal(compareIds('\u{1f600}', '\uff21'), 1)
  t.end()
})

t.test('filters as the databases apply them', t => {
  t.ok(matches('a 1', 'a', { parent: 'a', prefix: 'a ', after: 'a 0', before: 'a 2' }))
  t.notOk(matches('a 1', 'b', { parent: 'a' }))
  t.notOk(matches('b 1', 'a', { prefix: 'a ' }))
  t.ok(matches('b 1', 'a', { prefix: '' }), 'an empty prefix filters nothing')
  t.notOk(matches('a 1', 'a', { after: 'a 1' }))
  t.notOk(matches('a 1', 'a', { before: 'a 1' }))
  t.end()
})

t.test('writes replace, delete, move and add rows; order and limit hold', t => {
  const writes = new Map([
    ['b', put('p')], // replaces the database's b
    ['c', gone('p')], // deletes c
    ['d', put('q')], // moves d away from p
    ['e', put('p')], // new
    ['z', put('p')], // new, beyond the limit
  ])
  const stored = ['a', 'b', 'c', 'd', 'f']
  t.same(mergeIds(stored, writes, { parent: 'p' }), ['a', 'b', 'e', 'f', 'z'])
  t.same(mergeIds(stored, writes, { parent: 'p', limit: 3 }), ['a', 'b', 'e'])
  t.same(mergeIds(stored, writes, { parent: 'p', descending: true, limit: 2 }), ['z', 'f'])
  t.same(
    ['a', 'b', 'c', 'd'].map(id => kept(id, writes, { parent: 'p' })),
    [true, true, false, false],
    'a deleted or moved row does not stay; a replaced one does',
  )
  t.same(mergeIds(['a'], new Map(), { limit: 0 }), [])
  t.end()
})

t.test('a write set keeps the last write per document, by bucket', t => {
  const writes = new WriteSet()
  const bucket = bucketOf('000000000000', 'us-east-1', 'task')
  t.equal(bucket, '000000000000\nus-east-1\ntask')
  writes.set(bucket, 'a', put('p', '1'))
  writes.set(bucket, 'a', gone('p'))
  writes.set(bucketOf('000000000000', 'us-east-1', 'cluster'), 'a', put('', '2'))
  t.same(writes.get(bucket, 'a'), gone('p'))
  t.equal(writes.get(bucket, 'b'), undefined)
  t.equal(writes.documents.size, 2)
  t.end()
})
