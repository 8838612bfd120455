import { namespacePrinter } from '../../../printers/index.js'
import { CONDITIONS, rootMeta } from '../../../patch/patch-meta.js'
import { NAME_FIELD, pathField } from '../../../selectors/selectable-field.js'
import { asObject, isObject, type KubeObject, type Obj } from '../../../types.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/**
 * Namespace (core): cluster-scoped; a delete turns it Terminating, and it stays until the
 * namespace controller has emptied it and removed `spec.finalizers` through `/finalize`.
 */
export default {
  group: '',
  kind: 'Namespace',
  resource: 'namespaces',
  namespaced: false,
  shortNames: ['ns'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  sub: { status: 'Namespace', finalize: 'Namespace' },
  served: [['v1', 0, LAST]],
  strategy: {
    statusSubresource: true,
    nameFormat: 'label',
    defaults: (obj) => {
      const spec = (isObject(obj.spec) ? obj.spec : (obj.spec = {})) as Obj
      if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes']
    },
    prepareForCreate: (obj) => {
      obj.status = { phase: 'Active' }
    },
    markDeleted: (old, now): KubeObject | undefined => {
      if (old.metadata.deletionTimestamp) return undefined
      const next = structuredClone(old)
      next.metadata.deletionTimestamp = now
      next.status = { ...asObject(next.status), phase: 'Terminating' }
      return next
    },
    pendingFinalizers: (obj) => {
      const spec = asObject(obj.spec)
      return Array.isArray(spec.finalizers) ? spec.finalizers : []
    },
  },
  printer: namespacePrinter,
  patchMeta: rootMeta({ status: { fields: { conditions: CONDITIONS } } }, { spec: {}, status: {} }),
  fields: [NAME_FIELD, pathField('status.phase')],
} satisfies ResourceRecord
