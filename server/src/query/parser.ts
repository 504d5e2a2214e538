import type { Expression, Operator, QueryResult, Subject } from './ast.js'
import { MAX_EXPRESSION_LENGTH } from './ast.js'
import { checkArgument, describeOperators, isField, operatorFor, operatorsFor } from './subjects.js'
import { queryError, tokenize, type Token } from './tokenizer.js'

/*
 * Grammar (recursive descent; keywords and word operators are case-insensitive):
 *
 *   query      := or END
 *   or         := and (("or" | "||") and)*
 *   and        := unary (("and" | "&&") unary)*
 *   unary      := ("not" | "!") unary | "(" or ")" | comparison
 *   comparison := subject operator [argument]
 *   argument   := value | "[" value ("," value)* "]"        (lists for in / not_in only)
 *   value      := bare word | 'quoted' | "quoted"
 *
 * Precedence is therefore not > and > or, as ECS documents.
 */

type Parsed<T> = QueryResult<T>
type Spelled = { operator: Operator; spelling: string }

function describe(token: Token): string {
  return token.kind === 'end' ? 'the end of the expression' : `"${token.text}"`
}

function isKeyword(token: Token, word: string, symbol: string): boolean {
  return (
    (token.kind === 'word' && token.text.toLowerCase() === word) ||
    (token.kind === 'symbol' && token.text === symbol)
  )
}

/**
 * Parses a cluster query expression (ListContainerInstances `filter`, `memberOf` constraints).
 * Never throws: a bad expression yields `{ ok: false, message }` with the 1-based column and what
 * was expected there, e.g. `Invalid query expression at 28: expected an operator after
 * "attribute:ecs.instance-type", found the end of the expression`.
 */
export function parseQuery(text: string): QueryResult<Expression> {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    return {
      ok: false,
      message: `Invalid query expression: it is ${text.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}`,
    }
  }
  const lexed = tokenize(text)
  if (!lexed.ok) return lexed
  const tokens = lexed.value
  let index = 0
  const peek = (offset = 0): Token => tokens[Math.min(index + offset, tokens.length - 1)] as Token

  function parseOr(): Parsed<Expression> {
    let left = parseAnd()
    while (left.ok && isKeyword(peek(), 'or', '||')) {
      index += 1
      const right = parseAnd()
      if (!right.ok) return right
      left = { ok: true, value: { type: 'or', left: left.value, right: right.value } }
    }
    return left
  }

  function parseAnd(): Parsed<Expression> {
    let left = parseUnary()
    while (left.ok && isKeyword(peek(), 'and', '&&')) {
      index += 1
      const right = parseUnary()
      if (!right.ok) return right
      left = { ok: true, value: { type: 'and', left: left.value, right: right.value } }
    }
    return left
  }

  function parseUnary(): Parsed<Expression> {
    const token = peek()
    if (isKeyword(token, 'not', '!')) {
      index += 1
      const operand = parseUnary()
      return operand.ok ? { ok: true, value: { type: 'not', operand: operand.value } } : operand
    }
    if (token.kind === '(') {
      index += 1
      const inner = parseOr()
      if (!inner.ok) return inner
      const close = peek()
      if (close.kind !== ')') {
        return queryError(
          close.position,
          `expected ")" to close the "(" at ${token.position}, found ${describe(close)}`,
        )
      }
      index += 1
      return inner
    }
    return parseComparison()
  }

  function parseSubject(): Parsed<Subject> {
    const token = peek()
    if (token.kind !== 'word')
      return queryError(token.position, `expected a subject, found ${describe(token)}`)
    if (token.text.startsWith('attribute:')) {
      if (token.text.length === 'attribute:'.length) {
        return queryError(token.position, 'expected an attribute name after "attribute:"')
      }
    } else if (!isField(token.text)) {
      return queryError(
        token.position,
        `unknown subject "${token.text}"; expected agentConnected, agentVersion, attribute:<name>, ` +
          'ec2InstanceId, registeredAt, runningTasksCount or task:group',
      )
    }
    index += 1
    return { ok: true, value: token.text as Subject }
  }

  function parseOperator(subject: Subject): Parsed<Spelled> {
    const token = peek()
    let spelling = token.kind === 'word' ? token.text.toLowerCase() : token.text
    let width = 1
    const next = peek(1)
    // `!exists` and `!in` arrive as the symbol "!" directly followed by a word.
    if (token.text === '!' && next.kind === 'word' && next.position === token.position + 1) {
      spelling = `!${next.text.toLowerCase()}`
      width = 2
    }
    const operator =
      token.kind === 'word' || token.kind === 'symbol' ? operatorFor(spelling) : undefined
    if (operator === undefined) {
      return queryError(
        token.position,
        `expected an operator after "${subject}", found ${describe(token)}`,
      )
    }
    const valid = operatorsFor(subject)
    if (!valid.includes(operator)) {
      return queryError(
        token.position,
        `operator "${spelling}" cannot be used with ${subject}; use one of: ${describeOperators(valid)}`,
      )
    }
    index += width
    return { ok: true, value: { operator, spelling } }
  }

  function parseValue(after: string): Parsed<Token> {
    const token = peek()
    if (token.kind !== 'word' && token.kind !== 'string') {
      return queryError(
        token.position,
        `expected a value after "${after}", found ${describe(token)}`,
      )
    }
    index += 1
    return { ok: true, value: token }
  }

  function parseList(operatorText: string): Parsed<Token[]> {
    const open = peek()
    if (open.kind !== '[')
      return queryError(
        open.position,
        `expected a list such as [a, b] after "${operatorText}", found ${describe(open)}`,
      )
    index += 1
    const items: Token[] = []
    for (;;) {
      const item = parseValue(items.length === 0 ? '[' : ',')
      if (!item.ok) return item
      items.push(item.value)
      const separator = peek()
      index += 1
      if (separator.kind === ']') return { ok: true, value: items }
      if (separator.kind !== ',') {
        return queryError(
          separator.position,
          `expected "," or "]" in the list, found ${describe(separator)}`,
        )
      }
    }
  }

  function parseComparison(): Parsed<Expression> {
    const subject = parseSubject()
    if (!subject.ok) return subject
    const parsed = parseOperator(subject.value)
    if (!parsed.ok) return parsed
    const { operator, spelling } = parsed.value
    if (operator === 'exists' || operator === 'not_exists') {
      return {
        ok: true,
        value: { type: 'comparison', subject: subject.value, operator, values: [] },
      }
    }
    const argument =
      operator === 'in' || operator === 'not_in' ? parseList(spelling) : parseValue(spelling)
    if (!argument.ok) return argument
    const tokens = Array.isArray(argument.value) ? argument.value : [argument.value]
    const values = tokens.map(token => token.text)
    return checkArgument({ type: 'comparison', subject: subject.value, operator, values }, tokens)
  }

  const expression = parseOr()
  if (!expression.ok) return expression
  const rest = peek()
  if (rest.kind !== 'end') {
    return queryError(
      rest.position,
      `expected "and", "or" or the end of the expression, found ${describe(rest)}`,
    )
  }
  return expression
}
