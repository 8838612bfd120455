/**
 * @module printers: the Table printers of built-in resources (kube-apiserver's
 * pkg/printers/internalversion), pure functions over objects; each resource record names its own.
 */
export type {
  Printer,
  PrintContext,
  PrinterOptions,
  PrinterSpec,
  RestartsStyle,
} from './printer.js'
export { resolvePrinter } from './printer.js'
export type { TableCell, TableColumnDefinition, TableRowCondition } from './table-columns.js'
export { column, nameColumn, ageColumn } from './table-columns.js'
export { namedPrinter, type NamedPrinterParts } from './named-printer.js'
export { humanDuration, ageSince, parseTimestamp, rfc3339 } from './human-duration.js'
export { at, str, num, list, rec, strMap } from './fields.js'
export { formatLabels, formatLabelSelector } from './selectors.js'
export { newPodPrinter } from './pod-printer.js'
export { nodePrinter } from './node-printer.js'
export { eventPrinter } from './event-printer.js'
export { hpaPrinter } from './hpa-printer.js'
export { jobPrinter, cronJobPrinter } from './batch-printers.js'
export { endpointsPrinter, servicePrinter } from './service-printers.js'
export { ingressClassPrinter, ingressPrinter, networkPolicyPrinter } from './network-printers.js'
export {
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  storageClassPrinter,
} from './storage-printers.js'
export {
  apiServicePrinter,
  componentStatusPrinter,
  podDisruptionBudgetPrinter,
  resourceQuotaPrinter,
  roleBindingPrinter,
} from './cluster-printers.js'
export {
  configMapPrinter,
  leasePrinter,
  namespacePrinter,
  priorityClassPrinter,
  secretPrinter,
  serviceAccountPrinter,
  webhookConfigurationPrinter,
} from './config-printers.js'
export {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  podTemplatePrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workload-printers.js'
