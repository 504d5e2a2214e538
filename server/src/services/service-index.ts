/**
 * The services the scheduler's periodic pass visits, across accounts and regions: one
 * `scheduled-service` document per service, REPLICA or DAEMON (scope {@link SCHEDULER_SCOPE},
 * outside every account), written by CreateService in its own transaction (and, for services
 * stored before the index existed or before it held DAEMON services, by the store migration
 * "services in the scheduler's index", ../store/migrations.ts) and removed by the scheduler once
 * the service is gone or INACTIVE. The loop's lease lives in the same scope.
 */
import type { Scope, Transaction } from '../store/index.js'
import type { ServiceChange } from './service-changes.js'

export const SCHEDULER_SCOPE: Scope = { account: '', region: '' }

const keyOf = (s: ServiceChange) => `${s.scope.account}/${s.scope.region}/${s.cluster}/${s.name}`

/** Records that `service` is to be scheduled. */
export async function indexService(tx: Transaction, service: ServiceChange): Promise<void> {
  await tx.put(SCHEDULER_SCOPE, 'scheduled-service', keyOf(service), '', {
    account: service.scope.account,
    region: service.scope.region,
    cluster: service.cluster,
    name: service.name,
  })
}

/** Forgets `service`. */
export async function unindexService(tx: Transaction, service: ServiceChange): Promise<void> {
  await tx.delete(SCHEDULER_SCOPE, 'scheduled-service', keyOf(service))
}

/** Every indexed service. */
export async function indexedServices(tx: Transaction): Promise<ServiceChange[]> {
  const docs = await tx.list<{ account: string; region: string; cluster: string; name: string }>(
    SCHEDULER_SCOPE,
    'scheduled-service',
  )
  return docs.map(d => ({
    scope: { account: d.body.account, region: d.body.region },
    cluster: d.body.cluster,
    name: d.body.name,
  }))
}

/** The loop's lease: which process runs it, until when (epoch ms). */
interface Lease {
  readonly holder: string
  readonly expiresAt: number
}

/**
 * Takes or renews the lease for `holder` until `now + ttlMs` when it is free, expired or
 * already `holder`'s; true when `holder` holds it. In a serializable transaction, two processes
 * never both win.
 */
export async function takeLease(
  tx: Transaction,
  holder: string,
  now: number,
  ttlMs: number,
): Promise<boolean> {
  const doc = await tx.get<Lease>(SCHEDULER_SCOPE, 'scheduler-lease', 'service-scheduler')
  if (doc && doc.body.holder !== holder && doc.body.expiresAt > now) return false
  const lease: Lease = { holder, expiresAt: now + ttlMs }
  await tx.put(SCHEDULER_SCOPE, 'scheduler-lease', 'service-scheduler', '', lease)
  return true
}

/** Gives the lease up when `holder` has it. */
export async function releaseLease(tx: Transaction, holder: string): Promise<void> {
  const doc = await tx.get<Lease>(SCHEDULER_SCOPE, 'scheduler-lease', 'service-scheduler')
  if (doc?.body.holder === holder)
    await tx.delete(SCHEDULER_SCOPE, 'scheduler-lease', 'service-scheduler')
}
