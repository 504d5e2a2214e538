/** CreateExpressGatewayService: not built yet; answers UnsupportedFeatureException naming the operation. */
import { unsupported } from './unsupported.js'

export const createExpressGatewayService = unsupported('CreateExpressGatewayService')
