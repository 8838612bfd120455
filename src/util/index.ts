/** @module util: certificates, kubeconfigs, clocks, randomness and YAML error positions. */
export * from './pki.js'
export * from './rsa-keys.js'
export * from './kubeconfig.js'
export * from './clock.js'
export * from './random.js'
export * from './yaml-error.js'
