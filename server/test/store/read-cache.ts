import t from 'tap'
import { ReadCache } from '../../src/store/read-cache.js'

t.test('answers stay until their bucket is written', t => {
  const cache = new ReadCache<string | undefined>(2)
  let loads = 0
  const load = (value: string | undefined) => () => {
    loads++
    return value
  }
  t.equal(cache.read('b', 'k', load('one')), 'one')
  t.equal(cache.read('b', 'k', load('two')), 'one', 'cached')
  t.equal(cache.read('b', 'missing', load(undefined)), undefined)
  t.equal(cache.read('b', 'missing', load('late')), undefined, 'a miss is an answer too')
  t.equal(loads, 2)
  cache.invalidate('b')
  t.equal(cache.read('b', 'k', load('two')), 'two', 'read again after a write')
  t.equal(cache.read('other', 'k', load('x')), 'x')
  cache.clear()
  t.equal(cache.read('other', 'k', load('y')), 'y', 'read again after a rollback')
  t.end()
})

t.test('a bucket starts over past its bound; answers not kept are not cached', t => {
  const cache = new ReadCache<number>(2)
  cache.read('b', 'a', () => 1)
  cache.read('b', 'b', () => 2)
  cache.read('b', 'c', () => 3)
  t.equal(
    cache.read('b', 'a', () => 10),
    10,
    'the bucket was cleared to make room',
  )
  t.equal(
    cache.read(
      'b',
      'long',
      () => 99,
      v => v < 50,
    ),
    99,
  )
  t.equal(
    cache.read(
      'b',
      'long',
      () => 98,
      v => v < 50,
    ),
    98,
    'not kept',
  )
  t.end()
})
