/**
 * IAM-style identity policies on access keys: a document of statements is compiled once, when
 * the credentials are loaded, into regular expressions; {@link evaluate} then decides a request
 * (action, resource) as IAM decides an identity policy: an explicit Deny wins, else any Allow
 * allows, else the request is implicitly denied. Pure: no I/O, no clock.
 *
 * Supported elements: `Version`, `Statement` (one object or a list), and per statement `Sid`,
 * `Effect` (`Allow`/`Deny`), `Action` or `NotAction`, `Resource` or `NotResource`. Action names
 * compare case-insensitively (as IAM's); resources case-sensitively. In both, `*` matches any run
 * of characters (colons included) and `?` any one character. `Condition`, `Principal` and policy
 * variables (`${...}`) are refused when loading rather than ignored: ignoring a condition of an
 * Allow, or a variable of a Deny, would grant more than the policy says.
 */
import { EcsServerError } from '../errors.js'

/** A policy document as written in the credentials file. */
export interface PolicyDocument {
  readonly Version?: string
  readonly Statement: PolicyStatement | readonly PolicyStatement[]
}

/** One statement as written. */
export interface PolicyStatement {
  readonly Sid?: string
  readonly Effect: 'Allow' | 'Deny'
  readonly Action?: string | readonly string[]
  readonly NotAction?: string | readonly string[]
  readonly Resource?: string | readonly string[]
  readonly NotResource?: string | readonly string[]
}

/** A set of patterns compiled into one expression; `negated` for NotAction/NotResource. */
interface CompiledMatch {
  readonly pattern: RegExp
  readonly negated: boolean
}

interface CompiledStatement {
  readonly allow: boolean
  readonly action: CompiledMatch
  readonly resource: CompiledMatch
}

/** A policy ready for {@link evaluate}; made by {@link compilePolicy}. */
export interface CompiledPolicy {
  readonly statements: readonly CompiledStatement[]
}

/** The outcome of {@link evaluate}, named as IAM's evaluation logic names them. */
export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny'

/** A document that cannot be used: `message` names the statement and the element. */
const policyError = (message: string) => new EcsServerError('ECS_SRV_CONFIG', message)

const VERSIONS = new Set(['2012-10-17', '2008-10-17'])
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource'])

/** `*` -> any run, `?` -> any one character, everything else literal. */
function globSource(pattern: string): string {
  let source = ''
  for (const char of pattern) {
    if (char === '*') source += '.*'
    else if (char === '?') source += '.'
    else source += char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')
  }
  return source
}

function patterns(value: unknown, where: string): string[] {
  const list = typeof value === 'string' ? [value] : value
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((p): p is string => typeof p === 'string' && p !== '')
  ) {
    throw policyError(`${where}: expected a non-empty string or list of strings`)
  }
  for (const p of list) {
    if (p.includes('${')) throw policyError(`${where}: policy variables are not supported (${p})`)
  }
  return list
}

function compileMatch(
  statement: Record<string, unknown>,
  name: 'Action' | 'Resource',
  where: string,
): CompiledMatch {
  const not = `Not${name}`
  const has = statement[name] !== undefined
  const hasNot = statement[not] !== undefined
  if (has === hasNot) throw policyError(`${where}: needs exactly one of ${name} and ${not}`)
  const list = patterns(has ? statement[name] : statement[not], `${where}.${has ? name : not}`)
  if (name === 'Action') {
    for (const p of list) {
      if (p !== '*' && !/^[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+$/.test(p))
        throw policyError(`${where}.${has ? name : not}: "${p}" is not service:Action`)
    }
  }
  const source = `^(?:${list.map(globSource).join('|')})$`
  return { pattern: new RegExp(source, name === 'Action' ? 'is' : 's'), negated: hasNot }
}

/**
 * Checks and compiles a policy document; throws an EcsServerError (ECS_SRV_CONFIG) naming what is wrong.
 * `where` prefixes the messages (e.g. `credentials.json[2].policy`).
 */
export function compilePolicy(document: unknown, where = 'policy'): CompiledPolicy {
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    throw policyError(`${where}: expected a policy object with a Statement`)
  const doc = document as Record<string, unknown>
  for (const key of Object.keys(doc)) {
    if (key !== 'Version' && key !== 'Statement' && key !== 'Id')
      throw policyError(`${where}: unknown element ${key}`)
  }
  if (doc['Version'] !== undefined && !VERSIONS.has(doc['Version'] as string))
    throw policyError(`${where}.Version: expected "2012-10-17"`)
  const raw = doc['Statement']
  const list: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  if (list.length === 0) throw policyError(`${where}.Statement: expected at least one statement`)
  const statements = list.map((item, index): CompiledStatement => {
    const at = `${where}.Statement[${String(index)}]`
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw policyError(`${at}: expected an object`)
    const statement = item as Record<string, unknown>
    for (const key of Object.keys(statement)) {
      if (!STATEMENT_KEYS.has(key))
        throw policyError(
          `${at}: ${key} is not supported (only Sid, Effect, Action/NotAction, Resource/NotResource)`,
        )
    }
    const effect = statement['Effect']
    if (effect !== 'Allow' && effect !== 'Deny')
      throw policyError(`${at}.Effect: expected "Allow" or "Deny"`)
    return {
      allow: effect === 'Allow',
      action: compileMatch(statement, 'Action', at),
      resource: compileMatch(statement, 'Resource', at),
    }
  })
  return { statements }
}

const matches = (match: CompiledMatch, value: string) => match.pattern.test(value) !== match.negated

/** Decides `action` (e.g. `ecs:RunTask`) on `resource` (an ARN, or `*`) under `policy`. */
export function evaluate(policy: CompiledPolicy, action: string, resource: string): Decision {
  let allowed = false
  for (const statement of policy.statements) {
    if (!matches(statement.action, action) || !matches(statement.resource, resource)) continue
    if (!statement.allow) return 'explicit-deny'
    allowed = true
  }
  return allowed ? 'allow' : 'implicit-deny'
}
