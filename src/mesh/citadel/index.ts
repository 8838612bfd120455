/** @module citadel: Citadel 1.0, per-service-account SPIFFE certificates from the lab's CA and their `istio.<sa>` secrets. */
export { Citadel, spiffeUri, ISTIO_SECRET_TYPE, WORKLOAD_CERT_DAYS } from './citadel.js'
export { CitadelController } from './citadel-controller.js'
export { SpareCpuKeys, SPARE_CPU_NICE, type SpareCpuKeyPair } from './spare-cpu-keys.js'
