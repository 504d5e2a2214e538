/**
 * CreateService's `clientToken`: a repeated token with the same parameters answers the service
 * the first call created, as it is now, and creates nothing; with other parameters it is refused
 * as ECS refuses a second service of that name ("Creation of service was not idempotent.").
 * The token's record is written in the transaction that saves the service.
 */
import type { CreateServiceResponse } from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { findService, renderService, serviceTasks } from '../resources/services.js'
import type { Scope, Transaction } from '../store/index.js'
import { newRecord, type TokenClaim } from './client-token.js'
import { verdictOf, writeRecord } from './token-records.js'

/**
 * CreateService's answer for a token already used in `cluster`, or undefined when the call is to
 * create its service (no token, a new one, or one whose service is no longer stored).
 */
export async function replayCreateService(
  tx: Transaction,
  scope: Scope,
  claim: TokenClaim | undefined,
  cluster: string,
): Promise<CreateServiceResponse | undefined> {
  if (claim === undefined) return undefined
  const verdict = await verdictOf(tx, scope, claim, cluster, Date.now())
  if (verdict.kind === 'fresh') return undefined
  if (verdict.kind === 'conflict')
    throw errors.invalidParameter('Creation of service was not idempotent.')
  const arn = verdict.record.resourceIds[0]
  const service = arn === undefined ? undefined : await findService(tx, scope, cluster, arn)
  if (service === undefined) return undefined
  const tasks = await serviceTasks(tx, scope, cluster, service.serviceName)
  return { service: renderService(service, tasks, ['TAGS']) }
}

/** Records that `claim`'s call created the service `serviceArn`, in the same transaction. */
export async function recordCreateService(
  tx: Transaction,
  scope: Scope,
  claim: TokenClaim | undefined,
  cluster: string,
  serviceArn: string,
): Promise<void> {
  if (claim === undefined) return
  await writeRecord(tx, scope, claim, cluster, newRecord(claim, Date.now(), [serviceArn]))
}
