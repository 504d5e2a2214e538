/**
 * @quayside/cdktf: CDK for Terraform constructs for the quayside provider, one namespace per
 * resource and data source, as `cdktf get` lays them out:
 *
 * ```ts
 * import { provider, cluster, taskDefinition, service } from '@quayside/cdktf'
 * new provider.QuaysideProvider(stack, 'quayside', { endpoint: 'http://127.0.0.1:4100' })
 * new cluster.Cluster(stack, 'main', { name: 'main' })
 * ```
 *
 * The classes are generated from the provider's schema (src/generated/, `npm run generate`);
 * this file only re-exports them.
 */
export * from './generated/providers/quayside/index'
