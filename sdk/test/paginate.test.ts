import t from 'tap'
import { PaginationError } from '../src/errors.js'
import { paginate } from '../src/paginate.js'
import type { PaginatorSpec } from '../src/paginate.js'

const spec: PaginatorSpec = {
  operation: 'ListTasks',
  inputToken: 'nextToken',
  outputToken: 'nextToken',
  limitKey: 'maxResults',
  resultKey: 'taskArns',
}

interface Input {
  cluster?: string
  nextToken?: string
  maxResults?: number
}
interface Page {
  taskArns?: string[]
  nextToken?: string
}

/** A fake ListTasks over `items`, `size` per page, tokens are offsets. */
function lister(items: string[], size: number) {
  const calls: Input[] = []
  const call = (input: Input): Promise<Page> => {
    calls.push(input)
    const start = Number(input.nextToken ?? 0)
    const page: Page = { taskArns: items.slice(start, start + size) }
    if (start + size < items.length) page.nextToken = String(start + size)
    return Promise.resolve(page)
  }
  return { call, calls }
}

const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = []
  for await (const item of iterable) out.push(item)
  return out
}

t.test('items across pages, keeping the other input members', async t => {
  const items = ['a', 'b', 'c', 'd', 'e']
  const { call, calls } = lister(items, 2)
  const paginator = paginate<Input, Page, string>(call, spec, { cluster: 'web', maxResults: 2 })
  t.same(await collect(paginator), items)
  t.same(calls, [
    { cluster: 'web', maxResults: 2 },
    { cluster: 'web', maxResults: 2, nextToken: '2' },
    { cluster: 'web', maxResults: 2, nextToken: '4' },
  ])
  t.same(await collect(paginator), items, 'iterating again starts again')
})

t.test('pages() yields whole pages', async t => {
  const { call } = lister(['a', 'b', 'c'], 2)
  const pages = await collect(paginate<Input, Page, string>(call, spec, {}).pages())
  t.same(pages, [{ taskArns: ['a', 'b'], nextToken: '2' }, { taskArns: ['c'] }])
})

t.test('a starting token in the input is honoured', async t => {
  const { call } = lister(['a', 'b', 'c', 'd'], 2)
  t.same(await collect(paginate<Input, Page, string>(call, spec, { nextToken: '2' })), ['c', 'd'])
})

t.test('pages without the result key are empty; an empty token ends', async t => {
  const pages: Page[] = [{ nextToken: 't1' }, { taskArns: ['x'], nextToken: '' }]
  let i = 0
  const call = (): Promise<Page> => Promise.resolve(pages[i++] ?? {})
  t.same(await collect(paginate<Input, Page, string>(call, spec, {})), ['x'])
  t.equal(i, 2)
})

t.test('the same token twice is a PaginationError, not an endless loop', async t => {
  const call = (): Promise<Page> => Promise.resolve({ taskArns: ['x'], nextToken: 'same' })
  await t.rejects(collect(paginate<Input, Page, string>(call, spec, {})), PaginationError)
})

t.test('breaking out early stops calling', async t => {
  const { call, calls } = lister(['a', 'b', 'c', 'd'], 1)
  for await (const item of paginate<Input, Page, string>(call, spec, {})) {
    if (item === 'b') break
  }
  t.equal(calls.length, 2)
})
