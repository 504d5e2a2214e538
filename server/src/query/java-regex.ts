/**
 * Translation of the Java regular expressions that `matches`/`not_matches` take into JavaScript
 * RegExp source. Java's `matches()` needs the whole value to match, so the result is anchored.
 *
 * Most syntax is shared. What differs is either rewritten or refused with a reason, because
 * JavaScript (without the `u` flag) would silently read many Java escapes as plain letters:
 *
 * | Java                                   | here                                              |
 * |----------------------------------------|---------------------------------------------------|
 * | `\Q...\E` quoting                      | each character escaped                            |
 * | `(?i)`, `(?s)`, `(?m)` at the start    | JavaScript flags `i`, `s`, `m`                    |
 * | `\A`, `\z`, `\Z`                       | look-arounds for start, end, end before a final \n |
 * | `\a`, `\e`                             | `\x07`, `\x1B`                                    |
 * | `\p{Lower}` ... `\p{Space}` (POSIX)    | the ASCII class; `\P{...}` the negation           |
 * | possessive `*+`, atomic `(?>`          | refused: JavaScript has no equivalent             |
 * | other inline flags, `[a&&b]`, `[a[b]]` | refused                                           |
 * | any other letter escape JS lacks       | refused (`\h`, `\v`, `\G`, `\R`, `\x{..}`, ...)   |
 */

/** Result of a translation: anchored source and flags, or why the pattern cannot be used. */
export type RegexTranslation =
  { ok: true; source: string; flags: string } | { ok: false; reason: string }

const POSIX: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '\\x21-\\x7E',
  Print: '\\x20-\\x7E',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
}
/** Letter escapes JavaScript reads as Java does (`\c`, `\x`, `\u`, `\k` take their operands). */
const SHARED_LETTER_ESCAPES = new Set(['t', 'n', 'r', 'f', 'd', 'D', 's', 'S', 'w', 'W', 'b', 'B'])
const OPERAND_ESCAPES: Readonly<Record<string, RegExp>> = {
  c: /^\\c[A-Za-z]/,
  x: /^\\x[0-9a-fA-F]{2}/,
  u: /^\\u[0-9a-fA-F]{4}/,
  k: /^\\k<[A-Za-z][A-Za-z0-9]*>/,
}
const ANCHORS: Readonly<Record<string, string>> = {
  A: '(?<![\\s\\S])',
  z: '(?![\\s\\S])',
  Z: '(?=\\n?(?![\\s\\S]))',
}

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
}

/** Translates one Java pattern; see the table above for what is rewritten or refused. */
export function translateJavaRegex(java: string): RegexTranslation {
  let flags = ''
  let i = 0
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(java)
  if (leading) {
    const letters = leading[1] ?? ''
    if (!/^[ism]+$/.test(letters))
      return { ok: false, reason: `inline flags "${letters}" are not supported (only i, s and m)` }
    flags = [...new Set(letters)].sort().join('')
    i = leading[0].length
  }
  let out = ''
  let inClass = false
  let lastWasQuantifier = false
  while (i < java.length) {
    const ch = java.charAt(i)
    const rest = java.slice(i)
    if (ch === '\\') {
      const escaped = translateEscape(rest, inClass)
      if (!escaped.ok) return escaped
      out += escaped.source
      i += escaped.length
      lastWasQuantifier = false
      continue
    }
    if (inClass) {
      if (ch === '[') return { ok: false, reason: 'nested character classes are not supported' }
      if (rest.startsWith('&&'))
        return { ok: false, reason: 'character class intersection (&&) is not supported' }
      if (ch === ']') inClass = false
      out += ch
      i += 1
      continue
    }
    if (ch === '+' && lastWasQuantifier)
      return { ok: false, reason: 'possessive quantifiers are not supported' }
    if (rest.startsWith('(?>'))
      return { ok: false, reason: 'atomic groups (?>...) are not supported' }
    if (/^\(\?[a-zA-Z-]/.test(rest) && !rest.startsWith('(?<')) {
      return { ok: false, reason: 'inline flags are supported only at the start of the pattern' }
    }
    const counted = /^\{\d+(,\d*)?\}/.exec(rest)
    if (counted) {
      out += counted[0]
      i += counted[0].length
      lastWasQuantifier = true
      continue
    }
    if (ch === '[') {
      inClass = true
      out += ch
      i += 1
      if (java.charAt(i) === '^') {
        out += '^'
        i += 1
      }
      lastWasQuantifier = false
      continue
    }
    lastWasQuantifier = ch === '*' || ch === '+' || ch === '?'
    out += ch
    i += 1
  }
  return { ok: true, source: `^(?:${out})$`, flags }
}

type Escape = { ok: true; source: string; length: number } | { ok: false; reason: string }

function translateEscape(rest: string, inClass: boolean): Escape {
  const letter = rest.charAt(1)
  if (letter === '') return { ok: false, reason: 'the pattern ends with a lone backslash' }
  if (letter === 'Q') {
    const end = rest.indexOf('\\E', 2)
    const literal = end < 0 ? rest.slice(2) : rest.slice(2, end)
    return { ok: true, source: escapeLiteral(literal), length: end < 0 ? rest.length : end + 2 }
  }
  if (!/[A-Za-z]/.test(letter)) return { ok: true, source: rest.slice(0, 2), length: 2 }
  if (SHARED_LETTER_ESCAPES.has(letter)) return { ok: true, source: `\\${letter}`, length: 2 }
  const operand = OPERAND_ESCAPES[letter]
  if (operand) {
    const match = operand.exec(rest)
    if (!match) return { ok: false, reason: `malformed escape \\${letter}` }
    return { ok: true, source: match[0], length: match[0].length }
  }
  if (letter === 'a') return { ok: true, source: '\\x07', length: 2 }
  if (letter === 'e') return { ok: true, source: '\\x1B', length: 2 }
  const anchor = ANCHORS[letter]
  if (anchor !== undefined && !inClass) return { ok: true, source: anchor, length: 2 }
  if (letter === 'p' || letter === 'P') {
    const property = /^\\[pP]\{(?:Is)?([A-Za-z]+)\}/.exec(rest)
    const name = property?.[1] ?? ''
    const body = Object.hasOwn(POSIX, name) ? POSIX[name] : undefined
    if (!property || body === undefined) {
      return {
        ok: false,
        reason: `character property ${rest.slice(0, property?.[0].length ?? 2)} is not supported`,
      }
    }
    if (letter === 'P' && inClass)
      return { ok: false, reason: 'a negated property inside a character class is not supported' }
    const source = inClass ? body : letter === 'p' ? `[${body}]` : `[^${body}]`
    return { ok: true, source, length: property[0].length }
  }
  return { ok: false, reason: `the escape \\${letter} is not supported` }
}
