import type { QueryResult } from './ast.js'

/**
 * A lexical token of a cluster query.
 *
 * - `word`: a bare run of characters (subjects, keywords, word operators, bare values). Bare
 *   words may hold anything except whitespace and the characters `( ) [ ] , ' " = ! < > & |`.
 * - `string`: a value quoted with `'` or `"`; `text` is the content without the quotes. There are
 *   no escapes: a quoted value ends at the next quote of the same kind.
 * - `symbol`: one of `== != >= <= > < =~ !~ && || !`.
 * - punctuation `( ) [ ] ,` and `end` (after the last character).
 *
 * `position` is the 1-based column of the token's first character (`end`: length + 1).
 */
export interface Token {
  readonly kind: 'word' | 'string' | 'symbol' | '(' | ')' | '[' | ']' | ',' | 'end'
  readonly text: string
  readonly position: number
}

const PUNCTUATION = new Set(['(', ')', '[', ']', ','])
const SYMBOLS = ['==', '!=', '>=', '<=', '=~', '!~', '&&', '||', '>', '<', '!']
const NOT_IN_WORDS = /[\s()[\],'"=!<>&|]/

/** Prefix of every error message of the query language. */
export function queryError(position: number, detail: string): { ok: false; message: string } {
  return { ok: false, message: `Invalid query expression at ${position}: ${detail}` }
}

/** Splits `text` into tokens, ending with an `end` token; fails on a stray or unclosed character. */
export function tokenize(text: string): QueryResult<Token[]> {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const ch = text.charAt(i)
    const position = i + 1
    if (/\s/.test(ch)) {
      i += 1
    } else if (PUNCTUATION.has(ch)) {
      tokens.push({ kind: ch as Token['kind'], text: ch, position })
      i += 1
    } else if (ch === "'" || ch === '"') {
      const close = text.indexOf(ch, i + 1)
      if (close < 0)
        return queryError(position, `unterminated quoted value (missing closing ${ch})`)
      tokens.push({ kind: 'string', text: text.slice(i + 1, close), position })
      i = close + 1
    } else {
      const symbol = SYMBOLS.find(s => text.startsWith(s, i))
      if (symbol !== undefined) {
        tokens.push({ kind: 'symbol', text: symbol, position })
        i += symbol.length
      } else if (NOT_IN_WORDS.test(ch)) {
        return queryError(position, `unexpected character "${ch}"`)
      } else {
        let end = i + 1
        while (end < text.length && !NOT_IN_WORDS.test(text.charAt(end))) end += 1
        tokens.push({ kind: 'word', text: text.slice(i, end), position })
        i = end
      }
    }
  }
  tokens.push({ kind: 'end', text: '', position: text.length + 1 })
  return { ok: true, value: tokens }
}
