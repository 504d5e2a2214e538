/**
 * The task endpoint: one HTTP listener per agent that a task's containers reach for their task
 * metadata (v4 and v3 paths) and their role credentials, answering each container only about its
 * own task (./routes.ts, ./render-task.ts).
 *
 * Where it listens: on the gateway of Docker's `bridge` network (the host as bridge containers
 * see it) and on 127.0.0.1 (for host-mode containers, whose network is the host's), on one port
 * of the agent's own, kept in `<state-dir>/task-endpoint.json` with the key of the ids
 * (./endpoint-ids.ts) so that both stay valid across agent restarts. Not on ECS's 169.254.170.2:
 * making that address reach an agent takes a host-wide NAT rule for port 80, which only one
 * agent per host can own, where quayside lets several share a Docker Engine; an own port per
 * agent keeps them apart. Not on every interface either: the credentials must not leave the host.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { join } from 'node:path'
import type { RoleCredentials } from '@quayside/openapi/agent-protocol'
import type { ContainerDetails, ContainerRuntime } from '../docker/runtime.js'
import type { TaskState } from '../engine/task-state.js'
import type { EngineTask } from '../task-definition.js'
import { endpointId, loadEndpointState, saveEndpointState } from './endpoint-ids.js'
import { renderContainer, renderTask } from './render-task.js'
import { parseRoute } from './routes.js'

/** A task the engine manages, with its current state. */
export interface TaskLookup {
  (taskArn: string): { readonly task: EngineTask; readonly state: TaskState } | undefined
}

export interface TaskEndpointOptions {
  readonly runtime: ContainerRuntime
  /** The engine's tasks (the endpoint starts before the engine, so this is read per request). */
  readonly lookup: TaskLookup
  /** A task's role credentials (./role-credentials.ts). */
  readonly credentials: (taskArn: string) => Promise<RoleCredentials>
  readonly stateDir: string
  /** The instance's zone, when known. */
  readonly availabilityZone?: string | undefined
  /** Lines for the user (an address that could not be bound). */
  readonly log?: ((line: string) => void) | undefined
  readonly onError?: ((error: unknown) => void) | undefined
}

const LOOPBACK = '127.0.0.1'

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      reject(error)
    }
    server.once('error', fail)
    server.listen(port, host, () => {
      server.off('error', fail)
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  })
  response.end(text)
}

export class TaskEndpoint {
  readonly #options: TaskEndpointOptions
  readonly #key: string
  readonly #servers: Server[]
  /** The bridge gateway, when there is one and it could be bound. */
  readonly #gateway: string | undefined
  readonly port: number
  /** Container id → its task and name; credentials id → its task. */
  readonly #containers = new Map<string, { taskArn: string; name: string }>()
  readonly #credentialIds = new Map<string, string>()

  private constructor(
    options: TaskEndpointOptions,
    key: string,
    servers: Server[],
    port: number,
    gateway: string | undefined,
  ) {
    this.#options = options
    this.#key = key
    this.#servers = servers
    this.port = port
    this.#gateway = gateway
    for (const server of servers) server.on('request', this.#handle)
  }

  /** Binds the listeners (the saved port when it is free, else a new one) and saves the state. */
  static async start(options: TaskEndpointOptions): Promise<TaskEndpoint> {
    const file = join(options.stateDir, 'task-endpoint.json')
    const state = await loadEndpointState(file)
    const gateway = await options.runtime.bridgeGateway().catch((error: unknown) => {
      options.onError?.(error)
      return undefined
    })
    const servers: Server[] = []
    const open = (): Server => {
      const server = createServer({ requestTimeout: 5000, headersTimeout: 5000 })
      servers.push(server)
      return server
    }
    let port: number
    try {
      port = await listen(open(), LOOPBACK, state.port)
    } catch (error) {
      if (state.port === 0) throw error
      options.log?.(
        `task endpoint: port ${String(state.port)} is taken; containers started before keep a stale ECS_CONTAINER_METADATA_URI`,
      )
      servers.pop()
      port = await listen(open(), LOOPBACK, 0)
    }
    let bound: string | undefined
    if (gateway !== undefined) {
      try {
        await listen(open(), gateway, port)
        bound = gateway
      } catch (error) {
        servers.pop()
        options.log?.(
          `task endpoint: cannot listen on the Docker bridge ${gateway}:${String(port)} (${(error as Error).message}); bridge-mode containers cannot reach it`,
        )
      }
    }
    if (port !== state.port) await saveEndpointState(file, { key: state.key, port })
    return new TaskEndpoint(options, state.key, servers, port, bound)
  }

  /** The address a container in `networkMode` reaches the endpoint at, if any. */
  address(networkMode: string): string | undefined {
    if (networkMode === 'host') return LOOPBACK
    if (networkMode === 'bridge') return this.#gateway
    return undefined
  }

  /**
   * The environment of container `containerName` of `task` (the engine's `taskEnvironment`):
   * the metadata URIs, and for a task with a role its credentials URIs. Empty for a network mode
   * the endpoint cannot be reached from (`none`).
   */
  environment = (task: EngineTask, containerName: string): Record<string, string> => {
    const address = this.address(task.definition.networkMode ?? 'bridge')
    if (address === undefined) return {}
    const base = `http://${address}:${String(this.port)}`
    const id = endpointId(this.#key, 'container', task.arn, containerName)
    this.#containers.set(id, { taskArn: task.arn, name: containerName })
    const env: Record<string, string> = {
      ECS_CONTAINER_METADATA_URI_V4: `${base}/v4/${id}`,
      ECS_CONTAINER_METADATA_URI: `${base}/v3/${id}`,
    }
    if (task.definition.taskRoleArn !== undefined) {
      const credentials = endpointId(this.#key, 'credentials', task.arn)
      this.#credentialIds.set(credentials, task.arn)
      env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] = `/v2/credentials/${credentials}`
      env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] = `${base}/v2/credentials/${credentials}`
    }
    return env
  }

  /** Stops listening. */
  async close(): Promise<void> {
    await Promise.all(
      this.#servers.map(
        server =>
          new Promise<void>(resolve => {
            server.close(() => {
              resolve()
            })
            server.closeAllConnections()
          }),
      ),
    )
  }

  #handle = (request: IncomingMessage, response: ServerResponse): void => {
    this.#answer(request, response).catch((error: unknown) => {
      this.#options.onError?.(error)
      if (!response.headersSent) reply(response, 500, 'internal error')
    })
  }

  async #answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET') {
      reply(response, 405, 'only GET is served')
      return
    }
    const route = parseRoute(new URL(request.url ?? '/', 'http://endpoint').pathname)
    if (!route) {
      reply(response, 404, 'no such path')
      return
    }
    if (route.kind === 'credentials') {
      await this.#credentials(route.id, response)
      return
    }
    const owner = this.#containers.get(route.id)
    const managed = owner ? this.#options.lookup(owner.taskArn) : undefined
    const container = managed?.state.containers.find(c => c.name === owner?.name)
    if (!owner || !managed || !container) {
      reply(response, 404, `unable to find a container for id ${route.id}`)
      return
    }
    const { task, state } = managed
    const { runtime } = this.#options
    switch (route.kind) {
      case 'stats':
        reply(
          response,
          200,
          container.runtimeId === undefined
            ? {}
            : ((await runtime.containerStats(container.runtimeId)) ?? {}),
        )
        return
      case 'taskStats': {
        const stats: Record<string, unknown> = {}
        for (const c of state.containers)
          if (c.runtimeId !== undefined)
            stats[c.runtimeId] = (await runtime.containerStats(c.runtimeId)) ?? null
        reply(response, 200, stats)
        return
      }
      case 'container':
      case 'task':
      case 'taskWithTags':
        break
    }
    const docker = new Map<string, ContainerDetails>()
    const wanted = route.kind === 'container' ? [container] : state.containers
    for (const c of wanted) {
      if (c.runtimeId === undefined) continue
      const details = await runtime.inspectContainer(c.runtimeId)
      if (details) docker.set(c.name, details)
    }
    const context = { docker, availabilityZone: this.#options.availabilityZone }
    reply(
      response,
      200,
      route.kind === 'container'
        ? renderContainer(task, container, context)
        : renderTask(task, state, context, route.kind === 'taskWithTags'),
    )
  }

  async #credentials(id: string, response: ServerResponse): Promise<void> {
    const taskArn = this.#credentialIds.get(id)
    const managed = taskArn === undefined ? undefined : this.#options.lookup(taskArn)
    if (taskArn === undefined || !managed || managed.state.known === 'STOPPED') {
      // ECS's agent answers an unknown credentials id with 400 and this code
      reply(response, 400, {
        code: 'InvalidIdInRequest',
        message: `CredentialsV2Request: Credentials not found for id ${id}`,
      })
      return
    }
    let credentials
    try {
      credentials = await this.#options.credentials(taskArn)
    } catch (error) {
      this.#options.onError?.(error)
      reply(response, 500, {
        code: 'InternalServerError',
        message: `CredentialsV2Request: ${(error as Error).message}`,
      })
      return
    }
    reply(response, 200, {
      RoleArn: credentials.roleArn,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      Token: credentials.sessionToken,
      Expiration: credentials.expiration,
    })
  }
}
