/**
 * How a container definition's `logConfiguration` is given to Docker. Docker's own drivers
 * (`json-file`, `none`) are passed through. `awslogs` is the agent's to serve: Docker keeps the
 * output in its default `json-file` driver (capped at 2 files of 64 MiB, so a container that
 * writes faster than the agent ships never fills the disk), and the agent follows it and ships
 * it to quayside (./log-shipper.ts).
 */
import type { LogConfiguration } from '@quayside/openapi/types'

/** Docker's `HostConfig.LogConfig`. */
export interface DockerLogConfig {
  readonly Type: string
  readonly Config: Record<string, string>
}

export const AWSLOGS_DRIVER = 'awslogs'

/** What Docker is told for `log`. */
export function dockerLogConfig(log: LogConfiguration): DockerLogConfig {
  if (log.logDriver === AWSLOGS_DRIVER)
    return { Type: 'json-file', Config: { 'max-size': '64m', 'max-file': '2' } }
  return { Type: log.logDriver, Config: { ...log.options } }
}
