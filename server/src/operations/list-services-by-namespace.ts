/** ListServicesByNamespace: not built yet; answers UnsupportedFeatureException naming the operation. */
import { unsupported } from './unsupported.js'

export const listServicesByNamespace = unsupported('ListServicesByNamespace')
