/**
 * The scheduler bench's own client and servers: signed AWS JSON 1.1 calls over an undici Pool,
 * a quayside server (bench/serve.ts) or moto's in a process of its own, and a process's CPU time.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import aws4 from 'aws4'
import { Pool } from 'undici'

/** Calls in flight, as a user's tooling would drive the API. */
export const CONCURRENCY = 16
const root = fileURLToPath(new URL('..', import.meta.url))

/** Signed AWS JSON 1.1 calls over one undici Pool. */
export class Client {
  readonly #url: string
  readonly #host: string
  readonly #pool: Pool

  constructor(url: string, connections = CONCURRENCY) {
    this.#url = url
    this.#host = new URL(url).host
    this.#pool = new Pool(url, { connections, pipelining: 1 })
  }

  get url(): string {
    return this.#url
  }

  async call(operation: string, body: unknown): Promise<{ status: number; text: string }> {
    const payload = JSON.stringify(body)
    const request = {
      host: this.#host,
      path: '/',
      method: 'POST',
      service: 'ecs',
      region: 'us-east-1',
      body: payload,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AmazonEC2ContainerServiceV20141113.${operation}`,
      },
    }
    aws4.sign(request, { accessKeyId: 'test', secretAccessKey: 'test' })
    const response = await this.#pool.request({
      path: '/',
      method: 'POST',
      headers: request.headers as Record<string, string>,
      body: payload,
    })
    return { status: response.statusCode, text: await response.body.text() }
  }

  /** The parsed answer; throws on anything but 200. */
  async ok<T>(operation: string, body: unknown): Promise<T> {
    const { status, text } = await this.call(operation, body)
    if (status !== 200) throw new Error(`${this.#url} ${operation}: ${String(status)} ${text}`)
    return JSON.parse(text) as T
  }

  close(): Promise<void> {
    return this.#pool.close()
  }
}

/** Runs `fn(0..n-1)` with at most `concurrency` calls in flight. */
export async function inParallel(
  n: number,
  concurrency: number,
  fn: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < n) await fn(next++)
  }
  await Promise.all(Array.from({ length: Math.min(n, concurrency) }, worker))
}

// ---------------------------------------------------------------- servers

export interface Server {
  readonly name: string
  readonly url: string
  readonly child: ChildProcess
}

/** Starts bench/serve.ts with `options`; resolves once it prints its URL. */
export function startQuayside(name: string, options: Record<string, unknown>): Promise<Server> {
  const child = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROF=<dir> writes a CPU profile of each quayside server there when it exits.
      ...(process.env['BENCH_CPU_PROF']
        ? ['--cpu-prof', '--cpu-prof-dir', process.env['BENCH_CPU_PROF']]
        : []),
      '--import',
      'tsx',
      join(root, 'bench/serve.ts'),
      JSON.stringify(options),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8')
      const line = out.split('\n')[0]
      if (out.includes('\n') && line) resolve({ name, url: line.trim(), child })
    })
    child.once('exit', code => {
      reject(new Error(`quayside (${name}) exited with ${String(code)} before it listened`))
    })
  })
}

export async function startMoto(): Promise<Server> {
  const port = 20_000 + Math.floor(Math.random() * 20_000)
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'ignore'],
  })
  const url = `http://127.0.0.1:${String(port)}`
  const client = new Client(url, 1)
  try {
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`moto exited with ${String(child.exitCode)}`)
      try {
        await client.call('ListClusters', {})
        return { name: 'moto', url, child }
      } catch {
        await new Promise(resolve => setTimeout(resolve, 200))
      }
    }
    throw new Error('moto did not answer within 20 s')
  } catch (error) {
    child.kill('SIGTERM')
    throw error
  } finally {
    await client.close()
  }
}

/** Stops a child process; resolves once it has exited (a server first closes its store). */
export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise(resolve => {
    child.once('exit', () => {
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/** CPU seconds (user + system) of a process, from /proc (Linux); undefined elsewhere. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return undefined
  }
}
