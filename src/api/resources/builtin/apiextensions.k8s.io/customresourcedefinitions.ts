import { syncCrd } from '../../crd-resources.js'
import { v1AfterV1beta1 } from '../../group-records.js'
import type { ResourceRecord } from '../../resource-record.js'
import { statusStrategy } from '../../strategies/status-strategy.js'

/**
 * CustomResourceDefinition (apiextensions.k8s.io): cluster-scoped; writing one changes what the
 * server serves at once (the crdHandler's informer), its status conditions are set by the
 * crd-established controller.
 */
export default {
  group: 'apiextensions.k8s.io',
  kind: 'CustomResourceDefinition',
  resource: 'customresourcedefinitions',
  namespaced: false,
  shortNames: ['crd', 'crds'],
  sub: { status: 'CustomResourceDefinition' },
  served: v1AfterV1beta1(16, 7),
  strategy: statusStrategy(undefined, undefined, {
    afterWrite: (crd, deleted, ctx) => syncCrd(ctx.catalog, crd, deleted),
  }),
} satisfies ResourceRecord
