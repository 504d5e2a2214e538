/**
 * Task role credentials on the agent: asked of the server over the channel
 * (IAMRoleCredentialsRequest, answered by IAMRoleCredentialsMessage under the same messageId),
 * kept per task, and asked again once they are within {@link REFRESH_BEFORE_MS} of expiring.
 * The server gives them only for a task it placed on this instance.
 */
import { randomUUID } from 'node:crypto'
import type {
  AgentFrame,
  IAMRoleCredentialsMessage,
  RoleCredentials,
} from '@quayside/openapi/agent-protocol'
import { ChannelError } from '../errors.js'

/** Credentials this close to their expiration are asked for again. */
export const REFRESH_BEFORE_MS = 15 * 60_000

export interface RoleCredentialsOptions {
  /** Sends a frame on the channel; false when it is not open. */
  readonly send: (frame: AgentFrame) => boolean
  /** How long to wait for the server's answer (default 5 s). */
  readonly timeoutMs?: number | undefined
  readonly now?: (() => number) | undefined
}

export class RoleCredentialsBroker {
  readonly #options: RoleCredentialsOptions
  readonly #cache = new Map<string, RoleCredentials>()
  readonly #waiting = new Map<string, (message: IAMRoleCredentialsMessage) => void>()

  constructor(options: RoleCredentialsOptions) {
    this.#options = options
  }

  /** The channel's answer (ChannelOptions.onRoleCredentials). */
  receive = (message: IAMRoleCredentialsMessage): void => {
    this.#waiting.get(message.messageId)?.(message)
  }

  /** The task's credentials; rejects with a ChannelError when the server gives none. */
  async get(taskArn: string): Promise<RoleCredentials> {
    const now = this.#options.now?.() ?? Date.now()
    const cached = this.#cache.get(taskArn)
    if (cached && Date.parse(cached.expiration) - now > REFRESH_BEFORE_MS) return cached
    const answer = await this.#ask(taskArn)
    if (!answer.roleCredentials)
      throw new ChannelError(`no role credentials for ${taskArn}: ${answer.reason ?? 'refused'}`)
    this.#cache.set(taskArn, answer.roleCredentials)
    return answer.roleCredentials
  }

  /** Drops what is kept for a task that has gone. */
  forget(taskArn: string): void {
    this.#cache.delete(taskArn)
  }

  #ask(taskArn: string): Promise<IAMRoleCredentialsMessage> {
    const messageId = randomUUID()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(messageId)
        reject(new ChannelError(`the server did not answer for the credentials of ${taskArn}`))
      }, this.#options.timeoutMs ?? 5000)
      this.#waiting.set(messageId, message => {
        clearTimeout(timer)
        this.#waiting.delete(messageId)
        resolve(message)
      })
      const sent = this.#options.send({
        type: 'IAMRoleCredentialsRequest',
        message: { messageId, taskArn },
      })
      if (!sent) {
        clearTimeout(timer)
        this.#waiting.delete(messageId)
        reject(new ChannelError('the channel to the server is not open'))
      }
    })
  }
}
