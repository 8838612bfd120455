import type { KubeObject } from '../../api/types.js'
import type { Obj } from './dig.js'

/**
 * Returns the apiextensions.k8s.io/v1beta1 CRD of namespaced `widgets.example.com` (kind Widget,
 * version v1); `shortNames` and `spec` are added to its names and spec.
 */
export function widgetsCrd(o: { shortNames?: string[]; spec?: Obj } = {}): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      version: 'v1',
      scope: 'Namespaced',
      names: {
        plural: 'widgets',
        singular: 'widget',
        kind: 'Widget',
        ...(o.shortNames ? { shortNames: o.shortNames } : {}),
      },
      ...o.spec,
    },
  }
}
