/** DescribeServices: not built yet; answers UnsupportedFeatureException naming the operation. */
import { unsupported } from './unsupported.js'

export const describeServices = unsupported('DescribeServices')
