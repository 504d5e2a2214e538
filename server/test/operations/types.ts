/**
 * Type tests of the typed handlers. `npm run build` type-checks this file (tsconfig.tests.json):
 * each `@ts-expect-error` below fails the build if the mistake under it stops being a compile
 * error, and the expect-type assertions pin the registry's types. At run time it checks that the
 * built set holds the handlers the operation files export.
 */
import type {
  CreateClusterRequest,
  CreateClusterResponse,
  OperationRequest,
  OperationResponse,
} from '@quayside/openapi/types'
import { expectTypeOf } from 'expect-type'
import t from 'tap'
import type { BuiltOperations, Handler, OperationContext } from '../../src/operations/context.js'
import { createCluster } from '../../src/operations/create-cluster.js'
import { builtOperations } from '../../src/operations/index.js'
import { listClusters } from '../../src/operations/list-clusters.js'

/** Never called: a handler written the house way whose answer has a member the spec lacks. */
export async function answersAnUnknownMember(
  input: CreateClusterRequest,
  { store, scope }: OperationContext,
): Promise<CreateClusterResponse> {
  const found = await store.transaction(tx => tx.get(scope, 'cluster', input.clusterName ?? ''))
  // @ts-expect-error `clusters` is not a member of CreateClusterResponse (it has `cluster`)
  return { cluster: { clusterName: found?.id ?? '' }, clusters: [] }
}

/** Never called: the same mistake inside a transaction, whose callback names the response type. */
export function answersAnUnknownMemberInATransaction(
  input: CreateClusterRequest,
  { store, scope }: OperationContext,
): Promise<CreateClusterResponse> {
  return store.transaction(async (tx): Promise<CreateClusterResponse> => {
    const found = await tx.get(scope, 'cluster', input.clusterName ?? '')
    // @ts-expect-error `failures` is not a member of CreateClusterResponse
    return { cluster: { clusterName: found?.id ?? '' }, failures: [] }
  })
}

/** Never called: reading a misspelt or a mistyped input member. */
export function readsTheInputWrong(input: CreateClusterRequest): string {
  // @ts-expect-error CreateClusterRequest has `clusterName`, not `clusterNme`
  const misspelt: unknown = input.clusterNme
  // @ts-expect-error `capacityProviders` is a list of strings, not a string
  const mistyped: string | undefined = input.capacityProviders
  return String(misspelt) + String(mistyped)
}

/** Never called: the registry refuses a handler under the wrong name or an unknown name. */
export function registersWrongly(): BuiltOperations[] {
  const misfiled: BuiltOperations = {
    // @ts-expect-error ListClusters's handler answers ListClustersResponse, not CreateCluster's
    CreateCluster: listClusters,
  }
  const misspelt: BuiltOperations = {
    // @ts-expect-error no operation is called CreateClustr
    CreateClustr: createCluster,
  }
  return [misfiled, misspelt]
}

expectTypeOf<Handler<'CreateCluster'>>().toEqualTypeOf<
  (input: CreateClusterRequest, context: OperationContext) => Promise<CreateClusterResponse>
>()
expectTypeOf<Parameters<Handler<'RunTask'>>[0]>().toEqualTypeOf<OperationRequest<'RunTask'>>()
expectTypeOf<ReturnType<Handler<'RunTask'>>>().toEqualTypeOf<
  Promise<OperationResponse<'RunTask'>>
>()
expectTypeOf(createCluster).toExtend<Handler<'CreateCluster'>>()
expectTypeOf(builtOperations.CreateCluster).toEqualTypeOf<Handler<'CreateCluster'> | undefined>()

t.test('the built set holds the handlers the operation files export', t => {
  t.equal(builtOperations.CreateCluster, createCluster)
  t.equal(builtOperations.ListClusters, listClusters)
  t.end()
})
