/** ListDaemonTaskDefinitions: not built yet; answers UnsupportedFeatureException naming the operation. */
import { unsupported } from './unsupported.js'

export const listDaemonTaskDefinitions = unsupported('ListDaemonTaskDefinitions')
