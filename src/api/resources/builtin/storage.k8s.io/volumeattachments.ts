import { asObject } from '../../../types.js'
import type { FieldError } from '../../resource-info.js'
import { v1AfterV1beta1 } from '../../group-records.js'
import type { ResourceRecord } from '../../resource-record.js'

const required = (field: string): FieldError => ({
  field,
  message: 'Required value',
  reason: 'FieldValueRequired',
})

/**
 * VolumeAttachment (storage.k8s.io): cluster-scoped; the attach/detach controller's request that
 * a volume be attached to a node (storage.k8s.io/v1beta1 from 1.10, v1 from 1.13). Validation as
 * 1.11's ValidateVolumeAttachment: an attacher, a node and one source.
 */
export default {
  group: 'storage.k8s.io',
  kind: 'VolumeAttachment',
  resource: 'volumeattachments',
  namespaced: false,
  served: v1AfterV1beta1(13, 10),
  strategy: {
    validate: (obj) => {
      const spec = asObject(obj.spec)
      const errs: FieldError[] = []
      if (typeof spec.attacher !== 'string' || !spec.attacher) errs.push(required('spec.attacher'))
      if (typeof spec.nodeName !== 'string' || !spec.nodeName) errs.push(required('spec.nodeName'))
      const source = asObject(spec.source)
      if (typeof source.persistentVolumeName !== 'string' || !source.persistentVolumeName)
        errs.push({
          field: 'spec.source',
          message: 'Required value: must specify exactly one of persistentVolumeName',
          reason: 'FieldValueRequired',
        })
      return errs
    },
  },
} satisfies ResourceRecord
