/**
 * The paginator engine behind `ecs.paginate.<operation>(input)`. A paginator is an async iterable
 * of the *items* of the operation's result key (ARNs for `listTasks`); its `pages()` method walks
 * the whole pages instead. Each `for await` starts again from the input's token (normally the
 * first page); the walk ends when a page comes back without a next token.
 *
 *   input ─► call ─► page ─► items of page[resultKey] ─► (nextToken? call again : done)
 */
import { PaginationError } from './errors.js'

/** A paginated operation as the spec's `x-paginator` describes it. */
export interface PaginatorSpec {
  readonly operation: string
  readonly inputToken: string
  readonly outputToken: string
  readonly limitKey: string
  readonly resultKey: string
}

/** Items of a paginated list, with access to the pages behind them. */
export interface Paginator<Item, Page> extends AsyncIterable<Item> {
  /** The pages themselves, each the operation's full output. */
  pages(): AsyncIterable<Page>
}

/**
 * Builds a paginator over `call`. `call` is made once per page with `input` plus the token of the
 * page before; a page whose result key is absent counts as empty.
 */
export function paginate<Input extends object, Page extends object, Item>(
  call: (input: Input) => Promise<Page>,
  spec: PaginatorSpec,
  input: Input,
): Paginator<Item, Page> {
  async function* pages(): AsyncGenerator<Page> {
    let token = (input as Record<string, unknown>)[spec.inputToken]
    for (;;) {
      const request = token === undefined ? input : { ...input, [spec.inputToken]: token }
      const page = await call(request)
      yield page
      const next = (page as Record<string, unknown>)[spec.outputToken]
      if (typeof next !== 'string' || next === '') return
      if (next === token) throw new PaginationError(spec.operation, next)
      token = next
    }
  }
  async function* items(): AsyncGenerator<Item> {
    for await (const page of pages()) {
      const list = (page as Record<string, unknown>)[spec.resultKey]
      if (Array.isArray(list)) yield* list as Item[]
    }
  }
  return { pages, [Symbol.asyncIterator]: items }
}
