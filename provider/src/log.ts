/**
 * hclog-style JSON logging on stderr. Terraform reads a plugin's stderr line by line and, for JSON
 * lines carrying `@level` / `@message` / `@timestamp` / `@module`, re-logs them at that level under
 * TF_LOG / TF_LOG_PROVIDER. Stdout is reserved for the handshake line: nothing here writes to it.
 */

/** hclog's levels, quietest last. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error'

const ORDER: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error']

/** Extra key/value pairs of one line. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>

/** What the provider logs through. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Lines below this level are dropped. */
  readonly level: LogLevel
  readonly write: (line: string) => void
  readonly module?: string
  readonly now?: () => Date
}

/** The level TF_LOG_PROVIDER (or TF_LOG) asks for; info when neither names a level. */
export function levelFromEnv(env: NodeJS.ProcessEnv): LogLevel {
  const wanted = (env['TF_LOG_PROVIDER'] ?? env['TF_LOG'] ?? '').toLowerCase()
  return ORDER.find(level => level === wanted) ?? 'info'
}

/** One JSON line per call, in hclog's field names. */
export function createLogger(options: LoggerOptions): Logger {
  const threshold = ORDER.indexOf(options.level)
  const now = options.now ?? (() => new Date())
  return {
    log(level, message, fields = {}) {
      if (ORDER.indexOf(level) < threshold) return
      const line = {
        '@level': level,
        '@message': message,
        '@module': options.module ?? 'provider.terraform-provider-quayside',
        '@timestamp': now().toISOString(),
        ...fields,
      }
      options.write(`${JSON.stringify(line)}\n`)
    },
  }
}
