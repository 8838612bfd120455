import type { PrinterColumn } from '../../api/resources/index.js'
import { cronJobPrinter, jobPrinter } from './batch-printers.js'
import {
  apiServicePrinter,
  componentStatusPrinter,
  podDisruptionBudgetPrinter,
  resourceQuotaPrinter,
  roleBindingPrinter,
} from './cluster-printers.js'
import {
  configMapPrinter,
  leasePrinter,
  namespacePrinter,
  priorityClassPrinter,
  secretPrinter,
  serviceAccountPrinter,
  webhookConfigurationPrinter,
} from './config-printers.js'
import { newCustomResourcePrinter } from './custom-resource-printer.js'
import { defaultPrinter } from './default-printer.js'
import { eventPrinter } from './event-printer.js'
import { hpaPrinter } from './hpa-printer.js'
import { ingressClassPrinter, ingressPrinter, networkPolicyPrinter } from './network-printers.js'
import { nodePrinter } from './node-printer.js'
import { newPodPrinter } from './pod-printer.js'
import type { RestartsStyle } from './pod-printer.js'
import type { Printer } from './printer.js'
import { endpointsPrinter, servicePrinter } from './service-printers.js'
import {
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  storageClassPrinter,
} from './storage-printers.js'
import type { TableColumnDefinition } from './table.js'
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  podTemplatePrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workload-printers.js'

/** Built-in printers by `group/resource`; one resource served by several groups maps each. */
const BUILTIN: Record<string, Printer> = {
  '/services': servicePrinter,
  '/endpoints': endpointsPrinter,
  '/nodes': nodePrinter,
  '/namespaces': namespacePrinter,
  '/configmaps': configMapPrinter,
  '/secrets': secretPrinter,
  '/serviceaccounts': serviceAccountPrinter,
  '/events': eventPrinter,
  'events.k8s.io/events': eventPrinter,
  '/replicationcontrollers': replicationControllerPrinter,
  '/persistentvolumes': persistentVolumePrinter,
  '/persistentvolumeclaims': persistentVolumeClaimPrinter,
  '/resourcequotas': resourceQuotaPrinter,
  '/componentstatuses': componentStatusPrinter,
  '/podtemplates': podTemplatePrinter,
  'apps/deployments': deploymentPrinter,
  'extensions/deployments': deploymentPrinter,
  'apps/replicasets': replicaSetPrinter,
  'extensions/replicasets': replicaSetPrinter,
  'apps/statefulsets': statefulSetPrinter,
  'apps/daemonsets': daemonSetPrinter,
  'extensions/daemonsets': daemonSetPrinter,
  'apps/controllerrevisions': controllerRevisionPrinter,
  'batch/jobs': jobPrinter,
  'batch/cronjobs': cronJobPrinter,
  'autoscaling/horizontalpodautoscalers': hpaPrinter,
  'policy/poddisruptionbudgets': podDisruptionBudgetPrinter,
  'extensions/ingresses': ingressPrinter,
  'networking.k8s.io/ingresses': ingressPrinter,
  'networking.k8s.io/ingressclasses': ingressClassPrinter,
  'extensions/networkpolicies': networkPolicyPrinter,
  'networking.k8s.io/networkpolicies': networkPolicyPrinter,
  'rbac.authorization.k8s.io/rolebindings': roleBindingPrinter,
  'rbac.authorization.k8s.io/clusterrolebindings': roleBindingPrinter,
  'admissionregistration.k8s.io/mutatingwebhookconfigurations': webhookConfigurationPrinter,
  'admissionregistration.k8s.io/validatingwebhookconfigurations': webhookConfigurationPrinter,
  'apiregistration.k8s.io/apiservices': apiServicePrinter,
  'storage.k8s.io/storageclasses': storageClassPrinter,
  'scheduling.k8s.io/priorityclasses': priorityClassPrinter,
  'coordination.k8s.io/leases': leasePrinter,
}

/** How to pick a printer. */
export interface PrinterSelection {
  /** The CRD's printer columns: given (even empty) for a custom resource. */
  printerColumns?: PrinterColumn[]
  /** The Restarts format of pods (default `count`, as kube-apiserver 1.11 prints it). */
  restarts?: RestartsStyle
}

/**
 * Returns the printer of a resource: the CRD's columns for a custom resource, the built-in
 * printer of a Kubernetes resource, else the default `Name`, `Created At` printer.
 */
export function printerFor(resource: string, group: string, sel: PrinterSelection = {}): Printer {
  if (sel.printerColumns) return newCustomResourcePrinter(sel.printerColumns)
  if (group === '' && resource === 'pods') return newPodPrinter(sel.restarts)
  return BUILTIN[`${group}/${resource}`] ?? defaultPrinter
}

/** Returns the column definitions kube-apiserver serves for a resource of a group. */
export function tableColumnsFor(
  resource: string,
  group: string,
  sel: PrinterSelection = {}
): TableColumnDefinition[] {
  return printerFor(resource, group, sel).columns.map((c) => ({ ...c }))
}
