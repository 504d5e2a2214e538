/**
 * `npm run bench -- scheduler`: placement through the HTTP API, as a user's tooling drives it.
 *
 * - 1,000 container instances of mixed sizes (registered through the API, each with a simulated
 *   agent connected over the real channel), then 10,000 tasks via RunTask count 10 at
 *   concurrency 16, under each strategy (random, spread(instanceId), binpack(memory)), on SQLite
 *   and on PostgreSQL (when QUAYSIDE_TEST_POSTGRES_URL reaches a database): placements/s, p50/p99
 *   RunTask latency, the server's CPU per placement, utilisation (instances used, max/min tasks
 *   per instance) and an over-commit check read back through the API.
 * - 5,000 instances (ECS's per-cluster quota), SQLite: placements/s with 10,000 tasks.
 * - A service scaled from 0 to 1,000 tasks on 200 simulated agents that report their tasks
 *   RUNNING, launch pace unlimited (the server option): seconds until runningCount = 1,000.
 * - moto's server, when it starts, takes turns with quayside's random run at 1,000 instances
 *   (RunTask only: moto places without accounting).
 *
 * Targets (this 2-core machine): >= 2,000 placements/s at 1,000 instances on SQLite and >= 1,000
 * at 5,000, for the slowest strategy; steady state of 1,000 service tasks in <= 10 s. A missed
 * target is printed, not an error; the exit code is non-zero only if a server fails.
 * BENCH_SCHEDULER_TASKS (default 10000) and BENCH_SCHEDULER_RUN_S (the most seconds one run may
 * take, default 20) shorten a run; BENCH_SCHEDULER_ONLY=1000_spread_sqlite,service runs only the
 * runs named (keys as in the figure lines, `service` for the service run).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type {
  DescribeServicesResponse,
  PlacementStrategy,
  RunTaskResponse,
} from '@quayside/openapi/types'
import pg from 'pg'
import type { ChildProcess } from 'node:child_process'
import { postgresUrl } from '../test/support/external.js'
import {
  Client,
  CONCURRENCY,
  cpuSeconds,
  startMoto,
  startQuayside,
  stop,
  type Server,
} from './scheduler-client.js'
import { closeAgents, prepareCluster, utilisation, type Utilisation } from './scheduler-cluster.js'

const TASKS = Number(process.env['BENCH_SCHEDULER_TASKS'] ?? 10_000)
const RUN_MS = Number(process.env['BENCH_SCHEDULER_RUN_S'] ?? 20) * 1000
/** Past this, the runs not yet started are skipped (and named), so the part ends within 5 minutes. */
const PART_BUDGET_MS = 250_000
const partStarted = performance.now()
const overBudget = () => performance.now() - partStarted > PART_BUDGET_MS
const ONLY = new Set((process.env['BENCH_SCHEDULER_ONLY'] ?? '').split(',').filter(Boolean))
const skipped: string[] = []
/** Whether run `key` is to run: named (or none named), and time left in the part's budget. */
const wanted = (key: string) => {
  if (ONLY.size > 0 && !ONLY.has(key)) return false
  if (overBudget()) {
    skipped.push(key)
    return false
  }
  console.error(`scheduler: ${key} ...`)
  return true
}
const COUNT = 10
/** Turns each server takes in the moto comparison. */
const ROUNDS = 6

type StrategyName = 'random' | 'spread' | 'binpack'
const STRATEGIES: Record<StrategyName, PlacementStrategy[]> = {
  random: [{ type: 'random' }],
  spread: [{ type: 'spread', field: 'instanceId' }],
  binpack: [{ type: 'binpack', field: 'memory' }],
}

// ---------------------------------------------------------------- RunTask load

interface LoadResult {
  readonly placed: number
  readonly calls: number
  readonly seconds: number
  readonly p50: number
  readonly p99: number
  readonly errors: number
  /** Calls answered with failures (tasks that did not fit). */
  readonly shortCalls: number
  /** Server CPU ms per placement (Linux), if known. */
  readonly cpuMsPerPlacement: number | undefined
}

/** RunTask count 10 on one cluster, CONCURRENCY calls in flight, run in turns by `turn`. */
class RunTaskLoad {
  readonly #client: Client
  readonly #pid: number | undefined
  readonly #body: unknown
  readonly #latencies: number[] = []
  #calls = 0
  #placed = 0
  #errors = 0
  #shortCalls = 0
  #seconds = 0
  #cpu: number | undefined = 0

  constructor(client: Client, pid: number | undefined, body: unknown) {
    this.#client = client
    this.#pid = pid
    this.#body = body
  }

  get calls(): number {
    return this.#calls
  }

  /** Runs until `calls` calls in all were sent or `ms` passed; returns the seconds it took. */
  async turn(limit: { calls: number; ms: number }): Promise<number> {
    const cpuBefore = cpuSeconds(this.#pid)
    const started = performance.now()
    const until = started + limit.ms
    const loop = async () => {
      while (this.#calls < limit.calls && performance.now() < until) {
        this.#calls++
        const sent = performance.now()
        const { status, text } = await this.#client.call('RunTask', this.#body)
        this.#latencies.push(performance.now() - sent)
        if (status !== 200) {
          this.#errors++
          continue
        }
        const answer = JSON.parse(text) as RunTaskResponse
        this.#placed += answer.tasks?.length ?? 0
        if ((answer.tasks?.length ?? 0) < COUNT) this.#shortCalls++
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, loop))
    const seconds = (performance.now() - started) / 1000
    this.#seconds += seconds
    const cpuAfter = cpuSeconds(this.#pid)
    this.#cpu =
      cpuBefore === undefined || cpuAfter === undefined || this.#cpu === undefined
        ? undefined
        : this.#cpu + cpuAfter - cpuBefore
    return seconds
  }

  result(): LoadResult {
    const sorted = [...this.#latencies].sort((a, b) => a - b)
    const at = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
    return {
      placed: this.#placed,
      calls: this.#calls,
      seconds: this.#seconds,
      p50: at(0.5),
      p99: at(0.99),
      errors: this.#errors,
      shortCalls: this.#shortCalls,
      cpuMsPerPlacement:
        this.#cpu === undefined || this.#placed === 0
          ? undefined
          : (this.#cpu * 1000) / this.#placed,
    }
  }
}

// ---------------------------------------------------------------- the runs

interface Run {
  readonly key: string
  readonly instances: number
  readonly strategy: StrategyName
  readonly store: string
  readonly result: LoadResult
  readonly utilisation: Utilisation
}

const body = (cluster: string, strategy: StrategyName) => ({
  cluster,
  taskDefinition: cluster,
  count: COUNT,
  placementStrategy: STRATEGIES[strategy],
})

/** One run: a fresh cluster, TASKS tasks (RUN_MS at most); `peer` takes turns with it. */
async function measure(
  server: Server,
  instances: number,
  strategy: StrategyName,
  peer?: { load: RunTaskLoad },
): Promise<Run> {
  const client = new Client(server.url)
  const name = `sched-${String(instances)}-${strategy}`
  const cluster = await prepareCluster(client, name, instances)
  const load = new RunTaskLoad(client, server.child.pid, body(name, strategy))
  const calls = Math.ceil(TASKS / COUNT)
  const deadline = performance.now() + RUN_MS
  for (let round = 1; round <= (peer ? ROUNDS : 1); round++) {
    const quota = peer ? Math.ceil((calls * round) / ROUNDS) : calls
    const took = await load.turn({ calls: quota, ms: Math.max(0, deadline - performance.now()) })
    // The peer gets as long as quayside took for the same share of calls.
    if (peer) await peer.load.turn({ calls: Number.MAX_SAFE_INTEGER, ms: took * 1000 })
  }
  const result = load.result()
  const used = await utilisation(client, cluster)
  closeAgents(cluster)
  await client.close()
  return {
    key: `${String(instances)}_${strategy}_${server.name}`,
    instances,
    strategy,
    store: server.name,
    result,
    utilisation: used,
  }
}

/** Scales a service from 0 to 1,000 tasks on 200 agents; seconds until runningCount = 1,000. */
async function serviceSteady(server: Server): Promise<number | undefined> {
  const client = new Client(server.url)
  const name = 'sched-service'
  const cluster = await prepareCluster(client, name, 200, {
    report: true,
    size: { cpu: 4096, memory: 8192 },
  })
  await client.ok('CreateService', {
    cluster: name,
    serviceName: 'web',
    taskDefinition: name,
    desiredCount: 0,
  })
  const started = performance.now()
  await client.ok('UpdateService', { cluster: name, service: 'web', desiredCount: 1000 })
  let seconds: number | undefined
  while (performance.now() - started < 30_000) {
    const described = await client.ok<DescribeServicesResponse>('DescribeServices', {
      cluster: name,
      services: ['web'],
    })
    if ((described.services?.[0]?.runningCount ?? 0) >= 1000) {
      seconds = (performance.now() - started) / 1000
      break
    }
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  closeAgents(cluster)
  await client.close()
  return seconds
}

/** The PostgreSQL URL of a fresh schema, or why there is none. */
async function postgresSchema(): Promise<{ url: string; drop: () => Promise<void> } | string> {
  const schema = `bench_scheduler_${String(process.pid)}`
  const run = async (sql: string) => {
    const db = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 })
    await db.connect()
    try {
      await db.query(sql)
    } finally {
      await db.end()
    }
  }
  try {
    await run(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  } catch (error) {
    return `${postgresUrl.replace(/\/\/[^@]*@/, '//')} does not answer (${(error as Error).message})`
  }
  return {
    url: `${postgresUrl}?schema=${schema}`,
    drop: () => run(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`),
  }
}

// ---------------------------------------------------------------- report

function table(rows: string[][]): void {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map(row => row[i]?.length ?? 0))) ?? []
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '))
}

const perSecond = (r: LoadResult) => (r.seconds > 0 ? r.placed / r.seconds : 0)

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'quayside-bench-scheduler-'))
  const children: ChildProcess[] = []
  const notes: string[] = []
  const runs: Run[] = []
  let moto: { result: LoadResult } | undefined
  let steady: number | undefined
  let serviceRan = false
  const outcome = { failed: false }
  const stores: { name: string; options: Record<string, unknown> }[] = [
    { name: 'sqlite', options: { dataDir } },
  ]
  const postgres = await postgresSchema()
  if (typeof postgres === 'string') notes.push(`PostgreSQL half skipped: ${postgres}`)
  else stores.push({ name: 'postgres', options: { store: postgres.url } })
  const options = { serviceLaunchesPerMinute: Number.MAX_SAFE_INTEGER }
  // A run that fails is a note, and the runs after it still run.
  const attempt = async (key: string, run: () => Promise<void>) => {
    try {
      await run()
    } catch (error) {
      notes.push(`${key} failed: ${(error as Error).message}`)
      outcome.failed = true
    }
  }
  try {
    for (const store of stores) {
      const server = await startQuayside(store.name, { ...options, ...store.options })
      children.push(server.child)
      for (const strategy of Object.keys(STRATEGIES) as StrategyName[]) {
        if (!wanted(`1000_${strategy}_${store.name}`)) continue
        let peer: { load: RunTaskLoad; client: Client } | undefined
        if (store.name === 'sqlite' && strategy === 'random') {
          try {
            const motoServer = await startMoto()
            children.push(motoServer.child)
            const client = new Client(motoServer.url)
            await prepareCluster(client, 'sched-moto', 1000, { moto: true })
            peer = {
              client,
              load: new RunTaskLoad(client, motoServer.child.pid, body('sched-moto', 'random')),
            }
          } catch (error) {
            notes.push(`moto peer skipped: ${(error as Error).message}`)
          }
        }
        await attempt(`1000_${strategy}_${store.name}`, async () => {
          runs.push(await measure(server, 1000, strategy, peer))
        })
        if (peer) {
          moto = { result: peer.load.result() }
          await peer.client.close()
        }
      }
      if (store.name === 'sqlite') {
        for (const strategy of Object.keys(STRATEGIES) as StrategyName[])
          if (wanted(`5000_${strategy}_sqlite`))
            await attempt(`5000_${strategy}_sqlite`, async () => {
              runs.push(await measure(server, 5000, strategy))
            })
        if (wanted('service')) {
          serviceRan = true
          await attempt('service', async () => {
            steady = await serviceSteady(server)
          })
        }
      }
    }
  } finally {
    await Promise.all(children.map(stop))
    if (typeof postgres !== 'string') await postgres.drop().catch(() => undefined)
    rmSync(dataDir, { recursive: true, force: true })
  }
  if (!stores.some(s => s.name === 'postgres')) notes.push('no PostgreSQL figures')
  notes.push('5,000 instances and the service run on SQLite only (the part stays within 5 minutes)')
  if (skipped.length > 0) notes.push(`skipped, past the part's time budget: ${skipped.join(', ')}`)

  const rows = [
    [
      'instances',
      'strategy',
      'store',
      'placed',
      'placements/s',
      'p50 ms',
      'p99 ms',
      'cpu ms/placement',
      'used',
      'max/min per instance',
      'over-committed',
      'short calls',
      'non-200',
    ],
  ]
  for (const run of runs) {
    const r = run.result
    const u = run.utilisation
    rows.push([
      String(run.instances),
      run.strategy,
      run.store,
      String(r.placed),
      perSecond(r).toFixed(0),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      r.cpuMsPerPlacement?.toFixed(3) ?? 'n/a',
      String(u.used),
      `${String(u.maxTasks)}/${String(u.minTasks)}`,
      String(u.overCommitted),
      String(r.shortCalls),
      String(r.errors),
    ])
  }
  if (moto) {
    const r = moto.result
    rows.push([
      '1000',
      'random',
      'moto',
      String(r.placed),
      perSecond(r).toFixed(0),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      r.cpuMsPerPlacement?.toFixed(3) ?? 'n/a',
      '-',
      '-',
      '-',
      String(r.shortCalls),
      String(r.errors),
    ])
  } else rows.push(['1000', 'random', 'moto', 'skipped (see notes)', ...Array<string>(9).fill('')])
  table(rows)
  console.log('')
  for (const note of notes) console.log(`note: ${note}`)
  console.log('')

  const missed: string[] = []
  for (const run of runs) {
    const r = run.result
    console.log(`scheduler.placements_per_s_${run.key} = ${perSecond(r).toFixed(0)} placements/s`)
    console.log(`scheduler.run_task_p50_${run.key} = ${r.p50.toFixed(1)} ms`)
    console.log(`scheduler.run_task_p99_${run.key} = ${r.p99.toFixed(1)} ms`)
    if (r.cpuMsPerPlacement !== undefined)
      console.log(
        `scheduler.cpu_ms_per_placement_${run.key} = ${r.cpuMsPerPlacement.toFixed(3)} ms`,
      )
    if (r.placed < TASKS)
      missed.push(`${run.key}: placed ${String(r.placed)} of ${String(TASKS)} tasks`)
    if (r.errors > 0) missed.push(`${run.key}: ${String(r.errors)} non-200 answers`)
  }
  if (moto) {
    const ours = runs.find(r => r.key === '1000_random_sqlite')
    console.log(
      `scheduler.placements_per_s_1000_random_moto = ${perSecond(moto.result).toFixed(0)} placements/s`,
    )
    if (ours && perSecond(moto.result) > 0)
      console.log(
        `scheduler.run_task_vs_moto = ${(perSecond(ours.result) / perSecond(moto.result)).toFixed(1)} x`,
      )
  }
  for (const [instances, store, target] of [
    [1000, 'sqlite', 2000],
    [5000, 'sqlite', 1000],
  ] as const) {
    const mine = runs.filter(r => r.instances === instances && r.store === store)
    const slowest = mine.sort((a, b) => perSecond(a.result) - perSecond(b.result))[0]
    if (!slowest) continue
    const rate = perSecond(slowest.result)
    console.log(`scheduler.slowest_${String(instances)}_${store} = ${slowest.strategy}`)
    if (rate < target)
      missed.push(
        `placements_per_s_${slowest.key} ${rate.toFixed(0)} < ${String(target)} placements/s (slowest strategy)`,
      )
  }
  if (steady === undefined) {
    console.log('scheduler.service_steady_s = n/a s')
    if (serviceRan) missed.push('service_steady_s: runningCount did not reach 1000 within 30 s')
  } else {
    console.log(`scheduler.service_steady_s = ${steady.toFixed(2)} s`)
    if (steady > 10) missed.push(`service_steady_s ${steady.toFixed(2)} s > 10 s`)
  }
  const overCommitted = runs.reduce((n, r) => n + r.utilisation.overCommitted, 0)
  console.log(`over-committed instances = ${String(overCommitted)}`)
  if (overCommitted > 0) missed.push(`over-committed instances = ${String(overCommitted)}`)
  console.log('')
  console.log(missed.length === 0 ? 'all targets met' : `targets missed:\n  ${missed.join('\n  ')}`)
  return outcome.failed ? 1 : 0
}

process.exitCode = await main()
