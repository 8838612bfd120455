import { BUILTIN_RECORDS } from './builtin-records.js'
import type { ResourceRecord } from './resource-record.js'

/**
 * Returns what a kube-apiserver `--runtime-config` (a kind config's `runtimeConfig`) turns on
 * besides the defaults: each `<group>/<version>=true`, and every alpha group/version of the records
 * for `api/all=true` or `api/alpha=true`. A `false` turns nothing off here: the lab serves no
 * group/version a default kube-apiserver would not. Values were checked by the topology.
 */
export function runtimeConfigEnabled(
  runtimeConfig: Readonly<Record<string, string>>,
  records: readonly ResourceRecord[] = BUILTIN_RECORDS
): string[] {
  const on = (v: string | undefined) => v !== undefined && v !== 'false'
  const out = new Set<string>()
  if (on(runtimeConfig['api/all']) || on(runtimeConfig['api/alpha']))
    for (const r of records)
      if (r.disabledByDefault)
        for (const [version] of r.served) out.add(r.group ? `${r.group}/${version}` : version)
  for (const [key, value] of Object.entries(runtimeConfig))
    if (!key.startsWith('api/') && on(value)) out.add(key)
  return [...out].sort()
}
