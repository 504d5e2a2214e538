/**
 * A task's `secrets` and `repositoryCredentials` on the agent: before a task that uses them is
 * handed to the engine, their values are asked of the server over the channel
 * (TaskSecretsRequest, answered by TaskSecretsMessage under the same messageId), as ECS's agent
 * reads them with the execution role before it starts the task. A refusal becomes the task's
 * start failure, with the server's reason (ECS's `ResourceInitializationError: ...`). Values are
 * kept in the engine's memory only (../engine/task-record.ts leaves them out of the state dir).
 */
import { randomUUID } from 'node:crypto'
import type { AgentFrame, TaskSecretsMessage } from '@quayside/openapi/agent-protocol'
import type { EngineTask, TaskDefinition } from '../task-definition.js'

/** The failure when the server cannot be asked (the channel is down, or it did not answer). */
export const UNANSWERED_REASON =
  'ResourceInitializationError: unable to pull secrets or registry auth: the control plane did not answer'

export interface TaskSecretsOptions {
  /** Sends a frame on the channel; false when it is not open. */
  readonly send: (frame: AgentFrame) => boolean
  /** How long to wait for the server's answer (default 10 s). */
  readonly timeoutMs?: number | undefined
}

/** Whether any container of `definition` has secrets or registry credentials to resolve. */
export function needsSecrets(definition: TaskDefinition): boolean {
  return definition.containerDefinitions.some(
    c => (c.secrets ?? []).length > 0 || c.repositoryCredentials !== undefined,
  )
}

export class TaskSecretsBroker {
  readonly #options: TaskSecretsOptions
  readonly #waiting = new Map<string, (message: TaskSecretsMessage) => void>()

  constructor(options: TaskSecretsOptions) {
    this.#options = options
  }

  /** The channel's answer (ChannelOptions.onTaskSecrets). */
  receive = (message: TaskSecretsMessage): void => {
    this.#waiting.get(message.messageId)?.(message)
  }

  /** `task` with its secrets, or with the reason it cannot start; unchanged when it uses none. */
  async resolve(task: EngineTask): Promise<EngineTask> {
    if (!needsSecrets(task.definition)) return task
    const answer = await this.#ask(task.arn)
    if (answer === undefined) return { ...task, startFailure: UNANSWERED_REASON }
    if (answer.containers === undefined)
      return { ...task, startFailure: answer.reason ?? UNANSWERED_REASON }
    return { ...task, secrets: answer.containers }
  }

  #ask(taskArn: string): Promise<TaskSecretsMessage | undefined> {
    const messageId = randomUUID()
    return new Promise(resolve => {
      const done = (message: TaskSecretsMessage | undefined) => {
        clearTimeout(timer)
        this.#waiting.delete(messageId)
        resolve(message)
      }
      const timer = setTimeout(() => {
        done(undefined)
      }, this.#options.timeoutMs ?? 10_000)
      this.#waiting.set(messageId, done)
      if (!this.#options.send({ type: 'TaskSecretsRequest', message: { messageId, taskArn } }))
        done(undefined)
    })
  }
}
