import { deploymentPrinter } from '../../../printers/index.js'
import { CONDITIONS } from '../../../patch/patch-meta.js'
import { workloadMeta } from '../../patch-meta/pod-template-meta.js'
import { isObject } from '../../../types.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'
import { workloadStrategy } from '../../strategies/workload-strategy.js'
import { defaultDeployment } from '../../defaults/workload-defaults.js'

/** Deployment (apps; extensions/v1beta1 serves the same objects): namespaced, scalable, with the deployments strategy. */
export default {
  group: 'apps',
  kind: 'Deployment',
  resource: 'deployments',
  namespaced: true,
  shortNames: ['deploy'],
  all: true,
  sub: { status: 'Deployment', scale: ['Scale', 'autoscaling', 'v1'] },
  storage: 'deployments',
  served: [
    ['v1', 9, LAST],
    ['v1beta2', 8, 15],
    ['v1beta1', 6, 15],
  ],
  strategy: {
    ...workloadStrategy(defaultDeployment),
    // Only extensions/v1beta1 has spec.rollbackTo.
    convert: (obj) => {
      if (obj.apiVersion === 'extensions/v1beta1' || !isObject(obj.spec)) return obj
      const { rollbackTo: _r, ...spec } = obj.spec
      return { ...obj, spec }
    },
  },
  printer: deploymentPrinter,
  patchMeta: workloadMeta(
    { strategy: { patchStrategy: 'retainKeys' } },
    { conditions: CONDITIONS },
    { strategy: {} }
  ),
} satisfies ResourceRecord
