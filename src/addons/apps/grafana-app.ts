/** The grafana image's app on 3000: the lab's dashboards (not Grafana). */
import { grafanaServe, type GrafanaDeps } from '../dashboard/grafana-server.js'
import type { AddonAppFactory } from './addon-app.js'

/** Returns the grafana stand-in's app factory. */
export function grafanaApp(deps: GrafanaDeps): AddonAppFactory {
  return () => ({ handle: (req) => grafanaServe(deps, req) })
}
