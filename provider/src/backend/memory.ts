/**
 * An in-memory backend that behaves like ECS for what the provider needs (ARNs, revisions,
 * defaults, not-found answers). It is a TEST SEAM: selected only by the environment variable
 * QUAYSIDE_PROVIDER_BACKEND=memory[:<file>] that the provider's tests set. With a file, the state
 * is loaded before and saved after every call, so consecutive terraform runs (each one a new
 * provider process) see the same objects.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { backendError, waitFailed } from '../errors.js'
import type {
  AccountSettingDefaultModel,
  ClusterModel,
  ContainerInstanceAttributesModel,
  ServiceModel,
  TaskDefinitionModel,
} from '../generated/schemas.js'
import type { Backends } from './types.js'

/** What the memory backend holds; also its file format. */
export interface MemoryState {
  clusters: Record<string, ClusterModel>
  taskDefinitions: Record<string, TaskDefinitionModel & { status?: string }>
  revisions: Record<string, number>
  services: Record<string, ServiceModel>
  attributes: Record<string, { name?: string; value?: string }[]>
  accountSettings: Record<string, AccountSettingDefaultModel>
}

const ACCOUNT = '000000000000'

function emptyState(): MemoryState {
  return {
    clusters: {},
    taskDefinitions: {},
    revisions: {},
    services: {},
    attributes: {},
    accountSettings: {},
  }
}

/** `value` without the named members. */
function omit<T extends object>(value: T, keys: readonly (keyof T)[]): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([key]) => !keys.includes(key as keyof T)),
  ) as Partial<T>
}

function copy<T>(value: T): T {
  return structuredClone(value)
}

/** The last path part of an ARN (`arn:...:cluster/web` -> `web`), or the text itself. */
function lastPart(nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? (nameOrArn.split('/').pop() ?? nameOrArn) : nameOrArn
}

/** Memory backends over one state; `file` makes the state outlive the process. */
export function createMemoryBackends(
  region: string,
  file?: string,
): Backends & { state(): MemoryState } {
  let memory = emptyState()
  const arn = (resource: string) => `arn:aws:ecs:${region}:${ACCOUNT}:${resource}`

  function load(): MemoryState {
    if (file !== undefined && existsSync(file)) {
      memory = {
        ...emptyState(),
        ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<MemoryState>),
      }
    }
    return memory
  }
  function save(): void {
    if (file !== undefined) writeFileSync(file, JSON.stringify(memory, null, 2))
  }
  /** Runs a mutation against freshly loaded state and saves it. */
  function change<T>(fn: (state: MemoryState) => T): Promise<T> {
    try {
      const result = fn(load())
      save()
      return Promise.resolve(copy(result))
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
  }
  function look<T>(fn: (state: MemoryState) => T): Promise<T> {
    return Promise.resolve(copy(fn(load())))
  }
  function clusterName(state: MemoryState, cluster: string | undefined): string {
    const name = lastPart(cluster ?? 'default')
    if (!state.clusters[name]) throw backendError('ClusterNotFoundException', 'Cluster not found.')
    return name
  }
  function findTaskDefinition(state: MemoryState, ref: string) {
    const id = lastPart(ref)
    if (id.includes(':')) return state.taskDefinitions[arn(`task-definition/${id}`)]
    const revisions = Object.values(state.taskDefinitions)
      .filter(td => td.family === id && td.status === 'ACTIVE')
      .sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0))
    return revisions[0]
  }

  return {
    state: () => copy(load()),
    cluster: {
      create: input =>
        change(state => {
          const name = input.clusterName ?? 'default'
          state.clusters[name] = { ...input, clusterName: name, clusterArn: arn(`cluster/${name}`) }
          return state.clusters[name]
        }),
      read: cluster => look(state => state.clusters[lastPart(cluster)]),
      update: (cluster, input) =>
        change(state => {
          const name = clusterName(state, cluster)
          const updated = {
            ...state.clusters[name],
            settings: input.settings ?? [],
            tags: input.tags ?? [],
          }
          state.clusters[name] = updated
          return updated
        }),
      delete: cluster =>
        change(state => {
          const name = clusterName(state, cluster)
          if (Object.values(state.services).some(s => s.clusterArn === arn(`cluster/${name}`))) {
            throw backendError(
              'ClusterContainsServicesException',
              'The cluster cannot be deleted while services are active.',
            )
          }
          Reflect.deleteProperty(state.clusters, name)
        }),
    },
    taskDefinition: {
      create: input =>
        change(state => {
          const family = input.family ?? ''
          if (!/^[A-Za-z0-9_-]{1,255}$/.test(family)) {
            throw backendError('ClientException', 'Family contains invalid characters.')
          }
          const revision = (state.revisions[family] ?? 0) + 1
          state.revisions[family] = revision
          const taskDefinitionArn = arn(`task-definition/${family}:${revision}`)
          const registered = {
            networkMode: 'bridge',
            ...input,
            taskDefinitionArn,
            revision,
            status: 'ACTIVE',
          }
          state.taskDefinitions[taskDefinitionArn] = registered
          return registered
        }),
      read: ref =>
        look(state => {
          const found = findTaskDefinition(state, ref)
          return found?.status === 'ACTIVE' ? found : undefined
        }),
      delete: ref =>
        change(state => {
          const found = findTaskDefinition(state, ref)
          if (!found) throw backendError('ClientException', 'Unable to describe task definition.')
          found.status = 'INACTIVE'
        }),
    },
    service: {
      create: input =>
        change(state => {
          const cluster = clusterName(state, input.cluster)
          const name = input.serviceName ?? ''
          const key = `${cluster}/${name}`
          if (state.services[key]) {
            throw backendError(
              'InvalidParameterException',
              'Creation of service was not idempotent.',
            )
          }
          const taskDefinition =
            input.taskDefinition === undefined
              ? undefined
              : findTaskDefinition(state, input.taskDefinition)
          if (input.taskDefinition !== undefined && taskDefinition?.status !== 'ACTIVE') {
            throw backendError('ClientException', 'TaskDefinition not found.')
          }
          const rest = omit(input, ['cluster'])
          const created: ServiceModel = {
            desiredCount: 0,
            launchType: 'EC2',
            schedulingStrategy: 'REPLICA',
            ...rest,
            deploymentConfiguration: {
              maximumPercent: 200,
              minimumHealthyPercent: 100,
              ...input.deploymentConfiguration,
            },
            clusterArn: arn(`cluster/${cluster}`),
            serviceArn: arn(`service/${cluster}/${name}`),
            ...(taskDefinition?.taskDefinitionArn === undefined
              ? {}
              : { taskDefinition: taskDefinition.taskDefinitionArn }),
          }
          state.services[key] = created
          return created
        }),
      read: (cluster, service) =>
        look(state => state.services[`${lastPart(cluster)}/${lastPart(service)}`]),
      update: (cluster, service, input) =>
        change(state => {
          const key = `${clusterName(state, cluster)}/${lastPart(service)}`
          const existing = state.services[key]
          if (!existing) throw backendError('ServiceNotFoundException', 'Service not found.')
          const rest = omit(input, ['cluster', 'serviceName'])
          const taskDefinition =
            input.taskDefinition === undefined
              ? undefined
              : findTaskDefinition(state, input.taskDefinition)
          const updated: ServiceModel = {
            ...existing,
            ...rest,
            deploymentConfiguration: {
              ...existing.deploymentConfiguration,
              ...input.deploymentConfiguration,
            },
            ...(taskDefinition?.taskDefinitionArn === undefined
              ? {}
              : { taskDefinition: taskDefinition.taskDefinitionArn }),
          }
          state.services[key] = updated
          return updated
        }),
      // the memory backend runs no tasks: a service it holds is as stable as it will get
      waitStable: async (cluster, service) => {
        const key = `${lastPart(cluster)}/${lastPart(service)}`
        if (!(await look(state => key in state.services))) {
          throw waitFailed(`service ${service} does not exist (DescribeServices answers MISSING)`)
        }
      },
      // deletion is immediate here, so there is no drain to wait for
      delete: (cluster, service) =>
        change(state => {
          const key = `${lastPart(cluster)}/${lastPart(service)}`
          if (!state.services[key])
            throw backendError('ServiceNotFoundException', 'Service not found.')
          Reflect.deleteProperty(state.services, key)
        }),
    },
    containerInstanceAttributes: {
      create: input => change(state => putAttributes(state, input)),
      read: (cluster, instance) =>
        look(state => {
          const attributes = state.attributes[`${lastPart(cluster)}/${lastPart(instance)}`]
          return attributes ? { cluster, targetId: instance, attributes } : undefined
        }),
      update: input => change(state => putAttributes(state, input)),
      delete: (cluster, instance, names) =>
        change(state => {
          const key = `${lastPart(cluster)}/${lastPart(instance)}`
          const left = (state.attributes[key] ?? []).filter(a => !names.includes(a.name ?? ''))
          if (left.length === 0) Reflect.deleteProperty(state.attributes, key)
          else state.attributes[key] = left
        }),
    },
    accountSettingDefault: {
      create: input => change(state => putSetting(state, input)),
      read: name => look(state => state.accountSettings[name]),
      update: input => change(state => putSetting(state, input)),
      delete: name =>
        change(state => {
          Reflect.deleteProperty(state.accountSettings, name)
        }),
    },
  }

  function putAttributes(state: MemoryState, input: ContainerInstanceAttributesModel) {
    const cluster = clusterName(state, input.cluster)
    const instance = lastPart(input.targetId ?? '')
    if (instance === '') throw backendError('InvalidParameterException', 'targetId is required.')
    state.attributes[`${cluster}/${instance}`] = input.attributes ?? []
    return { ...input, attributes: input.attributes ?? [] }
  }
  function putSetting(state: MemoryState, input: AccountSettingDefaultModel) {
    const name = input.name ?? ''
    const setting = { ...input, principalArn: `arn:aws:iam::${ACCOUNT}:root` }
    state.accountSettings[name] = setting
    return setting
  }
}
