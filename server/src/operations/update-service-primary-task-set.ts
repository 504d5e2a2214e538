/** UpdateServicePrimaryTaskSet: not built yet; answers UnsupportedFeatureException naming the operation. */
import { unsupported } from './unsupported.js'

export const updateServicePrimaryTaskSet = unsupported('UpdateServicePrimaryTaskSet')
