/** @module sim: the simulated cluster backend. */
export * from './sim-cluster.js'
export * from './sim-pki.js'
export * from './sim-lab.js'
export * from './sim-kubeadm.js'
export * from './sim-machines.js'
export * from './webhook-behaviours.js'
export * from './scenario.js'
export * from './data-plane.js'
