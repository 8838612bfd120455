/** The resource ref of apiextensions.k8s.io/v1beta1 CustomResourceDefinitions (cluster-scoped). */
export const CRD_V1BETA1 = {
  apiVersion: 'apiextensions.k8s.io/v1beta1',
  resource: 'customresourcedefinitions',
  namespaced: false,
}
