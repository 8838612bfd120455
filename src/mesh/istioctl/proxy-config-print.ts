import { parseSubsetKey, type ProxyConfig } from '../pilot/index.js'
import { tabWrite } from './tab-writer.js'

/** The sections `istioctl proxy-config` prints. */
export const PROXY_CONFIG_SECTIONS = ['clusters', 'listeners', 'routes', 'endpoints'] as const

/** A proxy-config section. */
export type ProxyConfigSection = (typeof PROXY_CONFIG_SECTIONS)[number]

/** Returns the section named by a user (`cluster`, `clusters`, `listener`, …), or undefined. */
export function sectionOf(word: string): ProxyConfigSection | undefined {
  return PROXY_CONFIG_SECTIONS.find((s) => s === word || s === `${word}s`)
}

/** Returns one section of a proxy's config as istioctl 1.0 prints it (a table, or JSON with -o json). */
export function printProxyConfig(
  cfg: ProxyConfig,
  section: ProxyConfigSection,
  json: boolean
): string {
  if (json) return `${JSON.stringify(cfg[section], null, 2)}\n`
  switch (section) {
    case 'clusters': {
      const rows = cfg.clusters.map((c) => {
        const k = parseSubsetKey(c.name)
        return k
          ? [k.hostname, String(k.port), k.subset || '-', k.direction, c.type]
          : [c.name, '-', '-', '-', c.type]
      })
      rows.sort(
        (a, b) =>
          a[0]!.localeCompare(b[0]!) ||
          Number(a[1]) - Number(b[1]) ||
          a[2]!.localeCompare(b[2]!) ||
          a[3]!.localeCompare(b[3]!)
      )
      return tabWrite([['SERVICE FQDN', 'PORT', 'SUBSET', 'DIRECTION', 'TYPE'], ...rows], 5)
    }
    case 'listeners':
      return tabWrite(
        [
          ['ADDRESS', 'PORT', 'TYPE'],
          ...cfg.listeners.map((l) => [l.address, String(l.port), l.protocol]),
        ],
        5
      )
    case 'routes':
      return (
        'NOTE: This output only contains routes loaded via RDS.\n' +
        tabWrite(
          [
            ['NAME', 'VIRTUAL HOSTS'],
            ...cfg.routes.map((r) => [r.name, String(r.virtualHosts.length)]),
          ],
          5
        )
      )
    case 'endpoints': {
      const rows = cfg.endpoints.flatMap((e) =>
        e.endpoints.map((x) => [`${x.ip}:${x.port}`, 'HEALTHY', e.clusterName])
      )
      return tabWrite([['ENDPOINT', 'STATUS', 'CLUSTER'], ...rows], 5)
    }
  }
}
