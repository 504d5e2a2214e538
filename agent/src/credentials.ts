/**
 * Credentials and region as the AWS tools find them, for the API client and for signing the
 * channel's WebSocket upgrade with the same keys. The chain is the SDK's (environment keys, ignored
 * when `AWS_PROFILE` is set, then the profile in the shared files); the agent adds its `--region`
 * flag in front and us-east-1 as the last resort.
 */
import {
  isEcsSdkError,
  processSource,
  resolveCredentials,
  resolveRegion,
  type Credentials,
} from '@quayside/sdk'
import { AgentConfigError } from './errors.js'

export type AgentCredentials = Credentials

type Env = Readonly<Record<string, string | undefined>>

/** Resolves the credentials; `AgentConfigError` naming what to set when none are found. */
export function resolveAgentCredentials(env: Env = process.env): AgentCredentials {
  try {
    return resolveCredentials({ ...processSource, env })
  } catch (error) {
    if (isEcsSdkError(error)) throw new AgentConfigError(error.message, { cause: error })
    throw error
  }
}

/** The region: `flag`, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's, else us-east-1. */
export function resolveAgentRegion(flag: string | undefined, env: Env = process.env): string {
  return flag || resolveRegion({ ...processSource, env }) || 'us-east-1'
}
