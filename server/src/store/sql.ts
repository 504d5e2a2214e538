/** SQL shared by both stores, written with `?` placeholders (PostgreSQL numbers them). */
import type { Kind, ListOptions, Scope } from './store.js'

/** Builds the SELECT for list/count; shared by both dialects through `?` placeholders. */
export function listQuery(
  scope: Scope,
  kind: Kind,
  options: ListOptions,
  count: boolean,
): { sql: string; params: unknown[] } {
  const where = ['account = ?', 'region = ?', 'kind = ?']
  const params: unknown[] = [scope.account, scope.region, kind]
  if (options.parent !== undefined) {
    where.push('parent = ?')
    params.push(options.parent)
  }
  if (options.prefix !== undefined && options.prefix !== '') {
    // Range instead of LIKE: ids may hold `_` and `%`, and a range uses the index.
    where.push('id >= ?', 'id < ?')
    params.push(options.prefix, options.prefix + '\u{10FFFF}')
  }
  if (options.after !== undefined) {
    where.push('id > ?')
    params.push(options.after)
  }
  if (options.before !== undefined) {
    where.push('id < ?')
    params.push(options.before)
  }
  const select = count ? 'SELECT count(*) AS n' : 'SELECT id, parent, body'
  let sql = `${select} FROM documents WHERE ${where.join(' AND ')}`
  if (!count) {
    sql += ` ORDER BY id ${options.descending ? 'DESC' : 'ASC'}`
    if (options.limit !== undefined) {
      sql += ' LIMIT ?'
      params.push(options.limit)
    }
  }
  return { sql, params }
}

/** Rewrites `?` placeholders as PostgreSQL's `$1, $2, ...`. */
export function numbered(sql: string): string {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}
