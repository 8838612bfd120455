import { servicePrinter } from '../../../printers/index.js'
import { ATOMIC_MAP, CONDITIONS, rootMeta } from '../../../patch/patch-meta.js'
import { byPortAndProtocol } from '../../patch-meta/pod-template-meta.js'
import { OBJECT_META_FIELDS, pathField } from '../../../selectors/selectable-field.js'
import { StatusError } from '../../../errors.js'
import { asObject, isObject, type Obj } from '../../../types.js'
import { defaultService } from '../../defaults/service-defaults.js'
import type { FieldError } from '../../resource-info.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** Service (core): namespaced; a ClusterIP and NodePorts are allocated on create and type changes. */
export default {
  group: '',
  kind: 'Service',
  resource: 'services',
  namespaced: true,
  shortNames: ['svc'],
  all: true,
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  sub: { status: 'Service', proxy: 'ServiceProxyOptions' },
  served: [['v1', 0, LAST]],
  strategy: {
    statusSubresource: true,
    nameFormat: 'label',
    defaults: (obj) => defaultService(obj),
    prepareForCreate: (obj) => {
      obj.status = { loadBalancer: {} }
    },
    validate: (obj) => {
      const errs: FieldError[] = []
      const spec = obj.spec as Obj | undefined
      if (!Array.isArray(spec?.ports) && spec?.clusterIP !== 'None')
        errs.push({ field: 'spec.ports', message: 'Required value', reason: 'FieldValueRequired' })
      // The NodePort allocation after validation needs objects (a `null` port used to be a 500).
      const ports: unknown = spec?.ports
      for (const [i, p] of (Array.isArray(ports) ? ports : []).entries()) {
        if (!isObject(p))
          errs.push({ field: `spec.ports[${i}]`, message: 'Invalid value: must be an object' })
      }
      return errs
    },
    allocate: (obj, old, ctx) => ctx.allocator.allocate(obj, old, ctx.list('services')),
    // A port of the Service (the first unless named or numbered) at its cluster IP.
    proxyTarget: (obj, rawName, port) => {
      const spec = asObject(obj.spec)
      const noEndpoints = `no endpoints available for service "${rawName}"`
      const host = String(spec.clusterIP ?? '')
      const ports = Array.isArray(spec.ports) ? spec.ports.filter(isObject) : []
      const p = port ? ports.find((x) => x.name === port || String(x.port) === port) : ports[0]
      if (!p || !host || host === 'None')
        throw new StatusError(503, 'ServiceUnavailable', noEndpoints)
      return { host, port: String(p.port), what: 'service', refused: noEndpoints }
    },
  },
  printer: servicePrinter,
  patchMeta: rootMeta(
    {
      spec: { fields: { ports: byPortAndProtocol('port'), selector: ATOMIC_MAP } },
      status: { fields: { conditions: CONDITIONS } },
    },
    { spec: {}, status: { loadBalancer: {} } }
  ),
  fields: [
    ...OBJECT_META_FIELDS,
    pathField('spec.clusterIP', 'string', 30),
    pathField('spec.type', 'string', 31),
  ],
} satisfies ResourceRecord
