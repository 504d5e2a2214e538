/**
 * Container health to the server: a {@link StateReporter} around another whose `healthChanged`
 * sends the task's containers' Docker health as a PublishHealthRequest over the channel
 * (server/docs/agent-protocol.md), as ECS's agent publishes health on its telemetry channel. The
 * server judges service tasks by it (an essential container with a `healthCheck` UNHEALTHY gets
 * the task replaced). A change while the channel is down is not kept: the next change of the
 * task carries every container's health again.
 */
import { randomUUID } from 'node:crypto'
import type { AgentFrame } from '@quayside/openapi/agent-protocol'
import type { StateReporter, TaskStateChange } from '../engine/state-reporter.js'

/** The PublishHealthRequest of `change`: every container of the task with its health. */
export function healthFrame(change: TaskStateChange, messageId: string): AgentFrame {
  return {
    type: 'PublishHealthRequest',
    message: {
      messageId,
      tasks: [
        {
          taskArn: change.taskArn,
          containers: change.containers.map(c => ({
            containerName: c.containerName,
            healthStatus: c.healthStatus,
          })),
        },
      ],
    },
  }
}

/** `reporter`, with health changes sent through `send` (false when the channel is down). */
export function publishingHealth(
  reporter: StateReporter,
  send: (frame: AgentFrame) => boolean,
): StateReporter {
  return {
    taskChanged: change => {
      reporter.taskChanged(change)
    },
    containerChanged: change => {
      reporter.containerChanged(change)
    },
    healthChanged: change => {
      send(healthFrame(change, randomUUID()))
    },
  }
}
