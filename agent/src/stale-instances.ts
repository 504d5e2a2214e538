/**
 * Containers left behind by a container instance that no longer exists. When an instance is
 * deregistered (with `force`, its tasks running) while its agent is away, the agent comes back,
 * finds its saved instance refused, and registers anew (./registration.ts); its restore then
 * looks only at containers labelled with the new instance ({@link INSTANCE_LABEL}), so the old
 * instance's containers would run on for ever, with no task on the server that could stop them.
 * As ECS's hosts are when recycled, they are stopped and removed, after a log line naming them.
 *
 * Only instances of this agent's own cluster, account and region are judged (the server is
 * asked about each): several agents may share one Docker Engine here, and another agent's
 * instance, alive or not, is never this agent's to clean up.
 */
import type { ECS } from '@quayside/sdk'
import { INSTANCE_LABEL, TASK_ARN_LABEL } from './docker/identity.js'
import type { ContainerRuntime, ContainerSummary } from './docker/runtime.js'

/** How long a stale container gets to stop before it is removed by force. */
const STOP_TIMEOUT_SECONDS = 10

/** The account, region and cluster name of a container instance ARN, as one string. */
function instanceHome(arn: string): string | undefined {
  const match = /^arn:[^:]+:ecs:([^:]*):([^:]*):container-instance\/([^/]+)\/[^/]+$/.exec(arn)
  return match ? `${match[1] ?? ''}:${match[2] ?? ''}:${match[3] ?? ''}` : undefined
}

/**
 * The instances other than `current` that label some of `containers` and live in the same
 * account, region and cluster as `current` (pure): the ones worth asking the server about.
 */
export function otherInstances(
  containers: readonly Pick<ContainerSummary, 'labels'>[],
  current: string,
): string[] {
  const home = instanceHome(current)
  const found = new Set<string>()
  for (const { labels } of containers) {
    const arn = labels[INSTANCE_LABEL]
    if (arn !== undefined && arn !== current && home !== undefined && instanceHome(arn) === home)
      found.add(arn)
  }
  return [...found]
}

/**
 * Which of `asked` no longer exist (pure), from DescribeContainerInstances' answer: INACTIVE
 * (deregistered), or reported MISSING. An instance the answer says nothing of is kept: a doubt
 * never removes anything.
 */
export function goneInstances(
  asked: readonly string[],
  answer: {
    readonly containerInstances?: readonly { containerInstanceArn?: string; status?: string }[]
    readonly failures?: readonly { arn?: string; reason?: string }[]
  },
): string[] {
  const gone = new Set<string>()
  for (const i of answer.containerInstances ?? [])
    if (i.status === 'INACTIVE' && i.containerInstanceArn !== undefined)
      gone.add(i.containerInstanceArn)
  for (const f of answer.failures ?? [])
    if (f.reason === 'MISSING' && f.arn !== undefined) gone.add(f.arn)
  return asked.filter(arn => gone.has(arn))
}

export interface StaleCleanup {
  readonly ecs: Pick<ECS, 'describeContainerInstances'>
  readonly runtime: Pick<ContainerRuntime, 'listContainers' | 'stopContainer' | 'removeContainer'>
  /** This agent's cluster (name or ARN) and its instance now. */
  readonly cluster: string
  readonly instanceArn: string
  /** Tells the user (one line per instance, before anything is touched). */
  readonly log: (line: string) => void
  readonly onError: (error: unknown) => void
}

/**
 * Stops and removes the containers of this cluster's instances that no longer exist; resolves
 * with the ids removed. Failures to stop or remove one container go to `onError`, and the
 * others are still tried.
 */
export async function removeStaleContainers(options: StaleCleanup): Promise<string[]> {
  const { ecs, runtime, cluster, instanceArn, log, onError } = options
  const containers = await runtime.listContainers({
    [TASK_ARN_LABEL]: true,
    [INSTANCE_LABEL]: true,
  })
  const asked = otherInstances(containers, instanceArn)
  if (asked.length === 0) return []
  const answer = await ecs.describeContainerInstances({ cluster, containerInstances: asked })
  const removed: string[] = []
  for (const gone of goneInstances(asked, answer)) {
    const stale = containers.filter(c => c.labels[INSTANCE_LABEL] === gone)
    log(
      `container instance ${gone} no longer exists (deregistered); stopping and removing the ${String(stale.length)} container(s) this host ran for it: ${stale.map(c => c.name).join(', ')}`,
    )
    await Promise.all(
      stale.map(async c => {
        try {
          await runtime.stopContainer(c.id, STOP_TIMEOUT_SECONDS)
          await runtime.removeContainer(c.id, { force: true })
          removed.push(c.id)
        } catch (error) {
          onError(error)
        }
      }),
    )
  }
  return removed
}
