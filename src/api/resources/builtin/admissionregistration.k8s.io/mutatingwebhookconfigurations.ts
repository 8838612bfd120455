import { webhookConfigurationRecord } from '../../group-records.js'

/** MutatingWebhookConfiguration (admissionregistration.k8s.io): cluster-scoped. */
export default webhookConfigurationRecord(
  'MutatingWebhookConfiguration',
  'mutatingwebhookconfigurations'
)
