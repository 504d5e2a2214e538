/**
 * The engine's settings, with the ECS agent's defaults where quayside keeps them. The agent's
 * command line and state dir will fill these in; tests shorten the delays.
 */

import type { EngineTask } from '../task-definition.js'

/**
 * When to pull an image (`ECS_IMAGE_PULL_BEHAVIOR`):
 * - `default`: pull, and fall back to the local copy if the pull fails;
 * - `always`: pull, and fail the container if the pull fails;
 * - `once`: pull only if this agent has not pulled the image successfully before (the agent keeps
 *   the list in its state dir, as the ECS agent does; `pulled-images.ts`);
 * - `prefer-cached`: pull only when the image is not present locally.
 */
export type PullBehavior = 'default' | 'always' | 'once' | 'prefer-cached'

export interface EngineConfig {
  /** Injected as `AWS_REGION`/`AWS_DEFAULT_REGION` when known. */
  readonly region?: string | undefined
  /** Injected as `AWS_EXECUTION_ENV`; undefined injects nothing. */
  readonly executionEnv?: string | undefined
  /** Stop timeout for containers without `stopTimeout` (`ECS_CONTAINER_STOP_TIMEOUT`), seconds. */
  readonly stopTimeoutSeconds: number
  /** How long a stopped task's containers are kept before removal (`ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION`). */
  readonly cleanupDelayMs: number
  readonly pullBehavior: PullBehavior
  /** Stop attempts before a container is declared stopped with `CannotStopContainerError`. */
  readonly stopAttempts: number
  /** Pause between stop attempts, growing 1.5x each time. */
  readonly stopRetryDelayMs: number
  /** Leave IPv6 bindings out of `networkBindings` (`ECS_EXCLUDE_IPV6_PORTBINDING`). */
  readonly excludeIpv6Bindings: boolean
  /**
   * The container instance this engine runs tasks for (the agent's registration). Labelled on
   * every container, and restart discovery then looks only at containers carrying it, so that
   * agents sharing a Docker Engine never take each other's containers for orphans.
   */
  readonly instanceArn?: string | undefined
  /**
   * Variables the agent adds to a container's environment beyond the ones above (the task
   * metadata endpoint's and the role credentials' URIs, ../task-endpoint/); the container's own
   * values win. Called once per container when its task is accepted.
   */
  readonly taskEnvironment?: TaskEnvironment | undefined
}

/** The extra environment of container `containerName` of `task`. */
export type TaskEnvironment = (
  task: EngineTask,
  containerName: string,
) => Readonly<Record<string, string>>

/**
 * Defaults. Differences from the ECS agent: pulls prefer a local image (`prefer-cached`, not
 * `default`) because a self-hosted quayside often runs images built on the host and may have no
 * registry at all; and stop attempts are 3, not 5.
 */
export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  executionEnv: 'AWS_ECS_EC2',
  stopTimeoutSeconds: 30,
  cleanupDelayMs: 3 * 60 * 60_000,
  pullBehavior: 'prefer-cached',
  stopAttempts: 3,
  stopRetryDelayMs: 1000,
  excludeIpv6Bindings: true,
}

/** The defaults with `overrides` applied. */
export function engineConfig(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return { ...DEFAULT_ENGINE_CONFIG, ...overrides }
}
