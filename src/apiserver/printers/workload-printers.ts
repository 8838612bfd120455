import type { KubeObject } from '../../api/types.js'
import { at, num, optNum, rec, strMap } from './fields.js'
import { ageSince } from './human-duration.js'
import type { Printer } from './printer.js'
import {
  containerCells,
  formatLabels,
  formatLabelSelector,
  labelSelectorString,
} from './selectors.js'
import {
  ageColumn,
  column,
  containersColumn,
  imagesColumn,
  nameColumn,
  selectorColumn,
} from './table.js'

/** Returns spec.replicas; the API server defaults a missing value to 1 before storing. */
function desiredReplicas(obj: KubeObject): number {
  return optNum(obj, 'spec', 'replicas') ?? 1
}

const templateSpec = (obj: KubeObject) => at(obj, 'spec', 'template', 'spec')

/**
 * Prints deployments: Name, Ready (`ready/desired`), Up-to-date, Available, Age;
 * wide Containers, Images, Selector.
 */
export const deploymentPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', 'Number of pods running the newest pod template.'),
    column('Available', 'string', 'Number of pods available for at least minReadySeconds.'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn('deployment'),
  ],
  cells: (d, ctx) => {
    const [names, images] = containerCells(templateSpec(d))
    return [
      d.metadata.name ?? '',
      `${num(d, 'status', 'readyReplicas')}/${desiredReplicas(d)}`,
      num(d, 'status', 'updatedReplicas'),
      num(d, 'status', 'availableReplicas'),
      ageSince(d.metadata.creationTimestamp, ctx.now),
      names,
      images,
      labelSelectorString(at(d, 'spec', 'selector')) ?? '<invalid>',
    ]
  },
}

/** Prints replica sets: Name, Desired, Current, Ready, Age; wide Containers, Images, Selector. */
export const replicaSetPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Desired', 'integer', 'Number of pods the replica set should run.'),
    column('Current', 'integer', 'Number of pods the replica set runs now.'),
    column('Ready', 'integer', 'Number of ready pods of the replica set.'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn('replica set'),
  ],
  cells: (rs, ctx) => {
    const [names, images] = containerCells(templateSpec(rs))
    return [
      rs.metadata.name ?? '',
      desiredReplicas(rs),
      num(rs, 'status', 'replicas'),
      num(rs, 'status', 'readyReplicas'),
      ageSince(rs.metadata.creationTimestamp, ctx.now),
      names,
      images,
      formatLabelSelector(at(rs, 'spec', 'selector')),
    ]
  },
}

/** Prints replication controllers: like replica sets, with a map selector. */
export const replicationControllerPrinter: Printer = {
  columns: replicaSetPrinter.columns.map((c) =>
    c.name === 'Selector' ? selectorColumn('replication controller') : c
  ),
  cells: (rc, ctx) => {
    const [names, images] = containerCells(templateSpec(rc))
    return [
      rc.metadata.name ?? '',
      desiredReplicas(rc),
      num(rc, 'status', 'replicas'),
      num(rc, 'status', 'readyReplicas'),
      ageSince(rc.metadata.creationTimestamp, ctx.now),
      names,
      images,
      formatLabels(strMap(rc, 'spec', 'selector')),
    ]
  },
}

/** Prints stateful sets: Name, Ready (`ready/desired`), Age; wide Containers, Images. */
export const statefulSetPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Ready', 'string', 'Number of the pod with ready state'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
  ],
  cells: (ss, ctx) => [
    ss.metadata.name ?? '',
    `${num(ss, 'status', 'readyReplicas')}/${desiredReplicas(ss)}`,
    ageSince(ss.metadata.creationTimestamp, ctx.now),
    ...containerCells(templateSpec(ss)),
  ],
}

/**
 * Prints daemon sets: Name, Desired, Current, Ready, Up-to-date, Available, Node Selector, Age;
 * wide Containers, Images, Selector.
 */
export const daemonSetPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Desired', 'integer', 'Number of nodes that should run the daemon pod.'),
    column('Current', 'integer', 'Number of nodes that run at least one daemon pod.'),
    column('Ready', 'integer', 'Number of nodes whose daemon pod is ready.'),
    column('Up-to-date', 'integer', 'Number of nodes running the newest daemon pod template.'),
    column('Available', 'integer', 'Number of nodes whose daemon pod is available.'),
    column('Node Selector', 'string', 'The node selector of the pod template.'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn('daemon set'),
  ],
  cells: (ds, ctx) => [
    ds.metadata.name ?? '',
    num(ds, 'status', 'desiredNumberScheduled'),
    num(ds, 'status', 'currentNumberScheduled'),
    num(ds, 'status', 'numberReady'),
    num(ds, 'status', 'updatedNumberScheduled'),
    num(ds, 'status', 'numberAvailable'),
    formatLabels(strMap(templateSpec(ds), 'nodeSelector')),
    ageSince(ds.metadata.creationTimestamp, ctx.now),
    ...containerCells(templateSpec(ds)),
    formatLabelSelector(at(ds, 'spec', 'selector')),
  ],
}

/** Prints controller revisions: Name, Controller (`statefulset.apps/web`), Revision, Age. */
export const controllerRevisionPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Controller', 'string', 'Controller of the object'),
    column('Revision', 'string', 'The revision number of the stored state.'),
    ageColumn(),
  ],
  cells: (cr, ctx) => {
    const owner = cr.metadata.ownerReferences?.find((o) => o.controller === true)
    let controller = '<none>'
    if (owner) {
      const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : ''
      controller = `${(group ? `${owner.kind}.${group}` : owner.kind).toLowerCase()}/${owner.name}`
    }
    return [
      cr.metadata.name ?? '',
      controller,
      num(cr, 'revision'),
      ageSince(cr.metadata.creationTimestamp, ctx.now),
    ]
  },
}

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
