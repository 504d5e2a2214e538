/**
 * One running agent: registers the host, starts the task engine on the container runtime, and
 * keeps the channel open, turning each payload into `addTask` calls (idempotent by task ARN) and
 * each state change into a SubmitTaskStateChange. Each task's record (definition, Docker names
 * and ids) is kept in `<state-dir>/tasks/`. The first full task list after start-up goes through
 * `restore`, so containers left running by a previous agent process are adopted, never created
 * twice; one removed while the agent was away is reported STOPPED (ContainerVanishedError); and
 * the containers of tasks the list no longer holds are stopped. Every later payload converges
 * the engine to the server's view (./channel/converge.ts), and the containers of this cluster's
 * instances that no longer exist are stopped and removed (./stale-instances.ts).
 */
import { join } from 'node:path'
import type { AgentFrame } from '@quayside/openapi/agent-protocol'
import type { Attribute, LogConfiguration } from '@quayside/openapi/types'
import { ChannelError } from './errors.js'
import { FailoverEcs } from './failover-ecs.js'
import { ApiReporter } from './channel/reporter.js'
import { ChannelClient, type Payload } from './channel/client.js'
import { publishingHealth } from './channel/health-publisher.js'
import { Convergence } from './channel/converge.js'
import { TaskSecretsBroker } from './channel/task-secrets.js'
import { engineTask } from './channel/tasks.js'
import type { AgentCredentials } from './credentials.js'
import type { ContainerRuntime } from './docker/runtime.js'
import type { EngineConfig } from './engine/config.js'
import { TaskEngine } from './engine/task-engine.js'
import { PulledImagesFile } from './engine/pulled-images.js'
import { FileTaskStore } from './engine/task-store.js'
import { AGENT_VERSION, registerInstance, type Registration } from './registration.js'
import { runnableDefinition, type EngineTask, type TaskDefinition } from './task-definition.js'
import { instanceIdentity } from './imds.js'
import { removeStaleContainers } from './stale-instances.js'
import { startTaskServices } from './task-endpoint/task-services.js'
import { LogShipper } from './logs/log-shipper.js'
import { isLogSource } from './logs/log-source.js'

export interface AgentOptions {
  /**
   * The server's base URL, or several replicas' (on one PostgreSQL store): API calls go to the
   * first that answers and move on when it stops answering (./failover-ecs.ts), and the channel
   * opens wherever DiscoverPollEndpoint, asked through them, names.
   */
  readonly endpoint: string | readonly string[]
  readonly cluster: string
  readonly region: string
  readonly credentials: AgentCredentials
  readonly runtime: ContainerRuntime
  readonly stateDir: string
  readonly reservedMemoryMiB?: number | undefined
  readonly attributes?: readonly Attribute[] | undefined
  readonly ca?: string | Buffer | undefined
  /** The EC2 metadata service to read identity from (default 169.254.169.254); false: none. */
  readonly metadataEndpoint?: string | false | undefined
  readonly engine?: Partial<EngineConfig> | undefined
  readonly heartbeatIntervalMs?: number | undefined
  readonly backoffMs?: number | undefined
  /** Reporter retry delay (default 1 s). */
  readonly retryDelayMs?: number | undefined
  readonly onError?: ((error: unknown) => void) | undefined
  /** The introspection API's port on 127.0.0.1 (default 51678; 0: not served). */
  readonly introspectionPort?: number | undefined
  /** Lines for the user (what the agent does on its own, e.g. removing a stale instance's containers). */
  readonly log?: ((line: string) => void) | undefined
}

export interface RunningAgent {
  readonly registration: Registration
  readonly engine: TaskEngine
  readonly channel: ChannelClient
  /** Stops the channel and detaches from the containers (they keep running). */
  close(): Promise<void>
}

/** Registers and connects; resolves once registered (the channel connects in the background). */
export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const onError = options.onError ?? (() => undefined)
  const ecs = new FailoverEcs(
    typeof options.endpoint === 'string' ? [options.endpoint] : options.endpoint,
    {
      region: options.region,
      credentials: options.credentials,
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
    },
    (from, to) => {
      onError(new ChannelError(`${from} does not answer: using ${to}`))
    },
  )
  const registration = await registerInstance(ecs, options.runtime, {
    cluster: options.cluster,
    stateDir: options.stateDir,
    reservedMemoryMiB: options.reservedMemoryMiB,
    attributes: options.attributes ?? [],
    identity:
      options.metadataEndpoint === false
        ? undefined
        : await instanceIdentity(options.metadataEndpoint),
  })
  const reporter = new ApiReporter({
    cluster: options.cluster,
    submit: input => ecs.submitTaskStateChange(input),
    submitContainer: input => ecs.submitContainerStateChange(input),
    retryDelayMs: options.retryDelayMs,
    onError,
  })
  // awslogs: containers' output shipped over the channel (./logs/log-shipper.ts)
  const source = isLogSource(options.runtime) ? options.runtime : undefined
  const shipper: LogShipper | undefined = source
    ? new LogShipper({
        source,
        channel: { send: frame => channel.send(frame) },
        logConfiguration: (arn: string, name: string): LogConfiguration | undefined =>
          engine.manager(arn)?.task.definition.containerDefinitions.find(c => c.name === name)
            ?.logConfiguration,
        onRefused: (arn, name, reason) => {
          onError(new ChannelError(`awslogs for container ${name} of ${arn}: ${reason}`))
          engine.stopTask(
            arn,
            `CannotStartContainerError: failed to initialize logging driver: ${reason}`,
          )
        },
        onError,
      })
    : undefined
  // the task metadata endpoint, role credentials and the introspection API (./task-endpoint/)
  const services = await startTaskServices({
    runtime: options.runtime,
    stateDir: options.stateDir,
    cluster: options.cluster,
    containerInstanceArn: registration.containerInstanceArn,
    version: AGENT_VERSION,
    introspectionPort: options.introspectionPort,
    tasks: () => engine.managed(),
    lookup: arn => {
      const manager = engine.manager(arn)
      return manager && { task: manager.task, state: manager.state }
    },
    send: frame => channel.send(frame),
    log: options.log ?? (() => undefined),
    onError,
  })
  const engine: TaskEngine = new TaskEngine({
    runtime: options.runtime,
    // container health goes over the channel (./channel/health-publisher.ts)
    reporter: publishingHealth(shipper ? shipper.wrap(reporter) : reporter, frame =>
      channelSend(frame),
    ),
    config: {
      region: options.region,
      instanceArn: registration.containerInstanceArn,
      taskEnvironment: services.environment,
      ...options.engine,
    },
    // each task's definition and container ids, so a restart knows what it had created
    store: new FileTaskStore(join(options.stateDir, 'tasks'), { onError }),
    pulledImages: await PulledImagesFile.load(join(options.stateDir, 'images.json'), onError),
    onError,
  })
  await engine.start()

  const definitions = new Map<string, Promise<TaskDefinition>>()
  const definition = (arn: string): Promise<TaskDefinition> => {
    let found = definitions.get(arn)
    if (!found) {
      found = ecs.describeTaskDefinition({ taskDefinition: arn }).then(answer => {
        if (!answer.taskDefinition) throw new Error(`no task definition ${arn}`)
        return runnableDefinition(answer.taskDefinition)
      })
      definitions.set(arn, found)
      found.catch(() => definitions.delete(arn))
    }
    return found
  }
  let restored = false
  let channelSend: (frame: AgentFrame) => boolean = () => false
  const secrets = new TaskSecretsBroker({ send: frame => channelSend(frame) })
  const convergence = new Convergence({
    engine,
    definition,
    cluster: options.cluster,
    onError,
    prepare: task => secrets.resolve(task),
  })
  const onPayload = async (payload: Payload): Promise<void> => {
    // after the restore, every payload converges the engine to the server's view
    if (restored) return convergence.apply(payload.tasks, payload.full)
    const tasks: EngineTask[] = []
    const listed: string[] = []
    for (const task of payload.tasks) {
      listed.push(task.taskArn)
      const managed = engine.manager(task.taskArn)
      if (managed) {
        if (task.desiredStatus === 'STOPPED') engine.stopTask(task.taskArn)
        continue
      }
      try {
        const found = await definition(task.taskDefinitionArn)
        tasks.push(await secrets.resolve(engineTask(task, found, options.cluster)))
      } catch (error) {
        onError(error)
      }
    }
    if (payload.full) {
      // no cluster filter: the label holds the ARN or the name, whichever the task named.
      // Marked done only once it worked: a failed restore (Docker or the state dir unreadable)
      // is tried again with the next full list rather than risking duplicates.
      await engine.restore(tasks, undefined, listed)
      restored = true
    } else for (const task of tasks) engine.addTask(task)
  }
  const channel = new ChannelClient({
    discover: async () => {
      const answer = await ecs.discoverPollEndpoint({
        cluster: options.cluster,
        containerInstance: registration.containerInstanceArn,
      })
      return answer.endpoint ?? ecs.endpoint
    },
    cluster: options.cluster,
    containerInstanceArn: registration.containerInstanceArn,
    region: options.region,
    credentials: () => options.credentials,
    onPayload,
    ca: options.ca,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    backoffMs: options.backoffMs,
    onError,
    onLogEventsAck: ack => {
      shipper?.ack(ack)
    },
    onRoleCredentials: services.receiveCredentials,
    onTaskSecrets: secrets.receive,
  })
  channelSend = frame => channel.send(frame)
  channel.start()
  // containers of an instance of this cluster that was deregistered while this host was away
  const cleanup = removeStaleContainers({
    ecs,
    runtime: options.runtime,
    cluster: options.cluster,
    instanceArn: registration.containerInstanceArn,
    log: options.log ?? (() => undefined),
    onError,
  }).catch(onError)
  return {
    registration,
    engine,
    channel,
    async close() {
      await shipper?.close()
      await channel.close()
      await cleanup
      reporter.close()
      await engine.close()
      await services.close()
      await ecs.close()
    },
  }
}
