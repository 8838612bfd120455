/** @module backends/existing: runs the install steps against any cluster given by a kubeconfig. */
export { ExistingBackend, type ExistingBackendOptions } from './existing-backend.js'
