/**
 * The agent introspection API (`--introspection-port`, default 51678, on 127.0.0.1 only, as
 * ECS's agent serves it): `/v1/metadata` and `/v1/tasks` (./render-introspection.ts). Several
 * agents may share a host, so a port already in use is reported in one line and the agent runs
 * on without it.
 */
import { createServer, type Server } from 'node:http'
import {
  answerTasks,
  renderMetadata,
  type ManagedTask,
  type MetadataJson,
} from './render-introspection.js'

/** ECS's port for the introspection API. */
export const DEFAULT_INTROSPECTION_PORT = 51678

export interface IntrospectionOptions {
  /** 0 turns it off. */
  readonly port: number
  readonly metadata: () => Pick<MetadataJson, 'Cluster' | 'ContainerInstanceArn'>
  readonly version: string
  readonly tasks: () => readonly ManagedTask[]
  readonly log: (line: string) => void
}

/** Starts the listener; undefined when the port is 0 or cannot be bound (after a line saying so). */
export async function startIntrospection(
  options: IntrospectionOptions,
): Promise<Server | undefined> {
  if (options.port === 0) return undefined
  const server = createServer({ requestTimeout: 5000 }, (request, response) => {
    const url = new URL(request.url ?? '/', 'http://introspection')
    let answer: { status: number; body: unknown }
    if (request.method !== 'GET') answer = { status: 405, body: 'only GET is served' }
    else if (url.pathname === '/v1/metadata') {
      const { Cluster, ContainerInstanceArn } = options.metadata()
      answer = { status: 200, body: renderMetadata(Cluster, ContainerInstanceArn, options.version) }
    } else if (url.pathname === '/v1/tasks') answer = answerTasks(options.tasks(), url.searchParams)
    else answer = { status: 404, body: 'no such path' }
    const text = JSON.stringify(answer.body)
    response.writeHead(answer.status, { 'content-type': 'application/json' })
    response.end(text)
  })
  return new Promise(resolve => {
    server.once('error', error => {
      options.log(
        `introspection API not served: 127.0.0.1:${String(options.port)}: ${error.message} (set --introspection-port)`,
      )
      resolve(undefined)
    })
    server.listen(options.port, '127.0.0.1', () => {
      resolve(server)
    })
  })
}
