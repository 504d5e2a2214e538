/**
 * A container's output as the log shipper reads it: {@link LogSource} follows a container's
 * stdout and stderr from its start until it exits (or the signal aborts), in order. Docker
 * implements it (`GET /containers/{id}/logs?follow=1&stdout=1&stderr=1`, the multiplexed
 * frames read by ./docker-log-frames.ts); the unit tests use a scripted one.
 */
import type Dockerode from 'dockerode'
import { DockerLogFrames, type OutputChunk } from './docker-log-frames.js'

export type { OutputChunk } from './docker-log-frames.js'

export interface LogSource {
  followLogs(runtimeId: string, signal: AbortSignal): AsyncIterable<OutputChunk>
}

/** {@link LogSource} over dockerode. */
export class DockerLogSource implements LogSource {
  readonly #docker: Dockerode

  constructor(docker: Dockerode) {
    this.#docker = docker
  }

  async *followLogs(runtimeId: string, signal: AbortSignal): AsyncIterable<OutputChunk> {
    const container = this.#docker.getContainer(runtimeId)
    const { Config } = await container.inspect({ abortSignal: signal })
    const stream = await container.logs({
      follow: true,
      stdout: true,
      stderr: true,
      abortSignal: signal,
    })
    const frames = Config.Tty ? undefined : new DockerLogFrames()
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (frames) yield* frames.push(chunk)
        else yield { stream: 'stdout', data: chunk }
      }
    } catch (error) {
      if (!signal.aborted) throw error
    }
  }
}

/** Whether `runtime` can also follow containers' output (DockerodeRuntime can). */
export function isLogSource(runtime: object): runtime is LogSource {
  return typeof (runtime as Partial<LogSource>).followLogs === 'function'
}
