import { isObject } from '../../api/types.js'
import { FITS, type Plugin } from '../plugin.js'
import { insufficient, Reasons } from '../reasons.js'
import { podFacts } from '../node-info.js'
import { portsConflict } from '../resources.js'
import { podMatchesNode } from './node-selector.js'

/**
 * PodFitsResources: one more pod must fit the node's pod count, and each requested resource the
 * allocatable amount left by the pods already there. A pod requesting nothing only needs a pod slot.
 */
export const resourcesFilter: Plugin = {
  name: 'PodFitsResources',
  filter(pod, info) {
    let reasons: string[] | undefined
    if (info.pods.length + 1 > (info.allocatable.pods ?? 0)) reasons = [insufficient('pods')]
    const requests = podFacts(pod).requests
    for (const name in requests) {
      const amount = requests[name]!
      if (amount === 0 || name === 'pods') continue
      if ((info.allocatable[name] ?? 0) < amount + (info.requested[name] ?? 0))
        (reasons ??= []).push(insufficient(name))
    }
    return reasons ?? FITS
  },
}

/** PodFitsHost: a pod naming a node (spec.nodeName) fits only that node. */
export const hostNameFilter: Plugin = {
  name: 'HostName',
  filter(pod, info) {
    const wanted = isObject(pod.spec) ? pod.spec.nodeName : undefined
    return typeof wanted === 'string' && wanted !== '' && wanted !== info.name
      ? [Reasons.hostName]
      : FITS
  },
}

/** PodFitsHostPorts: the pod's host ports must be free on the node. */
export const hostPortsFilter: Plugin = {
  name: 'PodFitsHostPorts',
  filter(pod, info) {
    const wanted = podFacts(pod).ports
    if (wanted.length === 0) return FITS
    return wanted.some((w) => info.usedPorts.some((u) => portsConflict(w, u)))
      ? [Reasons.hostPorts]
      : FITS
  },
}

/** PodMatchNodeSelector: nodeSelector and required node affinity. */
export const nodeSelectorFilter: Plugin = {
  name: 'MatchNodeSelector',
  filter: (pod, info) => (podMatchesNode(pod, info.node) ? FITS : [Reasons.nodeSelector]),
}

/**
 * GeneralPredicates, as the 1.11 default provider registers them: resources, host name, host
 * ports and node selector, all evaluated so that every failing one is counted.
 */
export const generalFilter: Plugin = {
  name: 'GeneralPredicates',
  filter(pod, info, snapshot) {
    let reasons: readonly string[] = FITS
    for (const p of GENERAL) {
      const r = p.filter!(pod, info, snapshot)
      if (r.length > 0) reasons = reasons.length > 0 ? [...reasons, ...r] : r
    }
    return reasons
  },
}

const GENERAL = [resourcesFilter, hostNameFilter, hostPortsFilter, nodeSelectorFilter]
