/**
 * The scheduler bench's clusters: container instances of mixed sizes registered through the API,
 * each with a simulated agent over the real channel (quayside) or an EC2 instance (moto), and
 * what the cluster holds afterwards, read back through the API.
 */
import type {
  ContainerInstance,
  DescribeContainerInstancesResponse,
  DescribeTasksResponse,
  ListTasksResponse,
  RegisterContainerInstanceResponse,
  Resource,
} from '@quayside/openapi/types'
import aws4 from 'aws4'
import WebSocket from 'ws'
import { CONCURRENCY, inParallel, type Client } from './scheduler-client.js'

/** Mixed instance sizes, in turn: CPU units and MiB. */
export const SIZES = [
  { cpu: 1024, memory: 2048 },
  { cpu: 2048, memory: 4096 },
  { cpu: 4096, memory: 8192 },
  { cpu: 8192, memory: 16384 },
]
export const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c']
export const TASK = { cpu: 32, memory: 128 }

/**
 * A container agent over the real channel: acks every payload, answers every heartbeat and,
 * with `report`, reports each task it is told to run RUNNING (SubmitTaskStateChange), as the
 * agent does once its containers start.
 */
export async function simulatedAgent(
  client: Client,
  cluster: string,
  containerInstanceArn: string,
  report: boolean,
): Promise<WebSocket> {
  const host = new URL(client.url).host
  const path = `/ws?clusterArn=${cluster}&containerInstanceArn=${encodeURIComponent(containerInstanceArn)}`
  const signed = aws4.sign(
    { host, path, method: 'GET', service: 'ecs', region: 'us-east-1', headers: {} },
    { accessKeyId: 'test', secretAccessKey: 'test' },
  )
  const ws = new WebSocket(`ws://${host}${path}`, {
    headers: signed.headers as Record<string, string>,
  })
  const reported = new Set<string>()
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString('utf8')) as {
      type: string
      message: {
        messageId: string
        tasks?: { taskArn: string; desiredStatus: string; containers: { name: string }[] }[]
      }
    }
    const ack = (type: string) => {
      ws.send(JSON.stringify({ type, message: { messageId: frame.message.messageId } }))
    }
    if (frame.type === 'HeartbeatMessage') ack('HeartbeatAckRequest')
    if (frame.type !== 'PayloadMessage') return
    ack('AckRequest')
    if (!report) return
    for (const task of frame.message.tasks ?? []) {
      if (task.desiredStatus !== 'RUNNING' || reported.has(task.taskArn)) continue
      reported.add(task.taskArn)
      client
        .ok('SubmitTaskStateChange', {
          cluster,
          task: task.taskArn,
          status: 'RUNNING',
          containers: task.containers.map(c => ({ containerName: c.name, status: 'RUNNING' })),
        })
        .catch((error: unknown) => {
          console.error(`agent report failed: ${(error as Error).message}`)
        })
    }
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      resolve()
    })
    ws.once('error', reject)
  })
  return ws
}

/** Launches `count` EC2 instances on moto (its ECS wants real instance ids). */
export async function motoInstances(url: string, count: number): Promise<string[]> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization:
        'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: `Action=RunInstances&Version=2016-11-15&ImageId=ami-12c6146b&MinCount=${String(count)}&MaxCount=${String(count)}`,
  })
  const ids = [...(await response.text()).matchAll(/<instanceId>([^<]+)</g)].map(m => m[1] ?? '')
  if (ids.length !== count)
    throw new Error(`moto launched ${String(ids.length)} of ${String(count)}`)
  return ids
}

// ---------------------------------------------------------------- clusters

export interface Cluster {
  readonly name: string
  readonly instanceArns: string[]
  readonly agents: WebSocket[]
}

/**
 * A cluster of `instances` instances of mixed sizes over three zones, each with a connected
 * simulated agent on quayside (moto has no channel), and a task definition `<name>` of TASK's size.
 */
export async function prepareCluster(
  client: Client,
  name: string,
  instances: number,
  options: { moto?: boolean; report?: boolean; size?: { cpu: number; memory: number } } = {},
): Promise<Cluster> {
  await client.ok('CreateCluster', { clusterName: name })
  await client.ok('RegisterTaskDefinition', {
    family: name,
    containerDefinitions: [{ name: 'app', image: 'busybox', ...TASK }],
  })
  const ec2 = options.moto === true ? await motoInstances(client.url, instances) : []
  const instanceArns: string[] = []
  const agents: WebSocket[] = []
  await inParallel(instances, CONCURRENCY, async i => {
    const size = options.size ?? SIZES[i % SIZES.length] ?? { cpu: 1024, memory: 2048 }
    const registered = await client.ok<RegisterContainerInstanceResponse>(
      'RegisterContainerInstance',
      {
        cluster: name,
        instanceIdentityDocument: JSON.stringify({
          instanceId: ec2[i] ?? `i-${i.toString(16).padStart(17, '0')}`,
          region: 'us-east-1',
        }),
        totalResources: [
          { name: 'CPU', type: 'INTEGER', integerValue: size.cpu },
          { name: 'MEMORY', type: 'INTEGER', integerValue: size.memory },
          { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22'] },
          { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
        ],
        attributes: [{ name: 'ecs.availability-zone', value: ZONES[i % ZONES.length] ?? '' }],
      },
    )
    const arn = registered.containerInstance?.containerInstanceArn ?? ''
    instanceArns.push(arn)
    if (options.moto !== true)
      agents.push(await simulatedAgent(client, name, arn, options.report === true))
  })
  if (options.moto !== true) await untilConnected(client, name, instances)
  return { name, instanceArns, agents }
}

/** Waits until the server counts `instances` instances of `cluster` as agent-connected. */
export async function untilConnected(
  client: Client,
  cluster: string,
  instances: number,
): Promise<void> {
  const deadline = Date.now() + 30_000
  for (;;) {
    let connected = 0
    let nextToken: string | undefined
    do {
      const page = await client.ok<{ containerInstanceArns?: string[]; nextToken?: string }>(
        'ListContainerInstances',
        { cluster, filter: 'agentConnected==true', maxResults: 100, nextToken },
      )
      connected += page.containerInstanceArns?.length ?? 0
      nextToken = page.nextToken
    } while (nextToken !== undefined)
    if (connected >= instances) return
    if (Date.now() > deadline)
      throw new Error(`${cluster}: ${String(connected)} of ${String(instances)} agents connected`)
    await new Promise(resolve => setTimeout(resolve, 200))
  }
}

export function closeAgents(cluster: Cluster): void {
  for (const agent of cluster.agents) agent.terminate()
}

export interface Utilisation {
  readonly used: number
  readonly maxTasks: number
  readonly minTasks: number
  /** Instances with negative remaining CPU/MEMORY, or whose tasks hold more than registered. */
  readonly overCommitted: number
}

export const amount = (resources: readonly Resource[] | undefined, name: string): number => {
  const r = resources?.find(x => x.name === name)
  return r?.integerValue ?? r?.longValue ?? r?.doubleValue ?? 0
}

/** Reads every instance and every task of the cluster back through the API. */
export async function utilisation(client: Client, cluster: Cluster): Promise<Utilisation> {
  const instances: ContainerInstance[] = []
  for (let i = 0; i < cluster.instanceArns.length; i += 100) {
    const page = await client.ok<DescribeContainerInstancesResponse>('DescribeContainerInstances', {
      cluster: cluster.name,
      containerInstances: cluster.instanceArns.slice(i, i + 100),
    })
    instances.push(...(page.containerInstances ?? []))
  }
  const held = new Map<string, { cpu: number; memory: number; tasks: number }>()
  let nextToken: string | undefined
  do {
    const page = await client.ok<ListTasksResponse>('ListTasks', {
      cluster: cluster.name,
      maxResults: 100,
      nextToken,
    })
    nextToken = page.nextToken
    const arns = page.taskArns ?? []
    if (arns.length === 0) continue
    const described = await client.ok<DescribeTasksResponse>('DescribeTasks', {
      cluster: cluster.name,
      tasks: arns,
    })
    for (const task of described.tasks ?? []) {
      const on = task.containerInstanceArn ?? ''
      const sum = held.get(on) ?? { cpu: 0, memory: 0, tasks: 0 }
      sum.cpu += Number(task.cpu ?? 0)
      sum.memory += Number(task.memory ?? 0)
      sum.tasks++
      held.set(on, sum)
    }
  } while (nextToken !== undefined)
  let overCommitted = 0
  const counts: number[] = []
  for (const instance of instances) {
    const sum = held.get(instance.containerInstanceArn ?? '') ?? { cpu: 0, memory: 0, tasks: 0 }
    counts.push(sum.tasks)
    const registered = instance.registeredResources
    const remaining = instance.remainingResources
    if (
      amount(remaining, 'CPU') < 0 ||
      amount(remaining, 'MEMORY') < 0 ||
      sum.cpu > amount(registered, 'CPU') ||
      sum.memory > amount(registered, 'MEMORY')
    )
      overCommitted++
  }
  return {
    used: counts.filter(n => n > 0).length,
    maxTasks: Math.max(0, ...counts),
    minTasks: Math.min(...counts),
    overCommitted,
  }
}
