/**
 * Applies the payloads that follow the first full list (the restore's) to the task engine, so
 * that the engine converges to the server's view with each one (the rules are {@link syncPlan}'s):
 * tasks the server holds stopped, or that a full list leaves out, are stopped here; new ones are
 * added once their definition is fetched. A task waiting for its definition counts as managed:
 * what later payloads say of it meanwhile is kept, and it is added in its latest state (or not
 * at all, when the server holds it STOPPED by then).
 */
import type { PayloadTask } from '@quayside/openapi/agent-protocol'
import type { EngineTask, TaskDefinition } from '../task-definition.js'
import { syncPlan } from './sync.js'
import { engineTask } from './tasks.js'

/** The stop reason of a task a full list no longer holds (the server has it stopped already). */
export const NOT_LISTED_REASON = 'Task is not running on the control plane'

/** The part of the task engine the convergence drives. */
export interface ConvergenceEngine {
  tasks(): readonly { readonly arn: string; readonly desired: 'RUNNING' | 'STOPPED' }[]
  stopTask(arn: string, reason?: string): boolean
  addTask(task: EngineTask): unknown
}

export interface ConvergenceOptions {
  readonly engine: ConvergenceEngine
  /** The task definition of an ARN (DescribeTaskDefinition, cached by the caller). */
  readonly definition: (arn: string) => Promise<TaskDefinition>
  /** The agent's cluster, for tasks that do not name theirs. */
  readonly cluster: string
  /** Completes a task before the engine gets it (its secrets: ./task-secrets.ts); none: as is. */
  readonly prepare?: ((task: EngineTask) => Promise<EngineTask>) | undefined
  readonly onError: (error: unknown) => void
}

export class Convergence {
  readonly #options: ConvergenceOptions
  /** Tasks being added (their definition is on its way): the latest copy the server sent. */
  readonly #pending = new Map<string, PayloadTask>()

  constructor(options: ConvergenceOptions) {
    this.#options = options
  }

  /** Applies one payload; resolves once the tasks it adds are added (or failed, reported). */
  async apply(tasks: readonly PayloadTask[], full: boolean): Promise<void> {
    const { engine } = this.#options
    // Read before any await: the plan must judge against what was managed when the payload came.
    const managed = new Map(engine.tasks().map(s => [s.arn, s.desired]))
    for (const [arn, task] of this.#pending) managed.set(arn, task.desiredStatus)
    for (const task of tasks)
      if (this.#pending.has(task.taskArn)) this.#pending.set(task.taskArn, task)
    const plan = syncPlan(managed, tasks, full)
    const listed = new Set(tasks.map(t => t.taskArn))
    for (const arn of plan.stop) {
      const waiting = this.#pending.get(arn)
      if (!waiting) engine.stopTask(arn, listed.has(arn) ? undefined : NOT_LISTED_REASON)
      else if (!listed.has(arn))
        this.#pending.set(arn, { ...waiting, desiredStatus: 'STOPPED', lastStatus: 'STOPPED' })
    }
    await Promise.all(plan.add.map(task => this.#add(task)))
  }

  async #add(task: PayloadTask): Promise<void> {
    const { engine, definition, cluster, onError, prepare } = this.#options
    this.#pending.set(task.taskArn, task)
    try {
      const found = await definition(task.taskDefinitionArn)
      const first = this.#pending.get(task.taskArn) ?? task
      const prepared = prepare
        ? await prepare(engineTask(first, found, cluster))
        : engineTask(first, found, cluster)
      const latest = this.#pending.get(task.taskArn) ?? task
      if (latest.desiredStatus === 'STOPPED' && latest.lastStatus === 'STOPPED') return
      engine.addTask({ ...prepared, desiredStatus: latest.desiredStatus })
    } catch (error) {
      onError(error)
    } finally {
      this.#pending.delete(task.taskArn)
    }
  }
}
