import { labelSelectorFromObject } from '../../../selectors/label-selector-object.js'
import { asObject } from '../../../types.js'
import type { ResourceRecord } from '../../resource-record.js'

/**
 * PodPreset (settings.k8s.io/v1alpha1, 1.6 to 1.19): namespaced; an alpha API, served only when
 * kube-apiserver's `--runtime-config` enables `settings.k8s.io/v1alpha1` (the PodPreset admission
 * plugin that applies presets to pods is not emulated).
 */
export default {
  group: 'settings.k8s.io',
  kind: 'PodPreset',
  resource: 'podpresets',
  namespaced: true,
  served: [['v1alpha1', 6, 19]],
  disabledByDefault: true,
  strategy: {
    validate: (obj) => {
      const spec = asObject(obj.spec)
      if (spec.selector === undefined) return []
      try {
        labelSelectorFromObject(spec.selector)
        return []
      } catch (err) {
        return [{ field: 'spec.selector', message: (err as Error).message }]
      }
    },
  },
} satisfies ResourceRecord
