import t from 'tap'
import { WalDurability } from '../../src/store/wal-durability.js'

/** A sync that completes when the test says so, counting how often it was called. */
function manualSync() {
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = []
  return {
    pending,
    sync: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
  }
}

const turn = () => new Promise(resolve => setImmediate(resolve))

t.test(
  'commits during a flush share the next one; each waits for a flush that began after it',
  async t => {
    const disk = manualSync()
    const durability = new WalDurability(disk.sync)
    const done: string[] = []
    durability.wrote()
    const a = durability.committed().then(() => done.push('a'))
    durability.wrote()
    const b = durability.committed().then(() => done.push('b'))
    durability.wrote()
    const c = durability.committed().then(() => done.push('c'))
    t.equal(disk.pending.length, 1, 'one flush started, for the first commit')
    disk.pending[0]?.resolve()
    await a
    await turn()
    t.same(done, ['a'], 'b and c committed after that flush began: they wait')
    t.equal(disk.pending.length, 2, 'one more flush covers both')
    t.equal(durability.settled, false)
    disk.pending[1]?.resolve()
    await Promise.all([b, c])
    t.same(done, ['a', 'b', 'c'])
    t.equal(durability.settled, true)
  },
)

t.test('a commit that wrote nothing waits only for earlier commits', async t => {
  const disk = manualSync()
  const durability = new WalDurability(disk.sync)
  await durability.committed()
  t.equal(disk.pending.length, 0, 'nothing to flush: no fsync')
  durability.wrote()
  const write = durability.committed()
  let readDone = false
  const read = durability.committed().then(() => (readDone = true))
  await turn()
  t.equal(readDone, false, 'a read that may have seen an unflushed write waits for it')
  t.equal(disk.pending.length, 1, 'and adds no fsync of its own')
  disk.pending[0]?.resolve()
  await Promise.all([write, read])
})

t.test('a checkpoint at FULL makes everything durable at once', async t => {
  const disk = manualSync()
  const durability = new WalDurability(disk.sync)
  durability.wrote()
  const write = durability.committed()
  durability.markDurable()
  await write
  t.equal(durability.settled, true)
  disk.pending[0]?.resolve()
})

t.test('a failed flush fails its commits and every later one', async t => {
  const disk = manualSync()
  const durability = new WalDurability(disk.sync)
  durability.wrote()
  const first = durability.committed()
  durability.wrote()
  const second = durability.committed()
  disk.pending[0]?.reject(new Error('EIO: i/o error, fdatasync'))
  await t.rejects(first, { message: /EIO/ })
  await t.rejects(second, { message: /EIO/ }, 'a commit waiting for the next flush fails too')
  await t.rejects(durability.committed(), { message: /EIO/ }, 'the store refuses commits after')
  t.equal(disk.pending.length, 1, 'no flush is tried after a failure')
})

t.test('a flush that fails with something other than an Error still fails as an Error', async t => {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case under test
  const durability = new WalDurability(() => Promise.reject('x'))
  durability.wrote()
  await t.rejects(durability.committed(), { message: 'x' })
})
