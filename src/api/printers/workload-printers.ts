import type { KubeObject } from '../types.js'
import { at, num, optNum, rec, strMap } from './fields.js'
import { namedPrinter, templateCells, templateColumns } from './named-printer.js'
import type { Printer } from './printer.js'
import {
  containerCells,
  formatLabels,
  formatLabelSelector,
  labelSelectorString,
} from './selectors.js'
import { column, nameColumn } from './table-columns.js'

/** Returns spec.replicas; the API server defaults a missing value to 1 before storing. */
function desiredReplicas(obj: KubeObject): number {
  return optNum(obj, 'spec', 'replicas') ?? 1
}

const templateSpec = (obj: KubeObject) => at(obj, 'spec', 'template', 'spec')

/**
 * Prints deployments: Name, Ready (`ready/desired`), Up-to-date, Available, Age;
 * wide Containers, Images, Selector.
 */
export const deploymentPrinter = namedPrinter({
  columns: [
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', 'Number of pods running the newest pod template.'),
    column('Available', 'string', 'Number of pods available for at least minReadySeconds.'),
  ],
  cells: (d) => [
    `${num(d, 'status', 'readyReplicas')}/${desiredReplicas(d)}`,
    num(d, 'status', 'updatedReplicas'),
    num(d, 'status', 'availableReplicas'),
  ],
  tail: templateColumns('deployment'),
  tailCells: (d) =>
    templateCells(templateSpec(d), labelSelectorString(at(d, 'spec', 'selector')) ?? '<invalid>'),
})

/** The Desired, Current and Ready columns of replica sets and replication controllers. */
const replicaColumns = [
  column('Desired', 'integer', 'Number of pods the replica set should run.'),
  column('Current', 'integer', 'Number of pods the replica set runs now.'),
  column('Ready', 'integer', 'Number of ready pods of the replica set.'),
]

/** Returns the Desired, Current and Ready cells of a replica set or replication controller. */
const replicaCells = (rs: KubeObject) => [
  desiredReplicas(rs),
  num(rs, 'status', 'replicas'),
  num(rs, 'status', 'readyReplicas'),
]

/** Prints replica sets: Name, Desired, Current, Ready, Age; wide Containers, Images, Selector. */
export const replicaSetPrinter = namedPrinter({
  columns: replicaColumns,
  cells: replicaCells,
  tail: templateColumns('replica set'),
  tailCells: (rs) =>
    templateCells(templateSpec(rs), formatLabelSelector(at(rs, 'spec', 'selector'))),
})

/** Prints replication controllers: like replica sets, with a map selector. */
export const replicationControllerPrinter = namedPrinter({
  columns: replicaColumns,
  cells: replicaCells,
  tail: templateColumns('replication controller'),
  tailCells: (rc) => templateCells(templateSpec(rc), formatLabels(strMap(rc, 'spec', 'selector'))),
})

/** Prints stateful sets: Name, Ready (`ready/desired`), Age; wide Containers, Images. */
export const statefulSetPrinter = namedPrinter({
  columns: [column('Ready', 'string', 'Number of the pod with ready state')],
  cells: (ss) => [`${num(ss, 'status', 'readyReplicas')}/${desiredReplicas(ss)}`],
  tail: templateColumns(),
  tailCells: (ss) => templateCells(templateSpec(ss)),
})

/**
 * Prints daemon sets: Name, Desired, Current, Ready, Up-to-date, Available, Node Selector, Age;
 * wide Containers, Images, Selector.
 */
export const daemonSetPrinter = namedPrinter({
  columns: [
    column('Desired', 'integer', 'Number of nodes that should run the daemon pod.'),
    column('Current', 'integer', 'Number of nodes that run at least one daemon pod.'),
    column('Ready', 'integer', 'Number of nodes whose daemon pod is ready.'),
    column('Up-to-date', 'integer', 'Number of nodes running the newest daemon pod template.'),
    column('Available', 'integer', 'Number of nodes whose daemon pod is available.'),
    column('Node Selector', 'string', 'The node selector of the pod template.'),
  ],
  cells: (ds) => [
    ...DAEMON_COUNTS.map((field) => num(ds, 'status', field)),
    formatLabels(strMap(templateSpec(ds), 'nodeSelector')),
  ],
  tail: templateColumns('daemon set'),
  tailCells: (ds) =>
    templateCells(templateSpec(ds), formatLabelSelector(at(ds, 'spec', 'selector'))),
})

/** The status counts of the Desired, Current, Ready, Up-to-date and Available columns. */
const DAEMON_COUNTS = [
  'desiredNumberScheduled',
  'currentNumberScheduled',
  'numberReady',
  'updatedNumberScheduled',
  'numberAvailable',
]

/** Prints controller revisions: Name, Controller (`statefulset.apps/web`), Revision, Age. */
export const controllerRevisionPrinter = namedPrinter({
  columns: [
    column('Controller', 'string', 'Controller of the object'),
    column('Revision', 'string', 'The revision number of the stored state.'),
  ],
  cells: (cr) => {
    const owner = cr.metadata.ownerReferences?.find((o) => o.controller === true)
    let controller = '<none>'
    if (owner) {
      const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : ''
      controller = `${(group ? `${owner.kind}.${group}` : owner.kind).toLowerCase()}/${owner.name}`
    }
    return [controller, num(cr, 'revision')]
  },
})

/** Prints pod templates: Name, Containers, Images, Pod Labels. */
export const podTemplatePrinter: Printer = {
  columns: [
    nameColumn(),
    column('Containers', 'string', 'Names of the containers in the template.'),
    column('Images', 'string', 'Images of the containers in the template.'),
    column('Pod Labels', 'string', 'The labels of the pod template.'),
  ],
  cells: (pt) => [
    pt.metadata.name ?? '',
    ...containerCells(at(pt, 'template', 'spec')),
    formatLabels(strMap(rec(pt, 'template'), 'metadata', 'labels')),
  ],
}
