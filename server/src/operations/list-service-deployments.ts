/** ListServiceDeployments: not built yet; answers UnsupportedFeatureException naming the operation. */
import { unsupported } from './unsupported.js'

export const listServiceDeployments = unsupported('ListServiceDeployments')
