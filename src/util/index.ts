/** @module util: certificates and kubeconfigs. */
export * from './pki.js'
export * from './rsa-keys.js'
export * from './kubeconfig.js'
export * from './clock.js'
export * from './random.js'
