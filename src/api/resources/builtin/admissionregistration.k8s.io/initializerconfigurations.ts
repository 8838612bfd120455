import { mergeBy, rootMeta } from '../../../patch/patch-meta.js'
import { goQuote, isDns1123Subdomain } from '../../../selectors/label-validation.js'
import { asObject } from '../../../types.js'
import type { FieldError } from '../../resource-info.js'
import type { ResourceRecord } from '../../resource-record.js'

const required = (field: string): FieldError => ({
  field,
  message: 'Required value',
  reason: 'FieldValueRequired',
})

const invalid = (field: string, value: string, why: string): FieldError => ({
  field,
  message: `Invalid value: ${goQuote(value)}: ${why}`,
  reason: 'FieldValueInvalid',
})

// IsFullyQualifiedName: a DNS-1123 subdomain of at least three dot-separated segments.
function fullyQualified(field: string, name: unknown): FieldError[] {
  if (typeof name !== 'string' || name === '') return [required(field)]
  const errs = isDns1123Subdomain(name)
  if (errs.length > 0) return [invalid(field, name, errs.join(','))]
  if (name.split('.').length < 3)
    return [
      invalid(field, name, 'should be a domain with at least three segments separated by dots'),
    ]
  return []
}

// validateRule: a rule names its groups, versions and resources.
function ruleErrors(rule: unknown, field: string): FieldError[] {
  const r = asObject(rule)
  const missing = (k: string) => !Array.isArray(r[k]) || (r[k] as unknown[]).length === 0
  return ['apiGroups', 'apiVersions', 'resources']
    .filter(missing)
    .map((k) => required(`${field}.${k}`))
}

/**
 * InitializerConfiguration (admissionregistration.k8s.io/v1alpha1): cluster-scoped; which
 * initializers (alpha, 1.7 to 1.13) a new object of some resources waits for. Off unless
 * `--runtime-config=admissionregistration.k8s.io/v1alpha1=true`; 1.11 has no printer for it
 * (Name, Created At); `initializers` merges by name. Validation as 1.11's
 * ValidateInitializerConfiguration.
 */
export default {
  group: 'admissionregistration.k8s.io',
  kind: 'InitializerConfiguration',
  resource: 'initializerconfigurations',
  namespaced: false,
  served: [['v1alpha1', 7, 13]],
  disabledByDefault: true,
  patchMeta: rootMeta({ initializers: mergeBy('name') }),
  strategy: {
    validate: (obj) => {
      const initializers: unknown = obj.initializers
      return (Array.isArray(initializers) ? initializers : []).flatMap((init: unknown, i) => {
        const at = `initializers[${i}]`
        const x = asObject(init)
        const rules: unknown = x.rules
        return [
          ...fullyQualified(`${at}.name`, x.name),
          ...(Array.isArray(rules) ? rules : []).flatMap((r: unknown, j) =>
            ruleErrors(r, `${at}.rules[${j}]`)
          ),
        ]
      })
    },
  },
} satisfies ResourceRecord
