/** CreateTaskSet: not built yet; answers UnsupportedFeatureException naming the operation. */
import { unsupported } from './unsupported.js'

export const createTaskSet = unsupported('CreateTaskSet')
