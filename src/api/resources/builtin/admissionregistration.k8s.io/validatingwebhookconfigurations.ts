import { webhookConfigurationRecord } from '../../group-records.js'

/** ValidatingWebhookConfiguration (admissionregistration.k8s.io): cluster-scoped. */
export default webhookConfigurationRecord(
  'ValidatingWebhookConfiguration',
  'validatingwebhookconfigurations'
)
