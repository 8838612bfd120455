import { parse } from 'yaml'
import { isObject } from '../api/types.js'

/**
 * The sidecar injector configuration of Istio 1.0 (`inject.Config`): ConfigMap
 * `istio-sidecar-injector` holds one key, `config`, whose YAML has `policy` and `template`.
 */

/** Injection policies Istio 1.0 knows; any other string never injects. */
export const InjectionPolicies = { Enabled: 'enabled', Disabled: 'disabled' } as const

/** The injector configuration: the namespace-wide policy and the sidecar template. */
export interface SidecarInjectorConfig {
  /** `enabled`, `disabled`, or anything else (which never injects). */
  policy: string
  /** A Go text/template with `[[ ]]` delimiters, rendered into a SidecarInjectionSpec. */
  template: string
}

/** Returns the injector config held by the ConfigMap's data; throws when it cannot be read. */
export function parseInjectorConfigMap(data: Record<string, string>): SidecarInjectorConfig {
  const text = data['config']
  if (text === undefined) {
    throw new Error(
      'failed to read injection config: ConfigMap istio-sidecar-injector has no "config" key'
    )
  }
  return parseInjectorConfig(text)
}

/** Returns the injector config of the `config` YAML text (unknown fields are ignored, as in Go). */
export function parseInjectorConfig(text: string): SidecarInjectorConfig {
  let doc: unknown
  try {
    doc = parse(text, { version: '1.1' }) ?? {}
  } catch (err) {
    throw new Error(`failed to read injection config: ${(err as Error).message}`, { cause: err })
  }
  if (!isObject(doc)) throw new Error('failed to read injection config: config is not a YAML map')
  const str = (key: string): string => {
    const v = doc[key]
    if (v === undefined || v === null) return ''
    if (typeof v === 'object')
      throw new Error(`failed to read injection config: ${key} must be a string`)
    return String(v)
  }
  return { policy: str('policy'), template: str('template') }
}
