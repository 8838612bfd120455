import type { KubeObject } from '../../types.js'
import type { FieldError, NameFormat } from '../resource-info.js'

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
/**
 * Returns the metadata errors of an object: its name in the resource's format (DNS-1123 subdomain,
 * label for namespaces and services, a path segment for RBAC objects) and its labels.
 */
export function validateObjectMeta(
  obj: KubeObject,
  format: NameFormat = 'subdomain'
): FieldError[] {
  const errs: FieldError[] = []
  const name = obj.metadata.name ?? ''
  if (!name) {
    errs.push({
      field: 'metadata.name',
      message: 'Required value: name or generateName is required',
      reason: 'FieldValueRequired',
    })
  } else if (format === 'path') {
    if (name === '.' || name === '..' || /[/%]/.test(name))
      errs.push({
        field: 'metadata.name',
        message: `Invalid value: "${name}": may not contain '/' or '%'`,
      })
  } else if (
    format === 'label'
      ? !DNS1123_LABEL.test(name) || name.length > 63
      : !DNS1123_SUBDOMAIN.test(name) || name.length > 253
  ) {
    const what = format === 'label' ? 'RFC 1123 label' : 'RFC 1123 subdomain'
    errs.push({
      field: 'metadata.name',
      message: `Invalid value: "${name}": a lowercase ${what} must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    })
  }
  for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
    if (
      typeof v !== 'string' ||
      v.length > 63 ||
      !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v)
    ) {
      errs.push({
        field: 'metadata.labels',
        message: `Invalid value: ${JSON.stringify(v)}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
      })
    }
    if (
      !/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(
        k
      )
    ) {
      errs.push({
        field: 'metadata.labels',
        message: `Invalid value: "${k}": name part must consist of alphanumeric characters, '-', '_' or '.'`,
      })
    }
  }
  return errs
}
