/**
 * wait_for_steady_state with the real terraform binary (skipped with the reason when terraform is
 * absent; CI requires it) against a quayside server in this process on 127.0.0.1:0 whose service
 * scheduler places tasks on a fake agent over the real channel. The agent reports nothing by
 * itself: the test says when tasks are RUNNING, so it can show that `terraform apply` returns
 * only after that. Then: a second plan is empty (the settings round-trip), an update waits too, a
 * timeout that passes fails the apply with the reason, and destroy waits for the drain.
 */
import { execFile } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { DescribeServicesCommand, DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs'
import t from 'tap'
import { clusterWithAgent } from '../../server/test/fixtures/cluster.js'
import type { FakeAgent } from '../../server/test/fixtures/fake-agent.js'
import { withExternal } from '../../test/support/external.js'
import { installProvider } from '../src/install.js'
import { childEnv } from './fixtures/plugin.js'

t.setTimeout(300_000)

const entry = fileURLToPath(new URL('../dist/main.js', import.meta.url))

const CONFIG = `
terraform {
  required_providers {
    quayside = { source = "quayside/quayside" }
  }
}
variable "endpoint" { type = string }
variable "task_definition" { type = string }
variable "desired_count" { type = number }
variable "update_timeout" { type = string }

provider "quayside" {
  endpoint   = var.endpoint
  region     = "us-east-1"
  access_key = "test"
  secret_key = "test"
}

resource "quayside_service" "web" {
  name                  = "web"
  cluster               = "tf"
  task_definition       = var.task_definition
  desired_count         = var.desired_count
  wait_for_steady_state = true

  timeouts {
    create = "2m"
    update = var.update_timeout
    delete = "1m"
  }
}
`

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Reports every task the agent was told to get to `status` (and has not reported so) as there. */
async function reportAll(agent: FakeAgent, status: string, done: Set<string>): Promise<number> {
  let reported = 0
  for (const task of agent.tasks.values()) {
    const key = `${task.taskArn} ${status}`
    if (task.desiredStatus !== status || done.has(key)) continue
    done.add(key)
    await agent.report(task.taskArn, status, {
      containers: task.containers.map(c => ({
        containerName: c.name,
        status,
        ...(status === 'STOPPED' ? { exitCode: 0 } : {}),
      })),
    })
    reported++
  }
  return reported
}

/** Polls (every 100 ms, `ms` at most) until `predicate` holds. */
async function until(predicate: () => boolean, ms: number, what: string): Promise<void> {
  for (let waited = 0; waited < ms; waited += 100) {
    if (predicate()) return
    await sleep(100)
  }
  throw new Error(`${what}: not within ${String(ms)} ms`)
}

await withExternal(t, ['terraform'], 'wait_for_steady_state with terraform', async t => {
  t.ok(existsSync(entry), 'the provider is built (npm run build)')
  const { server, ecs, cluster, agent } = await clusterWithAgent(t, {
    cluster: 'tf',
    server: { servicePassIntervalMs: 100 },
    agent: { autoReport: false },
  })
  const described = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'app' }))
  const dir = t.testdir({ work: {} })
  const work = join(dir, 'work')
  const installed = installProvider({
    mirror: join(dir, 'mirror'),
    version: '0.1.0',
    entry,
    node: process.execPath,
  })
  writeFileSync(join(dir, 'cli.tfrc'), installed.cliConfig)
  writeFileSync(join(work, 'main.tf'), CONFIG)
  const env = {
    ...childEnv(),
    TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'),
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
  }
  Reflect.deleteProperty(env, 'QUAYSIDE_PROVIDER_BACKEND')
  const terraform = (...args: string[]): Promise<Run> =>
    new Promise(resolve => {
      execFile('terraform', args, { cwd: work, env, timeout: 180_000 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      })
    })
  const vars = (desired: number, updateTimeout: string) => {
    writeFileSync(
      join(work, 'terraform.tfvars'),
      [
        `endpoint = ${JSON.stringify(server.url)}`,
        `task_definition = ${JSON.stringify(described.taskDefinition?.taskDefinitionArn ?? '')}`,
        `desired_count = ${String(desired)}`,
        `update_timeout = ${JSON.stringify(updateTimeout)}`,
      ].join('\n'),
    )
  }
  const web = async () =>
    (await ecs.send(new DescribeServicesCommand({ cluster, services: ['web'] }))).services?.[0]
  const reported = new Set<string>()
  const applying = () => {
    let finished = false
    const run = terraform('apply', '-auto-approve', '-input=false', '-no-color').finally(() => {
      finished = true
    })
    return { run, finished: () => finished }
  }

  t.equal((await terraform('init', '-input=false', '-no-color')).code, 0, 'terraform init')

  vars(2, '2m')
  const create = applying()
  await until(() => agent.tasks.size === 2, 60_000, 'the scheduler sends 2 tasks')
  await sleep(1500)
  t.notOk(create.finished(), 'apply is still waiting while the tasks are PENDING')
  t.match(await web(), { status: 'ACTIVE', desiredCount: 2, runningCount: 0 })
  t.equal(await reportAll(agent, 'RUNNING', reported), 2, 'the agent reports both RUNNING')
  const created = await create.run
  t.equal(created.code, 0, 'apply succeeds once they run', { stderr: created.stderr })
  t.match(await web(), { runningCount: 2, desiredCount: 2 }, 'and not before: 2 tasks run')

  const again = await terraform('plan', '-detailed-exitcode', '-input=false', '-no-color')
  t.equal(again.code, 0, 'a second plan is empty', { stdout: again.stdout, stderr: again.stderr })
  const shown = await terraform('state', 'show', '-no-color', 'quayside_service.web')
  t.match(shown.stdout, /wait_for_steady_state\s+= true/, 'the setting is in the state')
  t.match(shown.stdout, /create\s+= "2m"/, 'and so are the timeouts')

  vars(3, '2m')
  const update = applying()
  await until(() => agent.tasks.size === 3, 60_000, 'the scheduler sends a third task')
  await sleep(1000)
  t.notOk(update.finished(), 'an update waits too')
  t.equal(await reportAll(agent, 'RUNNING', reported), 1)
  const updated = await update.run
  t.equal(updated.code, 0, 'apply of desired_count 3', { stderr: updated.stderr })
  t.match(await web(), { runningCount: 3, desiredCount: 3 })

  vars(4, '3s')
  const late = await terraform('apply', '-auto-approve', '-input=false', '-no-color')
  t.not(late.code, 0, 'a service that does not get there in time fails the apply')
  t.match(
    late.stderr.replace(/\s+/g, ' '), // terraform wraps diagnostics to its width
    /did not reach a steady state within 3s \(runningCount 3 of desiredCount 4/,
    'saying why',
  )
  t.equal((await web())?.desiredCount, 4, 'the update itself was made')

  // a real agent stops what it is told to stop; this one does it when asked, in a loop
  const stopping = { on: true }
  const stopper = (async () => {
    // bounded: the destroy below ends within its 1m delete timeout (and execFile's 180 s)
    for (let round = 0; round < 2000 && stopping.on; round++) {
      await reportAll(agent, 'STOPPED', reported)
      await sleep(100)
    }
  })()
  t.teardown(() => {
    stopping.on = false
    return stopper
  })
  const destroyed = await terraform('destroy', '-auto-approve', '-input=false', '-no-color')
  stopping.on = false
  await stopper
  t.equal(destroyed.code, 0, 'terraform destroy', { stderr: destroyed.stderr })
  t.equal((await web())?.status, 'INACTIVE', 'destroy returns once the service is INACTIVE')
})
