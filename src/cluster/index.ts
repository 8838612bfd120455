/**
 * @module cluster: the lab's topology (kind config + lab profile → nodes, Node objects) and the
 * kubeadm init/join emulation (bootstrap tokens, CA pin, join checks), all pure.
 */
export * from './kind-config-types.js'
export { parseKindConfig } from './kind-config.js'
export { kubeadmTopologyProblems, validateKindConfig } from './kind-config-validation.js'
export type { KindConfigProblem } from './kind-config-validation.js'
export * from './lab-profile.js'
export * from './topology.js'
export * from './node-object.js'
export * from './bootstrap-token.js'
export * from './ca-cert-hash.js'
export * from './join-validation.js'
export * from './kubeadm.js'
export * from './load-lab.js'
export { ConfigFileError } from './strict-yaml.js'
export type { ConfigProblem } from './strict-yaml.js'
export { parseQuantity, formatBinarySI, formatCpu } from './quantity.js'
export { parseIpv4, formatIpv4, isLoopbackIpv4 } from './ipv4.js'
