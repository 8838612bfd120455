import { invalid } from '../../api/errors.js'
import type { ResourceInfo } from '../../api/resources/index.js'
import { isObject, type KubeObject } from '../../api/types.js'
import { labelSelectorFromObject } from '../../api/selectors/index.js'

/** One field error, as a Status cause. */
export interface FieldError {
  field: string
  message: string
  reason?: string
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
// Kinds whose names must be DNS-1123 labels (apimachinery ValidateNamespaceName & co.).
const LABEL_NAMED = new Set(['namespaces', 'services'])
// Kinds whose names are free-form path segments (rbac, events with dots are subdomains anyway).
const PATH_NAMED = new Set(['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'])

/** Returns the metadata errors of an object (name format, labels). */
function validateMeta(obj: KubeObject, info: ResourceInfo): FieldError[] {
  const errs: FieldError[] = []
  const name = obj.metadata.name ?? ''
  if (!name) {
    errs.push({
      field: 'metadata.name',
      message: 'Required value: name or generateName is required',
      reason: 'FieldValueRequired',
    })
  } else if (PATH_NAMED.has(info.resource)) {
    if (name === '.' || name === '..' || /[/%]/.test(name))
      errs.push({
        field: 'metadata.name',
        message: `Invalid value: "${name}": may not contain '/' or '%'`,
      })
  } else if (
    LABEL_NAMED.has(info.resource)
      ? !DNS1123_LABEL.test(name) || name.length > 63
      : !DNS1123_SUBDOMAIN.test(name) || name.length > 253
  ) {
    const what = LABEL_NAMED.has(info.resource) ? 'RFC 1123 label' : 'RFC 1123 subdomain'
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

function validatePodSpec(spec: unknown, path: string): FieldError[] {
  const errs: FieldError[] = []
  if (!isObject(spec))
    return [{ field: path, message: 'Required value', reason: 'FieldValueRequired' }]
  const containers = spec.containers
  if (!Array.isArray(containers) || containers.length === 0) {
    errs.push({
      field: `${path}.containers`,
      message: 'Required value',
      reason: 'FieldValueRequired',
    })
  }
  for (const key of ['containers', 'initContainers']) {
    const names = new Set<string>()
    const list = Array.isArray(spec[key]) ? spec[key] : []
    list.forEach((c, i) => {
      const f = `${path}.${key}[${i}]`
      if (!isObject(c)) return errs.push({ field: f, message: 'Invalid value: must be an object' })
      if (typeof c.name !== 'string' || !c.name)
        errs.push({ field: `${f}.name`, message: 'Required value', reason: 'FieldValueRequired' })
      else if (names.has(c.name))
        errs.push({
          field: `${f}.name`,
          message: `Duplicate value: "${c.name}"`,
          reason: 'FieldValueDuplicate',
        })
      else names.add(c.name)
      if (typeof c.image !== 'string' || !c.image)
        errs.push({ field: `${f}.image`, message: 'Required value', reason: 'FieldValueRequired' })
    })
  }
  return errs
}

function validateTemplateSelector(obj: KubeObject, path: string, required: boolean): FieldError[] {
  const spec = isObject(obj.spec) ? obj.spec : {}
  const errs: FieldError[] = []
  const tmpl = isObject(spec.template) ? spec.template : undefined
  errs.push(...validatePodSpec(tmpl?.spec, `${path}.template.spec`))
  if (!isObject(spec.selector)) {
    if (required)
      errs.push({
        field: `${path}.selector`,
        message: 'Required value',
        reason: 'FieldValueRequired',
      })
    return errs
  }
  const labels = (
    isObject(tmpl?.metadata) && isObject(tmpl.metadata.labels) ? tmpl.metadata.labels : {}
  ) as Record<string, string>
  try {
    const sel = labelSelectorFromObject(spec.selector)
    if (sel.isEmpty())
      errs.push({
        field: `${path}.selector`,
        message: 'Invalid value: empty selector is invalid for deployment',
      })
    else if (!sel.matches(labels)) {
      errs.push({
        field: `${path}.template.metadata.labels`,
        message: `Invalid value: ${JSON.stringify(labels)}: \`selector\` does not match template \`labels\``,
      })
    }
  } catch (err) {
    errs.push({ field: `${path}.selector`, message: (err as Error).message })
  }
  return errs
}

/** Throws 422 Invalid when an object is not valid for its resource (a subset of kube's validation). */
export function validateObject(obj: KubeObject, info: ResourceInfo, old?: KubeObject): void {
  const errs = validateMeta(obj, info)
  switch (info.storage) {
    case 'pods':
      errs.push(...validatePodSpec(obj.spec, 'spec'))
      break
    case 'deployments':
    case 'replicasets':
    case 'daemonsets':
    case 'statefulsets.apps':
      errs.push(...validateTemplateSelector(obj, 'spec', true))
      break
    case 'jobs.batch':
      errs.push(...validateTemplateSelector(obj, 'spec', false))
      break
    case 'services':
      if (
        !Array.isArray((obj.spec as Record<string, unknown> | undefined)?.ports) &&
        (obj.spec as Record<string, unknown> | undefined)?.clusterIP !== 'None'
      ) {
        errs.push({ field: 'spec.ports', message: 'Required value', reason: 'FieldValueRequired' })
      }
      // The NodePort allocation after validation needs objects (a `null` port used to be a 500).
      const ports: unknown = (obj.spec as Record<string, unknown> | undefined)?.ports
      for (const [i, p] of (Array.isArray(ports) ? ports : []).entries()) {
        if (!isObject(p))
          errs.push({ field: `spec.ports[${i}]`, message: 'Invalid value: must be an object' })
      }
      break
  }
  if (
    old &&
    ['deployments', 'replicasets', 'daemonsets', 'statefulsets.apps'].includes(info.storage) &&
    info.group === 'apps' &&
    info.version === 'v1'
  ) {
    const a = JSON.stringify((old.spec as Record<string, unknown> | undefined)?.selector)
    const b = JSON.stringify((obj.spec as Record<string, unknown> | undefined)?.selector)
    if (a !== b)
      errs.push({ field: 'spec.selector', message: `Invalid value: ${b}: field is immutable` })
  }
  if (errs.length) throw invalid(info.kind, info.group, obj.metadata.name ?? '', errs)
}
