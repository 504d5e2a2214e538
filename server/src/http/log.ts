/** One log line per request, on stderr: JSON (`--log-format json`) or a readable line. */

export type LogFormat = 'text' | 'json' | 'none'

/** What is known about a finished request. */
export interface RequestRecord {
  readonly requestId: string
  readonly method: string
  readonly path: string
  readonly operation?: string | undefined
  readonly status: number
  readonly errorType?: string | undefined
  readonly durationMs: number
  readonly accessKeyId?: string | undefined
  readonly region?: string | undefined
}

/** Formats a record as a line (without the newline); pure. */
export function formatRecord(record: RequestRecord, format: 'text' | 'json', now: Date): string {
  if (format === 'json') return JSON.stringify({ time: now.toISOString(), ...record })
  const what = record.operation ?? `${record.method} ${record.path}`
  const error = record.errorType ? ` ${record.errorType}` : ''
  const region = record.region ? ` ${record.region}` : ''
  return `${now.toISOString()} ${record.status} ${what}${error} ${record.durationMs.toFixed(1)}ms${region} ${record.requestId}`
}

/** A logger writing to `write` (stderr by default). */
export function requestLogger(
  format: LogFormat,
  write: (line: string) => void = line => process.stderr.write(line + '\n'),
): (record: RequestRecord) => void {
  if (format === 'none') return () => undefined
  return record => {
    write(formatRecord(record, format, new Date()))
  }
}
