/** @module istioctl: `istioctl proxy-config`, `authn tls-check` and `proxy-status` from the same Pilot function. */
export { clientFromKubeconfig } from './kubeconfig-client.js'
export { loadMeshObjects } from './load-mesh.js'
export {
  printProxyConfig,
  sectionOf,
  PROXY_CONFIG_SECTIONS,
  type ProxyConfigSection,
} from './proxy-config-print.js'
export { printTlsCheck, tlsCheckRows, type TlsCheckRow } from './tls-check.js'
export { printProxyStatus } from './proxy-status.js'
export { runIstioctl, type IstioctlIo } from './run-istioctl.js'
