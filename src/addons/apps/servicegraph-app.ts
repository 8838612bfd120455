/** The servicegraph image's app on 8088. */
import type { MetricsSource } from '../promql/metrics-source.js'
import { servicegraphServe } from '../servicegraph/servicegraph-server.js'
import type { AddonAppFactory } from './addon-app.js'

/** Returns the servicegraph app factory; `source()` is the real Prometheus or the lab's store. */
export function servicegraphApp(source: () => MetricsSource): AddonAppFactory {
  return () => ({ handle: (req) => servicegraphServe(source, req) })
}
