import { LAST, type ResourceRecord } from '../../resource-record.js'

/** MutatingWebhookConfiguration (admissionregistration.k8s.io): cluster-scoped. */
export default {
  group: 'admissionregistration.k8s.io',
  kind: 'MutatingWebhookConfiguration',
  resource: 'mutatingwebhookconfigurations',
  namespaced: false,
  served: [
    ['v1', 16, LAST],
    ['v1beta1', 9, 21],
  ],
} satisfies ResourceRecord
